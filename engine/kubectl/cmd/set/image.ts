/* eslint-disable @typescript-eslint/no-explicit-any */
import { registerCommand } from "../../cli/command";
import { AggregateError } from "../../cli/errors";
import { applyPatches, commonChecks, notPodTemplate, podSpecOf, resourcesAndPairs, setInfos } from "./common";

/** `kubectl set image TYPE NAME CONTAINER=IMAGE…` (`*=IMAGE` for every container, init containers included). */
registerCommand("set image", (c) => {
  const { resources, pairs } = resourcesAndPairs(c.args, "image");
  const images = new Map<string, string>();
  for (const p of pairs) {
    const eq = p.indexOf("=");
    images.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const problems: Error[] = [];
  if (c.flags.bool("all") && c.flags.string("selector")) problems.push(new Error("cannot set --all and --selector at the same time"));
  if (resources.length < 1 && c.flags.strings("filename").length === 0) problems.push(new Error("one or more resources must be specified as <resource> <name> or <resource>/<name>"));
  if (images.size < 1) problems.push(new Error("at least one image update is required"));
  else if (images.size > 1 && images.has("*")) problems.push(new Error("all containers are already specified by *, but saw more than one container_name=container_image pairs"));
  const dryRun = commonChecks(c);
  if (problems.length > 0) throw new AggregateError(problems);
  const infos = setInfos(c, resources);
  const errors: Error[] = [];
  applyPatches(c, infos, dryRun, { operation: "image updated", failurePrefix: "failed to patch image update to pod template", errors }, (obj) => {
      const spec = podSpecOf(obj);
      if (!spec) return notPodTemplate(obj);
      for (const [name, image] of images) {
        let found = false;
        for (const list of [spec.initContainers ?? [], spec.containers ?? []]) {
          for (const container of list as any[]) {
            if (name === "*" || container.name === name) {
              container.image = image;
              found = true;
            }
          }
        }
        if (!found) errors.push(new Error(`error: unable to find container named "${name}"`));
      }
      return undefined;
    });
  return 0;
});
