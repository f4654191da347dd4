import { formatLabelSelector, formatSelector, fromLabelSelector, type LabelSelectorObject } from "../selectors/labels";
import { age, column, humanDuration, type ColumnDefinition } from "../table";
import type { KubeObject } from "../types";
import { DOC } from "./descriptions";

/**
 * Cell formats shared by the table printers, after the helpers of
 * kubernetes/pkg/printers/internalversion/printers.go and k8s.io/apimachinery/pkg/labels.
 */

export const CREATION_TIMESTAMP_DOC =
  "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

export const AGE_COLUMN = column("Age", "string", CREATION_TIMESTAMP_DOC);
export const CONTAINERS_COLUMN = column("Containers", "string", "Names of each container in the template.", { priority: 1 });
export const IMAGES_COLUMN = column("Images", "string", "Images referenced by each container in the template.", { priority: 1 });

export type DocKey = keyof typeof DOC;

/** A column whose description is an API field's documentation. */
export function docColumn(name: string, type: ColumnDefinition["type"], doc: DocKey | "", options: { priority?: number; format?: string } = {}): ColumnDefinition {
  return column(name, type, doc === "" ? "" : DOC[doc], options);
}

export function wideColumn(name: string, type: ColumnDefinition["type"], description: string): ColumnDefinition {
  return column(name, type, description, { priority: 1 });
}

/** translateTimestampSince: `<unknown>` for a missing time. */
export function since(timestamp: string | undefined | null, now: number): string {
  return age(timestamp, now);
}

/** HumanDuration between two RFC 3339 times. */
export function between(from: string, to: string): string {
  return humanDuration(Date.parse(to) - Date.parse(from));
}

export function creationAge(obj: KubeObject, now: number): string {
  return since(obj.metadata.creationTimestamp, now);
}

interface ContainerLike {
  name?: string;
  image?: string;
}

/** layoutContainerCells: names and images, comma-separated, in spec order. */
export function containerCells(containers: ContainerLike[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name ?? "").join(","), list.map((c) => c.image ?? "").join(",")];
}

/** labels.FormatLabels: sorted `k=v` pairs, or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return "<none>";
  return keys.map((k) => `${k}=${labels![k]}`).join(",");
}

/** metav1.FormatLabelSelector: `<none>` for an empty or missing selector. */
export function formatSelectorCell(selector: LabelSelectorObject | undefined | null): string {
  return formatLabelSelector(selector);
}

/** LabelSelectorAsSelector(...).String(): the empty string for an empty selector (Deployments print this). */
export function selectorString(selector: LabelSelectorObject | undefined | null): string {
  if (!selector) return "";
  return formatSelector(fromLabelSelector(selector));
}

/** listWithMoreString: the first three items then ` + N more...`, or `<unset>` when empty. */
export function listWithMore(items: string[], max = 3): string {
  if (items.length > max) return `${items.slice(0, max).join(",")} + ${items.length - max} more...`;
  const joined = items.join(",");
  return joined === "" ? "<unset>" : joined;
}

/** printBoolPtr: `True`, `False`, or `<unset>`. */
export function boolPtr(value: boolean | undefined | null): string {
  if (value === undefined || value === null) return "<unset>";
  return value ? "True" : "False";
}

/** An IntOrString as Go's IntOrString.String() prints it. */
export function intOrString(value: number | string | undefined | null): string {
  return value === undefined || value === null ? "" : String(value);
}

/** Load balancer ingress points, sorted and de-duplicated; clipped to 16 characters outside `-o wide`. */
export function loadBalancerIngress(ingress: { ip?: string; hostname?: string }[] | undefined, wide: boolean): string {
  const set = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  const joined = [...set].sort().join(",");
  if (!wide && joined.length > 16) return joined.slice(0, 13) + "...";
  return joined;
}
