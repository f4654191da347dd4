import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { resourcePath } from "../../client/discovery";
import { check, PATCH_TYPES } from "../../client/rest";
import { dryRunStrategy, type DryRun } from "../options";

/** cordon, uncordon and taint: node changes sent as strategic merge patches, with kubectl's messages. */
function nodeMapping(c: CommandContext) {
  return c.factory.discovery().resolve("nodes");
}

/** Cordons (or uncordons) one node, printing kubectl's line; `drain` cordons through this too. */
export function cordonNode(c: CommandContext, name: string, value: boolean, dryRun: DryRun): void {
  const mapping = nodeMapping(c);
  const rest = c.factory.rest();
  const node = check(rest.request({ method: "GET", path: resourcePath(mapping, undefined, name) })) as KubeObject & { spec?: { unschedulable?: boolean } };
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  if (!!node.spec?.unschedulable === value) {
    c.out(`node/${name} already ${value ? "cordoned" : "uncordoned"}${suffix}\n`);
    return;
  }
  if (dryRun !== "client") {
    check(rest.request({ method: "PATCH", path: resourcePath(mapping, undefined, name), query: { dryRun: dryRun === "server" ? "All" : undefined }, body: { spec: { unschedulable: value ? true : null } }, headers: { "content-type": PATCH_TYPES.strategic } }));
  }
  c.out(`node/${name} ${value ? "cordoned" : "uncordoned"}${suffix}\n`);
}

/** The nodes named by the arguments (`node01`, `node/node01`) or chosen by -l. */
export function nodeNames(c: CommandContext): string[] {
  const mapping = nodeMapping(c);
  if (c.args.length) return c.args.map((a) => a.replace(/^(node|nodes|no)\//, ""));
  const list = check(c.factory.rest().request({ method: "GET", path: resourcePath(mapping), query: { labelSelector: c.flags.string("selector") } })) as { items: KubeObject[] };
  return list.items.map((n) => n.metadata.name!);
}

function setUnschedulable(c: CommandContext, value: boolean): number {
  if (c.args.length === 0 && !c.flags.string("selector")) throw usageError(c.commandPath, "USAGE: " + (value ? "cordon" : "uncordon") + " NODE [flags]");
  const dryRun = dryRunStrategy(c);
  for (const name of nodeNames(c)) cordonNode(c, name, value, dryRun);
  return 0;
}

registerCommand("cordon", (c) => setUnschedulable(c, true));
registerCommand("uncordon", (c) => setUnschedulable(c, false));

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

const EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
const QUALIFIED_NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * A removal (`KEY-`, `KEY:EFFECT-`, or a whole `KEY=VALUE:EFFECT-` as `kubectl taint` printed it):
 * with an effect the value is ignored, as kubectl parses the spec as a taint; without one, the
 * spec must be a bare key.
 */
function removalSpec(commandPath: string, body: string): { key: string; effect?: string } {
  const colon = body.indexOf(":");
  if (colon >= 0) return { key: body.slice(0, colon).split("=")[0], effect: body.slice(colon + 1) };
  const name = body.slice(body.lastIndexOf("/") + 1);
  if (!QUALIFIED_NAME_PART.test(name)) {
    throw usageError(
      commandPath,
      `invalid taint spec: ${body}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  }
  return { key: body };
}

registerCommand("taint", (c) => {
  const args = [...c.args];
  if (args.length < 2) throw usageError(c.commandPath, "at least one taint update is required");
  const [type, ...rest] = args;
  // As kubectl splits them: arguments before the first taint-looking one (KEY=, KEY:, KEY-) name nodes.
  const isTaint = (s: string) => s.includes("=") || s.includes(":") || s.endsWith("-");
  const first = rest.findIndex(isTaint);
  const nameArgs = first < 0 ? rest : rest.slice(0, first);
  const specs = first < 0 ? [] : rest.slice(first);
  const stray = specs.find((s) => !isTaint(s));
  if (stray !== undefined) throw new Error(`all resources must be specified before taint changes: ${stray}`);
  // Names alone (no taint after them) fail in validation, without the usage hint.
  if (specs.length === 0) throw new Error("at least one taint update is required");
  const names = type.includes("/") ? [type.split("/")[1], ...nameArgs.map((n) => n.split("/").pop()!)] : nameArgs;
  if (!/^(node|nodes|no)(\/|$)/.test(type)) throw new Error(`invalid resource type ${type.split("/")[0]}, only node types are supported`);
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const spec of specs) {
    if (spec.endsWith("-")) {
      remove.push(removalSpec(c.commandPath, spec.slice(0, -1)));
      continue;
    }
    const m = /^([^=:]+)(?:=([^:]*))?:(.+)$/.exec(spec);
    if (!m) throw new Error(`invalid taint spec: ${spec}, unknown taint spec format`);
    if (!EFFECTS.includes(m[3])) throw new Error(`invalid taint spec: ${spec}, invalid taint effect: ${m[3]}, unsupported taint effect`);
    add.push({ key: m[1], ...(m[2] !== undefined && m[2] !== "" ? { value: m[2] } : {}), effect: m[3] });
  }
  const mapping = nodeMapping(c);
  const r = c.factory.rest();
  for (const name of names) {
    const node = check(r.request({ method: "GET", path: resourcePath(mapping, undefined, name) })) as KubeObject & { spec?: { taints?: Taint[] } };
    let taints = [...(node.spec?.taints ?? [])];
    for (const rm of remove) {
      const before = taints.length;
      taints = taints.filter((t) => !(t.key === rm.key && (!rm.effect || t.effect === rm.effect)));
      if (taints.length === before) throw new Error(`taint "${rm.key}${rm.effect ? ":" + rm.effect : ""}" not found`);
    }
    let operation = remove.length ? "untainted" : "tainted";
    for (const t of add) {
      const existing = taints.find((x) => x.key === t.key && x.effect === t.effect);
      if (existing) {
        if (!c.flags.bool("overwrite")) throw new Error(`node ${name} already has ${t.key} taint(s) with same effect(s) and --overwrite is false`);
        Object.assign(existing, t);
        operation = "modified";
      } else taints.push(t);
    }
    check(r.request({ method: "PATCH", path: resourcePath(mapping, undefined, name), body: { spec: { taints: taints.length ? taints : null } }, headers: { "content-type": PATCH_TYPES.merge } }));
    c.out(`node/${name} ${operation}\n`);
  }
  return 0;
});
