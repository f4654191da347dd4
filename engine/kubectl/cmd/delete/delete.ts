import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError, StatusError, usageError } from "../../cli/errors";
import { resourcePath, type ResourceMapping } from "../../client/discovery";
import { check } from "../../client/rest";
import { buildTargets } from "../../resource/builder";
import { dryRunStrategy, printerFor, type DryRun } from "../options";
import { withSource } from "../create/submit";
import { rawRequest, validateRaw } from "../raw";

/** kubectl delete's cascade flag: background (default), foreground, orphan; true/false are legacy spellings. */
function propagation(c: CommandContext): string {
  const v = c.flags.string("cascade");
  switch (v) {
    case "background":
    case "true":
      return "Background";
    case "foreground":
      return "Foreground";
    case "orphan":
    case "false":
      return "Orphan";
    default:
      throw new Error(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
  }
}

function deletedLine(mapping: ResourceMapping, name: string, force: boolean, dryRun: DryRun): string {
  const kind = mapping.group ? `${mapping.kind.toLowerCase()}.${mapping.group}` : mapping.kind.toLowerCase();
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  return `${kind} "${name}" ${force ? "force deleted" : "deleted"}${suffix}\n`;
}

/** Waits on the cluster clock until every deleted object is gone (--wait), up to --timeout. */
async function waitGone(c: CommandContext, gone: { mapping: ResourceMapping; namespace?: string; name: string; uid?: string }[]): Promise<void> {
  const timeout = c.flags.duration("timeout") || 10 * 60 * 1000;
  const rest = c.factory.rest();
  let waited = 0;
  for (;;) {
    const remaining = gone.filter((g) => {
      const r = rest.request({ method: "GET", path: resourcePath(g.mapping, g.namespace, g.name) });
      return r.status !== 404 && (r.body as KubeObject | undefined)?.metadata?.uid === g.uid;
    });
    if (remaining.length === 0) return;
    if (waited >= timeout || c.ctx.signal.aborted) {
      const first = remaining[0];
      throw new Error(`timed out waiting for the condition on ${first.mapping.resource}/${first.name}`);
    }
    await c.ctx.sleep(1000);
    waited += 1000;
  }
}

registerCommand("delete", async (c) => {
  const filenames = c.flags.strings("filename");
  const all = c.flags.bool("all");
  const selector = c.flags.string("selector");
  if (all && selector) throw new Error("setting 'all' parameter but found a non empty selector. ");
  if (all && c.flags.string("field-selector")) throw new Error("cannot set --all and --field-selector at the same time");
  let grace = c.flags.int("grace-period");
  const force = c.flags.bool("force");
  if (c.flags.bool("now")) {
    if (grace !== -1) throw new Error("--now and --grace-period cannot be specified together");
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const policy = propagation(c);
  const dryRun = dryRunStrategy(c);
  const printer = printerFor(c);
  const raw = c.flags.string("raw");
  if (raw) {
    validateRaw(raw, filenames, { fileRequired: false, recursive: c.flags.bool("recursive"), output: c.flags.string("output") });
    return rawRequest(c, "DELETE", raw, filenames[0]);
  }
  if (c.args.length === 0 && filenames.length === 0 && !c.flags.string("kustomize")) {
    throw usageError(c.commandPath, 'You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  }
  const targets = buildTargets(c.factory, {
    args: c.args,
    filenames,
    kustomize: c.flags.string("kustomize"),
    recursive: c.flags.bool("recursive"),
    labelSelector: selector,
    fieldSelector: c.flags.string("field-selector"),
    allNamespaces: c.flags.bool("all-namespaces"),
    selectAll: all,
    allowEmptySelector: false,
  });
  const rest = c.factory.rest();
  const errors: Error[] = [];
  const objects: { mapping: ResourceMapping; namespace?: string; name: string; uid?: string; source?: string }[] = [];
  let found = 0;
  for (const t of targets) {
    if (t.kind === "list") {
      const list = check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace), query: { labelSelector: selector || undefined, fieldSelector: c.flags.string("field-selector") || undefined } })) as { items?: KubeObject[] };
      for (const item of list.items ?? []) objects.push({ mapping: t.mapping, namespace: item.metadata.namespace, name: item.metadata.name! });
    } else objects.push({ mapping: t.mapping, namespace: t.namespace, name: t.name, ...(t.kind === "object" ? { source: t.source } : {}) });
  }
  if (grace === 0 && force && objects.length > 0) {
    c.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
  }
  const deleted: typeof objects = [];
  for (const o of objects) {
    try {
      const options: Record<string, unknown> = { propagationPolicy: policy };
      if (grace >= 0) options.gracePeriodSeconds = grace;
      let result: KubeObject | undefined;
      if (dryRun === "client") {
        result = check(rest.request({ method: "GET", path: resourcePath(o.mapping, o.namespace, o.name) })) as KubeObject;
      } else {
        result = check(
          rest.request({
            method: "DELETE",
            path: resourcePath(o.mapping, o.namespace, o.name),
            body: { ...options, ...(dryRun === "server" ? { dryRun: ["All"] } : {}) },
            headers: { "content-type": "application/json" },
          }),
        ) as KubeObject;
      }
      found++;
      deleted.push({ ...o, uid: result?.metadata?.uid });
      c.out(printer?.isName ? `${o.mapping.group ? `${o.mapping.kind.toLowerCase()}.${o.mapping.group}` : o.mapping.kind.toLowerCase()}/${o.name}\n` : deletedLine(o.mapping, o.name, force && grace === 0, dryRun));
    } catch (e) {
      if (e instanceof StatusError && e.status.code === 404 && c.flags.bool("ignore-not-found")) continue;
      // deleteResource's cmdutil.AddSourceToErr: an object read from a file names that file.
      errors.push((o.source ? withSource("deleting", o.source, e) : e) as Error);
    }
  }
  if (found === 0 && errors.length === 0 && !c.flags.bool("ignore-not-found") && targets.some((t) => t.kind === "list")) {
    c.out("No resources found\n");
  }
  if (c.flags.bool("wait") && dryRun === "none" && deleted.length > 0 && !(force && grace === 0)) await waitGone(c, deleted);
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
});
