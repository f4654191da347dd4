import type { KubeObject } from "../../../api/types";
import { registerCommand } from "../../cli/command";
import { AggregateError, usageError } from "../../cli/errors";
import { kindPrefix, resourcePath } from "../../client/discovery";
import { check, PATCH_TYPES } from "../../client/rest";
import { buildTargets } from "../../resource/builder";
import { dryRunStrategy, printerFor } from "../options";

/** `kubectl scale`: PATCHes the scale subresource (with --current-replicas as a precondition). */
registerCommand("scale", (c) => {
  const replicas = c.flags.int("replicas");
  if (replicas < 0) throw new Error("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  if (c.args.length === 0 && c.flags.strings("filename").length === 0) throw usageError(c.commandPath, "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const dryRun = dryRunStrategy(c);
  const targets = buildTargets(c.factory, { args: c.args, filenames: c.flags.strings("filename"), labelSelector: c.flags.string("selector"), selectAll: c.flags.bool("all"), allowEmptySelector: false });
  const rest = c.factory.rest();
  const errors: Error[] = [];
  // The builder reads each named object first; what it cannot read is reported after the others
  // are scaled, or as "no objects passed to scale …" when nothing is left (RunScale's infoErr).
  const infoErrors: Error[] = [];
  // With -o, kubectl prints the objects as the builder read them, before the scale (replicas unchanged).
  const work: { t: (typeof targets)[number]; objects: KubeObject[] }[] = [];
  for (const t of targets) {
    if (t.kind === "list") {
      const list = check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace), query: { labelSelector: c.flags.string("selector") || undefined } })) as { items?: KubeObject[] };
      work.push({ t, objects: (list.items ?? []).map((o) => ({ ...o, apiVersion: t.mapping.group ? `${t.mapping.group}/${t.mapping.version}` : t.mapping.version, kind: t.mapping.kind })) });
      continue;
    }
    if (t.kind === "name") {
      try {
        work.push({ t, objects: [check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace, t.name) })) as KubeObject] });
      } catch (e) {
        infoErrors.push(e as Error);
      }
      continue;
    }
    work.push({ t, objects: [t.object] });
  }
  if (work.length === 0 && infoErrors.length > 0) {
    const text = infoErrors.length === 1 ? infoErrors[0].message : `[${infoErrors.map((e) => e.message).join(", ")}]`;
    throw new Error(`no objects passed to scale ${text}`);
  }
  const printer = printerFor(c);
  for (const { t, objects } of work) {
    for (const obj of objects) {
      const name = obj.metadata.name!;
      try {
        if (!t.mapping.subresources.includes("scale")) throw new Error(`no scaler has been implemented for {"${t.mapping.group}" "${t.mapping.kind}"}`);
        const current = c.flags.int("current-replicas");
        if (current >= 0) {
          const scale = check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace, name, "scale") })) as { spec?: { replicas?: number } };
          if ((scale.spec?.replicas ?? 0) !== current) {
            throw new Error(`Expected replicas to be ${current}, was ${scale.spec?.replicas ?? 0}`);
          }
        }
        if (dryRun !== "client") {
          check(rest.request({
            method: "PATCH",
            path: resourcePath(t.mapping, t.namespace, name, "scale"),
            query: { dryRun: dryRun === "server" ? "All" : undefined, fieldManager: "kubectl-scale" },
            body: { spec: { replicas } },
            headers: { "content-type": PATCH_TYPES.merge },
          }));
        }
        const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
        c.out(printer ? printer.print(obj) : `${kindPrefix(t.mapping)}/${name} scaled${suffix}\n`);
      } catch (e) {
        errors.push(e as Error);
      }
    }
  }
  errors.push(...infoErrors);
  if (errors.length) throw new AggregateError(errors);
  return 0;
});
