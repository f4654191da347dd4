import type { KubeObject } from "./types";

/** One column of a meta.k8s.io/v1 Table. Priority 1 columns appear only with `-o wide`. */
export interface ColumnDefinition {
  name: string;
  type: "string" | "integer" | "number" | "boolean" | "date";
  format: string;
  description: string;
  priority: number;
}

export interface PrintContext {
  /** Cluster time in milliseconds, for AGE-style cells. */
  now: number;
}

/** Server-side printing of one kind, as pkg/printers/internalversion does for built-in kinds. */
export interface TablePrinter {
  columns: ColumnDefinition[];
  /** One or more rows per object (pods print one; some kinds print several). */
  rows(obj: KubeObject, ctx: PrintContext): unknown[][];
}

export function column(
  name: string,
  type: ColumnDefinition["type"],
  description: string,
  options: { priority?: number; format?: string } = {},
): ColumnDefinition {
  return { name, type, format: options.format ?? "", description, priority: options.priority ?? 0 };
}

export const NAME_COLUMN = column("Name", "string", "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", { format: "name" });

/** The apiserver's default table convertor, used for kinds without a printer (roles, leases, …). */
export const DEFAULT_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Created At", "date", "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
  ],
  rows: (obj) => [[obj.metadata.name, obj.metadata.creationTimestamp]],
};

/**
 * Kubernetes' duration.HumanDuration, which every AGE column uses:
 * exact seconds below 2 minutes, then progressively coarser units.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.floor(hours / 24);
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.floor(hours / 24 / 365);
    const dy = Math.floor(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

/** AGE of an object's timestamp relative to the cluster clock; `<unknown>` when unset. */
export function age(timestamp: string | undefined | null, now: number): string {
  if (!timestamp) return "<unknown>";
  return humanDuration(now - Date.parse(timestamp));
}
