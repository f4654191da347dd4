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

function partialMetadata(obj: KubeObject): unknown {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: obj.metadata };
}

export function printerFor(def: ResourceDefinition): TablePrinter {
  return def.printer ?? DEFAULT_PRINTER;
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
  const rows: unknown[] = [];
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i];
    const printed = printer.rows(obj, ctx);
    for (let j = 0; j < printed.length; j++) {
      const cells = printed[j];
      if (include === "Metadata") rows.push({ cells, object: partialMetadata(obj) });
      else if (include === "Object") rows.push({ cells, object: obj });
      else rows.push({ cells });
    }
  }
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
