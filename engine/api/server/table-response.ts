import { DEFAULT_PRINTER, type TablePrinter } from "../table";
import type { ResourceDefinition } from "../resource";
import type { KubeObject } from "../types";

/** Whether the client asked for a meta.k8s.io Table (what `kubectl get` does). */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept);
}

export type IncludeObject = "None" | "Metadata" | "Object";

export function includeObjectPolicy(query: URLSearchParams): IncludeObject {
  const v = query.get("includeObject");
  return v === "None" || v === "Object" ? v : "Metadata";
}

/**
 * A stored object never changes (it is frozen; a write stores a new one), so neither does its
 * PartialObjectMetadata: made once per stored object rather than once per row of every `kubectl get`.
 */
const partialMetadataOf = new WeakMap<KubeObject, unknown>();

function partialMetadata(obj: KubeObject): unknown {
  let partial = partialMetadataOf.get(obj);
  if (partial === undefined) {
    partial = { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
    if (!Object.isFrozen(obj)) return partial;
    partialMetadataOf.set(obj, Object.freeze(partial));
  }
  return partial;
}

export function printerFor(def: ResourceDefinition): TablePrinter {
  return def.printer ?? DEFAULT_PRINTER;
}

/** Rows of frozen (kept) cells with an object's partial metadata: the same row for the same two. */
const metadataRows = new WeakMap<unknown[], { cells: unknown[]; object: unknown }>();

function metadataRow(cells: unknown[], obj: KubeObject): { cells: unknown[]; object: unknown } {
  const object = partialMetadata(obj);
  if (!Object.isFrozen(cells)) return { cells, object };
  const kept = metadataRows.get(cells);
  if (kept && kept.object === object) return kept;
  const row = Object.freeze({ cells, object });
  metadataRows.set(cells, row);
  return row;
}

/** Builds a meta.k8s.io/v1 Table for objects already converted to the requested version. */
export function toTable(
  def: ResourceDefinition,
  objects: KubeObject[],
  opts: { now: number; include: IncludeObject; resourceVersion?: string; continueToken?: string; withColumns?: boolean; remaining?: number },
): unknown {
  const printer = printerFor(def);
  // One context for every row and indexed loops: a 1,000-pod table is built on every `kubectl get`.
  const ctx = { now: opts.now };
  const include = opts.include;
  // Sized for one row per object (nearly every kind); more rows grow it.
  const rows: unknown[] = new Array(objects.length);
  let n = 0;
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i];
    const printed = printer.rows(obj, ctx);
    for (let j = 0; j < printed.length; j++) {
      const cells = printed[j];
      if (include === "Metadata") rows[n++] = metadataRow(cells, obj);
      else if (include === "Object") rows[n++] = { cells, object: obj };
      else rows[n++] = { cells };
    }
  }
  rows.length = n;
  const metadata: Record<string, unknown> = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continueToken) metadata.continue = opts.continueToken;
  if (opts.remaining !== undefined) metadata.remainingItemCount = opts.remaining;
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata,
    columnDefinitions: opts.withColumns === false ? null : printer.columns,
    rows,
  };
}
