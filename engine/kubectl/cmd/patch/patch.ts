import type { KubeObject } from "../../../api/types";
import { registerCommand } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { kindPrefix, resourcePath } from "../../client/discovery";
import { check, PATCH_TYPES } from "../../client/rest";
import { buildTargets } from "../../resource/builder";
import { deepEqual } from "../../../util/json";
import { yamlToJson } from "../../resource/manifest";
import { dryRunStrategy, printerFor } from "../options";

/** `kubectl patch` with strategic (default), merge or json patches, `patched` or `patched (no change)`. */
registerCommand("patch", (c) => {
  const type = (c.flags.string("type") || "strategic") as keyof typeof PATCH_TYPES;
  if (!["strategic", "merge", "json"].includes(type)) throw new Error(`--type must be one of [json merge strategic], not "${type}"`);
  let text = c.flags.string("patch");
  if (c.flags.string("patch-file")) {
    const p = c.flags.string("patch-file");
    text = c.ctx.host.fs.readFileSync(p.startsWith("/") ? p : `${c.ctx.cwd}/${p}`) ?? "";
  }
  if (!text) throw usageError(c.commandPath, "Must specify -p to patch");
  const converted = yamlToJson(text);
  if ("error" in converted) throw new Error(`unable to parse ${JSON.stringify(text)}: ${converted.error}`);
  const body = "json" in converted ? converted.json : converted.value;
  const dryRun = dryRunStrategy(c);
  const printer = printerFor(c);
  const targets = buildTargets(c.factory, { args: c.args, filenames: c.flags.strings("filename"), allowEmptySelector: false });
  const rest = c.factory.rest();
  for (const t of targets) {
    if (t.kind === "list") continue;
    const before = check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace, t.name, c.flags.string("subresource") || undefined) })) as KubeObject;
    const after = check(
      rest.request({
        method: "PATCH",
        path: resourcePath(t.mapping, t.namespace, t.name, c.flags.string("subresource") || undefined),
        query: { dryRun: dryRun !== "none" ? "All" : undefined, fieldManager: c.flags.string("field-manager") || "kubectl-patch" },
        body,
        headers: { "content-type": PATCH_TYPES[type] },
      }),
    ) as KubeObject;
    const changed = !deepEqual({ ...after, metadata: { ...after.metadata, resourceVersion: "", managedFields: undefined } }, { ...before, metadata: { ...before.metadata, resourceVersion: "", managedFields: undefined } });
    const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
    c.out(printer ? printer.print(after) : `${kindPrefix(t.mapping)}/${t.name} patched${changed ? "" : " (no change)"}${suffix}\n`);
  }
  return 0;
});
