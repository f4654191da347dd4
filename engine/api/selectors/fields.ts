import { badRequest } from "../errors";
import type { KubeObject } from "../types";

/**
 * Field selectors (`--field-selector a=b,c!=d`). Only `=`, `==` and `!=` exist; each kind declares
 * which fields it supports, and anything else is refused with the server's own message.
 */
export interface FieldRequirement {
  field: string;
  negate: boolean;
  value: string;
}

export function parseFieldSelector(text: string): FieldRequirement[] {
  if (!text.trim()) return [];
  return text.split(",").map((part) => {
    const m = /^\s*([^!=\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${part}'`);
    return { field: m[1], negate: m[2] === "!=", value: m[3] };
  });
}

export type FieldGetter = (obj: KubeObject) => string | undefined;

export const COMMON_FIELDS: Record<string, FieldGetter> = {
  "metadata.name": (o) => o.metadata.name,
  "metadata.namespace": (o) => o.metadata.namespace ?? "",
};

/** Checks every requirement names a supported field; the error text is the apiserver's. */
export function checkFieldSelector(reqs: FieldRequirement[], supported: Record<string, FieldGetter>): void {
  for (const r of reqs) {
    if (!(r.field in supported)) throw badRequest(`field label not supported: ${r.field}`);
  }
}

export function matchesFields(obj: KubeObject, reqs: FieldRequirement[], supported: Record<string, FieldGetter>): boolean {
  for (const r of reqs) {
    const value = supported[r.field]?.(obj) ?? "";
    if (r.negate ? value === r.value : value !== r.value) return false;
  }
  return true;
}
