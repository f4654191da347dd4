import { stableStringify } from "../util/json";

/**
 * Booting a kubeadm-style cluster takes simulated seconds of controller work (the control plane
 * starts, add-ons roll out), which costs real CPU. Every environment of the same shape boots to the
 * same state, so the first one per process is kept as a template (its snapshot, deeply frozen) and
 * later ones are restored from it, moved in time to their own start and given their own random
 * seed. The stored objects of an environment restored from a template share every part the time
 * shift leaves unchanged (specs, most of each object) with the template: less to copy, parse and
 * freeze at start, and less memory per environment.
 */
export interface BootTemplate {
  /** Deeply frozen. */
  snapshot: unknown;
  startTime: number;
}

/** Beyond this shift a template is rebuilt, so certificates and ages stay plausible (kubeadm leaf certs last a year). */
export const MAX_TEMPLATE_SHIFT_MS = 30 * 24 * 3600 * 1000;

const templates = new Map<string, BootTemplate>();

export function templateKey(spec: unknown): string {
  return stableStringify(spec);
}

export function getTemplate(key: string, startTime: number): BootTemplate | undefined {
  const t = templates.get(key);
  return t && Math.abs(startTime - t.startTime) <= MAX_TEMPLATE_SHIFT_MS ? t : undefined;
}

export function setTemplate(key: string, template: BootTemplate): void {
  templates.set(key, template);
}

export function clearTemplates(): void {
  templates.clear();
}

const RFC3339 = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z/g;
/** Epoch milliseconds between 2017 and 2033 standing alone as a JSON number. */
const EPOCH_MS = /([:[,])(1[5-9]\d{11})(?=[,\]}])/g;

/**
 * Moves every point in time a snapshot holds by `deltaMs`: RFC 3339 timestamps anywhere in its text
 * (object fields, log lines, file contents), and epoch-millisecond numbers (the clock, timers, file
 * times, journal entries). Fractional-second precision is kept as it was written.
 */
export function shiftTimes(json: string, deltaMs: number): string {
  if (deltaMs === 0) return json;
  return shiftRfc3339(json, deltaMs).replace(EPOCH_MS, (_m, lead: string, value: string) => `${lead}${Number(value) + deltaMs}`);
}

function shiftRfc3339(text: string, deltaMs: number): string {
  return text.replace(RFC3339, (_m, whole: string, fraction: string | undefined) => {
      const frac = fraction ?? "";
      const digits = frac.length > 1 ? frac.slice(1) : "";
      const ms = Date.parse(`${whole}Z`) + Number((digits + "000").slice(0, 3)) + deltaMs;
      const shifted = new Date(ms).toISOString();
      const base = shifted.slice(0, 19);
      if (!digits) return `${base}Z`;
      // Keep sub-millisecond digits as written; the shift is whole milliseconds.
      const newMs = shifted.slice(20, 23);
      return `${base}.${(newMs + digits.slice(3)).slice(0, digits.length).padEnd(digits.length, "0")}Z`;
  });
}

const HAS_RFC3339 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
const HAS_EPOCH_MS = /[:[,]1[5-9]\d{11}[,\]}]/;

/**
 * shiftTimes on parsed, deeply frozen data, giving the same values as shifting its JSON text and
 * parsing that: a part with nothing to move is returned as it is (shared, already frozen), a part
 * with something to move is a new frozen copy. Strings are shifted as their JSON text would be
 * (timestamps anywhere in them, and epoch numbers inside JSON they contain).
 */
export function shiftFrozen<T>(value: T, deltaMs: number): T {
  if (deltaMs === 0) return value;
  return shiftValue(value, deltaMs) as T;
}

/**
 * Frozen parts found to hold no point in time (a pod's spec, most managed fields): every later
 * shift of the same template skips them at once. Whatever the shift, they have nothing to move.
 */
const timeless = new WeakSet<object>();
/** Counts points in time met while walking, so a part can tell whether it held any. */
let timesSeen = 0;

/** Template strings known to hold no point in time (file contents, mostly); V8 keeps a string's hash, so asking is cheap. */
const timelessStrings = new Set<string>();
const MAX_TIMELESS_STRINGS = 100_000;

function shiftString(text: string, deltaMs: number): string {
  if (text.length < 15 || timelessStrings.has(text)) return text;
  const seenBefore = timesSeen;
  let out = text;
  if (HAS_RFC3339.test(out)) {
    timesSeen++;
    out = shiftRfc3339(out, deltaMs);
  }
  if (HAS_EPOCH_MS.test(out)) {
    timesSeen++;
    out = out.replace(EPOCH_MS, (_m, lead: string, digits: string) => `${lead}${Number(digits) + deltaMs}`);
  }
  if (timesSeen === seenBefore && timelessStrings.size < MAX_TIMELESS_STRINGS) timelessStrings.add(text);
  return out;
}

function shiftValue(value: unknown, deltaMs: number): unknown {
  if (typeof value === "string") return shiftString(value, deltaMs);
  if (typeof value === "number") return Number.isInteger(value) && value >= 1.5e12 && value < 2e12 ? (timesSeen++, value + deltaMs) : value;
  if (value === null || typeof value !== "object" || timeless.has(value)) return value;
  const seenBefore = timesSeen;
  const shifted = shiftContainer(value, deltaMs);
  if (timesSeen === seenBefore && Object.isFrozen(value)) timeless.add(value);
  return shifted;
}

function shiftContainer(value: object, deltaMs: number): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const shifted = shiftValue(value[i], deltaMs);
      if (shifted !== value[i]) (copy ??= value.slice())[i] = shifted;
    }
    return copy ? Object.freeze(copy) : value;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const shiftedKey = shiftString(key, deltaMs);
    const shifted = shiftValue(record[key], deltaMs);
    if (shiftedKey !== key) {
      // Rare (a time used as a key): rebuild so the key keeps its place.
      copy = {};
      for (const k of Object.keys(record)) copy[shiftString(k, deltaMs)] = shiftValue(record[k], deltaMs);
      break;
    }
    if (shifted !== record[key]) (copy ??= { ...record })[key] = shifted;
  }
  return copy ? Object.freeze(copy) : value;
}
