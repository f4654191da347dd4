import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError } from "../../cli/errors";
import { resourcePath, kindPrefix, type ResourceMapping } from "../../client/discovery";
import { check, PATCH_TYPES } from "../../client/rest";
import { buildTargets } from "../../resource/builder";
import { listFailure } from "../../resource/infos";
import { dryRunStrategy, printerFor } from "../options";
import { labelValueProblems } from "../../../api/validation/names";

/**
 * `kubectl label` and `kubectl annotate`: `key=value` sets, `key-` removes, existing keys need
 * --overwrite; the change goes to the server as a JSON merge patch, like kubectl does.
 */
function parseChanges(c: CommandContext, args: string[], what: "label" | "annotation"): { set: Record<string, string>; remove: string[]; rest: string[] } {
  const set: Record<string, string> = {};
  const remove: string[] = [];
  const rest: string[] = [];
  for (const arg of args) {
    if (arg.includes("=")) {
      const eq = arg.indexOf("=");
      const key = arg.slice(0, eq);
      const value = arg.slice(eq + 1);
      if (what === "label") {
        // kubectl checks only the value itself; a bad key goes to the server, which refuses it.
        if (arg.split("=").length !== 2) throw new Error(`invalid label spec: ${arg}`);
        const problems = labelValueProblems(value);
        if (problems.length > 0) throw new Error(`invalid label value: ${JSON.stringify(arg)}: ${problems.join(";")}`);
      }
      set[key] = value;
    } else if (arg.endsWith("-") && !arg.includes("/") ? true : arg.endsWith("-")) remove.push(arg.slice(0, -1));
    else rest.push(arg);
  }
  void c;
  return { set, remove, rest };
}

function run(c: CommandContext, what: "label" | "annotation"): number {
  const field = what === "label" ? "labels" : "annotations";
  const positional = [...c.args];
  // kubectl's GetResourcesAndPairs: `=x` and `-` name resources; after the first change, only changes.
  const isChange = (a: string) => (a.includes("=") && !a.startsWith("=")) || (a.endsWith("-") && a !== "-");
  const firstChange = positional.findIndex(isChange);
  const resourceArgs = firstChange >= 0 ? positional.slice(0, firstChange) : positional;
  const changes = firstChange >= 0 ? positional.slice(firstChange) : [];
  const stray = changes.find((a) => !isChange(a));
  if (stray !== undefined) throw new Error(`all resources must be specified before ${what} changes: ${stray}`);
  const { set, remove } = parseChanges(c, changes, what);
  const list = c.flags.bool("list");
  if (!list && Object.keys(set).length === 0 && remove.length === 0) throw new Error(`at least one ${what} update is required`);
  const labelSelector = c.flags.string("selector");
  const fieldSelector = c.flags.string("field-selector");
  if (c.flags.bool("all") && labelSelector) throw new Error("cannot set --all and --selector at the same time");
  if (c.flags.bool("all") && fieldSelector) throw new Error("cannot set --all and --field-selector at the same time");
  const dryRun = dryRunStrategy(c);
  const printer = printerFor(c);
  const targets = buildTargets(c.factory, {
    args: resourceArgs,
    filenames: c.flags.strings("filename"),
    recursive: c.flags.bool("recursive"),
    labelSelector,
    fieldSelector,
    allNamespaces: c.flags.bool("all-namespaces"),
    selectAll: c.flags.bool("all"),
    allowEmptySelector: false,
  });
  const rest = c.factory.rest();
  const items: { mapping: ResourceMapping; obj: KubeObject }[] = [];
  for (const t of targets) {
    if (t.kind === "list") {
      let l: { items?: KubeObject[] };
      try {
        l = check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace), query: { labelSelector: labelSelector || undefined, fieldSelector: fieldSelector || undefined } })) as { items?: KubeObject[] };
      } catch (e) {
        throw listFailure(e, t.mapping, labelSelector, fieldSelector);
      }
      for (const obj of l.items ?? []) items.push({ mapping: t.mapping, obj });
    } else items.push({ mapping: t.mapping, obj: check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace, t.name) })) as KubeObject });
  }
  const errors: Error[] = [];
  for (const { mapping, obj } of items) {
    const current = (obj.metadata[field] ?? {}) as Record<string, string>;
    if (list) {
      c.out(`Listing ${field} for ${kindPrefix(mapping)}/${obj.metadata.name}:\n` + Object.keys(current).sort().map((k) => ` ${k}=${current[k]}\n`).join(""));
      continue;
    }
    if (!c.flags.bool("overwrite")) {
      const conflict = Object.keys(set).find((k) => k in current && current[k] !== set[k]);
      if (conflict) {
        errors.push(new Error(`'${conflict}' already has a value (${current[conflict]}), and --overwrite is false`));
        continue;
      }
    }
    const next = { ...current, ...set };
    for (const k of remove) {
      // kubectl's labelFunc says so on stdout; annotate removes silently.
      if (what === "label" && !(k in current)) c.out(`label ${JSON.stringify(k)} not found.\n`);
      delete next[k];
    }
    const unchanged = JSON.stringify(Object.entries(next).sort()) === JSON.stringify(Object.entries(current).sort());
    let result = obj;
    if (!unchanged && dryRun !== "client") {
      const patch: Record<string, string | null> = { ...set };
      for (const k of remove) if (k in current) patch[k] = null;
      result = check(
        rest.request({
          method: "PATCH",
          path: resourcePath(mapping, obj.metadata.namespace, obj.metadata.name),
          query: { dryRun: dryRun === "server" ? "All" : undefined, fieldManager: c.flags.string("field-manager") || `kubectl-${what === "label" ? "label" : "annotate"}` },
          body: { metadata: { [field]: patch, resourceVersion: c.flags.string("resource-version") || undefined } },
          headers: { "content-type": PATCH_TYPES.merge },
        }),
      ) as KubeObject;
    }
    // updateDataChangeMsg: a label change that shrinks the object (a removal) without --overwrite reads "unlabeled".
    const shrinks = JSON.stringify({ ...obj, metadata: { ...obj.metadata, [field]: next } }).length < JSON.stringify(obj).length;
    const labelVerb = !c.flags.bool("overwrite") && shrinks ? "unlabeled" : "labeled";
    const verb = unchanged ? "not labeled" : what === "label" ? labelVerb : "annotated";
    const op = what === "annotation" && unchanged ? "annotated" : verb;
    const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
    // label prints its own changed copy of what it read (the resourceVersion before the patch); annotate the server's answer.
    const shown = what === "label" ? { ...obj, metadata: { ...obj.metadata, [field]: next } } : result;
    c.out(printer ? printer.print(shown) : `${kindPrefix(mapping)}/${obj.metadata.name} ${op}${suffix}\n`);
  }
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
}

registerCommand("label", (c) => run(c, "label"));
registerCommand("annotate", (c) => run(c, "annotation"));
