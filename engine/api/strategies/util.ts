import { badRequest } from "../errors";
import { Quantity, QuantityParseError, toQuantity } from "../quantity";
import type { KubeObject } from "../types";

/** Small helpers the strategies share: JSON access, defaulting and quantity canonicalisation. */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object at `obj[key]`, created (as `{}`) when missing. */
export function child(obj: Json, key: string): Json {
  const value = obj[key];
  if (isObject(value)) return value;
  const created: Json = {};
  obj[key] = created;
  return created;
}

export function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter(isObject) as Json[]) : [];
}

/** Sets `obj[key]` when it is missing (undefined, null or ""), as the Go defaulters test zero values. */
export function setDefault(obj: Json, key: string, value: unknown): void {
  const current = obj[key];
  if (current === undefined || current === null || current === "") obj[key] = value;
}

/** Sets `obj[key]` when it is undefined or null (pointer fields, where "" or 0 are real values). */
export function setDefaultPtr(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

export function spec(obj: KubeObject): Json {
  return child(obj as unknown as Json, "spec");
}

/**
 * A decode failure, worded as the apiserver's codec does:
 * `Pod in version "v1" cannot be handled as a Pod: <reason>`.
 */
export function cannotBeHandled(obj: KubeObject, reason: string): Error {
  const version = obj.apiVersion.includes("/") ? obj.apiVersion.split("/")[1] : obj.apiVersion;
  return badRequest(`${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: ${reason}`);
}

/**
 * Rewrites a quantity field in its canonical form, as decoding into resource.Quantity and encoding
 * again does; `roundToMilli` adds SetDefaults_ResourceList's rounding up to milli precision.
 */
export function canonicalizeQuantity(owner: KubeObject, holder: Json, key: string, roundToMilli = false): void {
  const value = holder[key];
  if (value === undefined || value === null) return;
  try {
    let q = toQuantity(value);
    if (roundToMilli && q.scale < -3) q = Quantity.fromParts(q.scaledValue(-3), -3, q.format);
    holder[key] = q.toString();
  } catch (e) {
    if (e instanceof QuantityParseError) throw cannotBeHandled(owner, e.message);
    throw e;
  }
}

/** Canonicalises every quantity of a ResourceList (requests, limits, capacity, hard, …). */
export function canonicalizeResourceList(owner: KubeObject, value: unknown, roundToMilli = true): void {
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) canonicalizeQuantity(owner, value, key, roundToMilli);
}

/** `metadata: {creationTimestamp: null}` of an embedded template, as metav1.Time serialises a zero time in v1.33. */
export function defaultTemplateMetadata(template: Json): void {
  const meta = child(template, "metadata");
  if (!("creationTimestamp" in meta)) meta.creationTimestamp = null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** encoding/json's []byte decoding error for a bad base64 value (undefined when it decodes). */
export function base64Problem(value: string): string | undefined {
  if (BASE64.test(value) && value.length % 4 === 0) return undefined;
  for (let i = 0; i < value.length; i++) if (!/[A-Za-z0-9+/=]/.test(value[i])) return `illegal base64 data at input byte ${i}`;
  return `illegal base64 data at input byte ${value.length - (value.length % 4 || 4)}`;
}
