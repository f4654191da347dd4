import { clone } from "../../../util/freeze";
import { deepEqual, isPlainObject } from "../../../util/json";
import type { KubeObject, ManagedFieldsEntry } from "../../types";
import { formatPath, itemElement, listType, pathKey, pathsOf, removeAt, toFieldsV1, valueAt, type FieldPath } from "./fields";
import { entryPaths, type WriteIdentity } from "./managed-fields";

/**
 * Server-side apply (`application/apply-patch+yaml`): the applied configuration is merged into
 * the live object (maps by key, associative lists by their keys, everything else replaced); fields
 * this manager applied before but left out now are removed unless someone else owns them; and
 * changing a field another manager owns is a conflict unless the apply is forced.
 */
export interface ApplyConflict {
  manager: string;
  path: FieldPath;
}

export class ApplyConflictError extends Error {
  constructor(readonly conflicts: ApplyConflict[], readonly causes: { message: string; field: string }[]) {
    super(conflictMessage(conflicts));
  }
}

/** The manager as the conflict message names it: `"kubectl-client-side-apply" using apps/v1`. */
function describeManager(entry: ManagedFieldsEntry): string {
  const name = `${JSON.stringify(entry.manager)}${entry.subresource ? ` with subresource ${JSON.stringify(entry.subresource)}` : ""}`;
  return entry.operation === "Update" ? `${name} using ${entry.apiVersion}` : name;
}

function conflictMessage(conflicts: ApplyConflict[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${conflicts[0].manager}: ${formatPath(conflicts[0].path)}`;
  const byManager = new Map<string, FieldPath[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), c.path]);
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${manager}:`);
    for (const path of byManager.get(manager)!) lines.push(`- ${formatPath(path)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
}

function mergeValue(live: unknown, config: unknown, names: string[], kind: string): unknown {
  if (isPlainObject(config)) {
    const base = isPlainObject(live) ? { ...live } : {};
    for (const [key, value] of Object.entries(config)) base[key] = mergeValue(base[key], value, [...names, key], kind);
    return base;
  }
  if (Array.isArray(config)) {
    const type = listType(names, kind);
    if (type === "atomic" || !Array.isArray(live)) return clone(config);
    const out = [...live];
    for (const item of config) {
      const element = itemElement(item, type);
      const index = element ? out.findIndex((candidate) => itemElement(candidate, type) === element) : -1;
      if (index >= 0) out[index] = mergeValue(out[index], item, names, kind);
      else out.push(clone(item));
    }
    return out;
  }
  return config;
}

export interface ApplyResult {
  object: KubeObject;
  managedFields: ManagedFieldsEntry[];
}

export function serverSideApply(live: KubeObject | undefined, config: KubeObject, who: WriteIdentity, force: boolean): ApplyResult {
  const kind = config.kind;
  const status = who.subresource === "status";
  const configPaths = pathsOf(config, kind, { onlyStatus: status });
  const entries = clone(live?.metadata.managedFields ?? []);
  const isMine = (e: ManagedFieldsEntry) => e.manager === who.manager && e.operation === "Apply" && (e.subresource ?? "") === (who.subresource ?? "");
  const previous = entries.find(isMine);
  const others = entries.filter((e) => !isMine(e));

  // Conflicts: a value this apply changes that another manager owns.
  const conflicts: ApplyConflict[] = [];
  const conflicting = new Set<string>();
  for (const path of configPaths) {
    const wanted = valueAt(config, path);
    if (isPlainObject(wanted) || Array.isArray(wanted)) continue;
    const current = valueAt(live, path);
    if (current === undefined || deepEqual(current, wanted)) continue;
    for (const owner of others) {
      if (entryPaths(owner).some((p) => pathKey(p) === pathKey(path))) {
        conflicts.push({ manager: describeManager(owner), path });
        conflicting.add(pathKey(path));
      }
    }
  }
  if (conflicts.length > 0 && !force) {
    throw new ApplyConflictError(conflicts, conflicts.map((c) => ({ message: `conflict with ${c.manager}`, field: formatPath(c.path) })));
  }

  const merged = mergeValue(clone(live ?? {}), config, [], kind) as KubeObject;
  // Fields this manager stopped applying go, unless another manager still owns them.
  const applied = new Set(configPaths.map(pathKey));
  const removed = (previous ? entryPaths(previous) : []).filter((p) => !applied.has(pathKey(p)));
  const ownedByOthers = new Set(others.flatMap((e) => entryPaths(e).map(pathKey)));
  for (const path of removed.sort((a, b) => b.length - a.length)) {
    if (!ownedByOthers.has(pathKey(path))) removeAt(merged, path);
  }

  const managedFields: ManagedFieldsEntry[] = [];
  for (const entry of entries) {
    if (isMine(entry)) continue;
    // A forced apply takes the conflicting fields away from their previous owners.
    const kept = entryPaths(entry).filter((p) => !conflicting.has(pathKey(p)) && valueAt(merged, p) !== undefined);
    if (kept.length > 0) managedFields.push({ ...entry, fieldsV1: toFieldsV1(kept) });
  }
  const mine: ManagedFieldsEntry = {
    manager: who.manager,
    operation: "Apply",
    apiVersion: who.apiVersion,
    time: who.time,
    fieldsType: "FieldsV1",
    fieldsV1: toFieldsV1(configPaths),
    ...(who.subresource ? { subresource: who.subresource } : {}),
  };
  const at = entries.findIndex(isMine);
  if (at >= 0) managedFields.splice(Math.min(at, managedFields.length), 0, mine);
  else managedFields.push(mine);
  return { object: merged, managedFields };
}
