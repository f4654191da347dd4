import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { rawRequest, validateRaw } from "../raw";
import { AggregateError, StatusError } from "../../cli/errors";
import { kindPrefix, resourcePath } from "../../client/discovery";
import { check } from "../../client/rest";
import { fetchInfos, targetsFromFlags, type Info } from "../../resource/infos";
import { withSource } from "../create/submit";
import { dryRunStrategy, fieldValidation, printerFor, withLastApplied, type DryRun } from "../options";

/**
 * `kubectl replace -f FILE`: PUTs each object (taking the live resourceVersion when the file has
 * none); `--force` deletes the objects, waits until they are gone, and creates them again.
 */
function suffix(dryRun: DryRun): string {
  return dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
}

function prepared(c: CommandContext, info: Info): KubeObject {
  const obj = JSON.parse(JSON.stringify(info.object)) as KubeObject;
  if (info.mapping.namespaced) obj.metadata = { ...obj.metadata, namespace: info.namespace };
  return c.flags.bool("save-config") ? withLastApplied(obj) : obj;
}

function replaceOne(c: CommandContext, info: Info, dryRun: DryRun, validation: string): KubeObject {
  const rest = c.factory.rest();
  const obj = prepared(c, info);
  if (dryRun === "client") return obj;
  const subresource = c.flags.string("subresource") || undefined;
  if (!obj.metadata.resourceVersion) {
    const live = check(rest.request({ method: "GET", path: resourcePath(info.mapping, info.namespace, info.name, subresource) })) as KubeObject;
    obj.metadata.resourceVersion = live.metadata.resourceVersion;
  }
  return check(
    rest.request({
      method: "PUT",
      path: resourcePath(info.mapping, info.namespace, info.name, subresource),
      query: { dryRun: dryRun === "server" ? "All" : undefined, fieldManager: c.flags.string("field-manager") || "kubectl-replace", fieldValidation: validation },
      body: obj,
      headers: { "content-type": "application/json" },
    }),
  ) as KubeObject;
}

/** Deletes, waits for the objects to disappear (up to --timeout), then creates them. */
async function forceReplace(c: CommandContext, infos: Info[], validation: string): Promise<void> {
  const rest = c.factory.rest();
  const grace = c.flags.int("grace-period");
  const gone: { info: Info; uid?: string }[] = [];
  for (const info of infos) {
    const body: Record<string, unknown> = { propagationPolicy: c.flags.string("cascade") === "orphan" ? "Orphan" : c.flags.string("cascade") === "foreground" ? "Foreground" : "Background" };
    if (grace >= 0) body.gracePeriodSeconds = grace;
    const response = rest.request({ method: "DELETE", path: resourcePath(info.mapping, info.namespace, info.name), body, headers: { "content-type": "application/json" } });
    if (response.status === 404) continue;
    const deleted = check(response) as KubeObject;
    c.out(`${kindPrefix(info.mapping)} "${info.name}" deleted\n`);
    gone.push({ info, uid: deleted?.metadata?.uid });
  }
  const timeout = c.flags.duration("timeout") || 0;
  let waited = 0;
  for (;;) {
    const remaining = gone.filter(({ info, uid }) => {
      const r = rest.request({ method: "GET", path: resourcePath(info.mapping, info.namespace, info.name) });
      return r.status !== 404 && (r.body as KubeObject | undefined)?.metadata?.uid === uid;
    });
    if (remaining.length === 0) break;
    if (c.ctx.signal.aborted) return;
    if (timeout > 0 && waited >= timeout) throw new Error("timed out waiting for the condition");
    await c.ctx.sleep(1000);
    waited += 1000;
  }
  const printer = printerFor(c);
  for (const info of infos) {
    const obj = prepared(c, info);
    delete (obj.metadata as Record<string, unknown>).resourceVersion;
    const created = check(
      rest.request({
        method: "POST",
        path: resourcePath(info.mapping, info.namespace),
        query: { fieldManager: c.flags.string("field-manager") || "kubectl-replace", fieldValidation: validation },
        body: obj,
        headers: { "content-type": "application/json" },
      }),
    ) as KubeObject;
    c.out(printer ? printer.print(created) : `${kindPrefix(info.mapping)}/${info.name} replaced\n`);
  }
}

registerCommand("replace", async (c) => {
  const filenames = c.flags.strings("filename");
  if (filenames.length === 0 && !c.flags.string("kustomize")) throw new Error("must specify one of -f and -k");
  const raw = c.flags.string("raw");
  if (raw) {
    validateRaw(raw, filenames, { fileRequired: true, recursive: c.flags.bool("recursive"), output: c.flags.string("output") });
    return rawRequest(c, "PUT", raw, filenames[0]);
  }
  const dryRun = dryRunStrategy(c);
  const validation = fieldValidation(c) ?? "Strict";
  const force = c.flags.bool("force");
  if (force && dryRun !== "none") throw new Error("--dry-run can not be used when --force is set");
  const { infos } = fetchInfos(c, targetsFromFlags(c, [], {}), { local: true });
  if (force) {
    await forceReplace(c, infos, validation);
    return 0;
  }
  const printer = printerFor(c);
  const errors: Error[] = [];
  for (const info of infos) {
    try {
      const result = replaceOne(c, info, dryRun, validation);
      c.out(printer ? printer.print(result) : `${kindPrefix(info.mapping)}/${info.name} replaced${suffix(dryRun)}\n`);
    } catch (e) {
      errors.push((e instanceof StatusError ? withSource("replacing", info.source ?? "", e) : e) as Error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
});
