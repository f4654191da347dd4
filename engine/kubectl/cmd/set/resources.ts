/* eslint-disable @typescript-eslint/no-explicit-any */
import { registerCommand } from "../../cli/command";
import { applyPatches, commonChecks, globMatch, notPodTemplate, podSpecOf, setInfos } from "./common";

/** `kubectl set resources TYPE NAME --limits=… --requests=… [-c CONTAINER]`. */
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function parseList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(",").filter(Boolean)) {
    const eq = pair.indexOf("=");
    if (eq < 0) throw new Error(`invalid argument syntax ${pair}`);
    const value = pair.slice(eq + 1);
    if (!QUANTITY.test(value)) throw new Error("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    out[pair.slice(0, eq)] = value;
  }
  return out;
}

registerCommand("set resources", (c) => {
  const dryRun = commonChecks(c);
  if (c.flags.bool("all") && c.flags.string("selector")) throw new Error("cannot set --all and --selector at the same time");
  const limits = parseList(c.flags.string("limits"));
  const requests = parseList(c.flags.string("requests"));
  if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) throw new Error("you must specify an update to requests or limits (in the form of --requests/--limits)");
  const infos = setInfos(c, c.args);
  const selector = c.flags.string("containers") || "*";
  applyPatches(c, infos, dryRun, { operation: "resource requirements updated", failurePrefix: "failed to patch resources update to pod template" }, (obj) => {
      const spec = podSpecOf(obj);
      if (!spec) return notPodTemplate(obj);
      const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter((x: any) => globMatch(selector, x.name));
      if (containers.length === 0) throw new Error(`unable to find container named ${selector}`);
      for (const container of containers) {
        const resources = (container.resources ??= {});
        if (Object.keys(limits).length) resources.limits = { ...(resources.limits ?? {}), ...limits };
        if (Object.keys(requests).length) resources.requests = { ...(resources.requests ?? {}), ...requests };
      }
      return undefined;
    });
  return 0;
});
