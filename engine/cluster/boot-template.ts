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
  /** The time the template stands for; its clock may be later (a scenario's setup ran since). */
  startTime: number;
  /** The seed its random source was started from. */
  seed: number;
  /** Where its points in time are, so moving a copy in time visits only those. */
  plan: ShiftPlan | undefined;
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
 * times, journal entries), both between 2017 and 2033. Fractional-second precision is kept as it was written.
 */
export function shiftTimes(json: string, deltaMs: number): string {
  if (deltaMs === 0) return json;
  return shiftRfc3339(json, deltaMs).replace(EPOCH_MS, (_m, lead: string, value: string) => `${lead}${Number(value) + deltaMs}`);
}

/** A time outside the simulation's years stays put: the epoch (a container that never started) is no moment of the setup. */
function shiftRfc3339(text: string, deltaMs: number): string {
  return text.replace(RFC3339, (match, whole: string, fraction: string | undefined) => {
    const ms = Date.parse(`${whole}Z`);
    return isEpochMs(ms) ? formatShifted(ms, fraction ?? "", deltaMs) : match;
  });
}

/** A timestamp (whole seconds `ms`, fraction as written) moved by `deltaMs`, with its precision kept. */
function formatShifted(ms: number, fraction: string, deltaMs: number): string {
  const digits = fraction.length > 1 ? fraction.slice(1) : "";
  const shifted = new Date(ms + Number((digits + "000").slice(0, 3)) + deltaMs).toISOString();
  const base = shifted.slice(0, 19);
  if (!digits) return `${base}Z`;
  // Keep sub-millisecond digits as written; the shift is whole milliseconds.
  const newMs = shifted.slice(20, 23);
  return `${base}.${(newMs + digits.slice(3)).slice(0, digits.length).padEnd(digits.length, "0")}Z`;
}

const HAS_RFC3339 = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;
const HAS_EPOCH_MS = /[:[,]1[5-9]\d{11}[,\]}]/;
const ONLY_RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?Z$/;

/**
 * Where a frozen value holds points in time, worked out once per template so that each shift
 * visits only those parts (most of a snapshot — specs, file contents, managed fields — holds none).
 * A number is `EPOCH` (an epoch-millisecond number), `REBUILD` (an object using a time as a key,
 * walked in full) or, negative, a timestamp string with whole seconds at minus that many epoch ms
 * (the common case, kept as a number: a template holds thousands). A `Stamp` is a timestamp string
 * with a fraction, a `Spliced` a string with times inside it.
 */
export type ShiftPlan = number | Stamp | Spliced | Branch;
const EPOCH = 0;
const REBUILD = 2;
interface Stamp {
  /** The timestamp's whole seconds, in epoch ms. */
  seconds: number;
  fraction: string;
}
/**
 * A text with times inside it (a log file, JSON in a string), cut at them once: each shift then
 * joins the pieces around the moved times instead of searching the whole text again.
 * `pieces[i]` comes before `times[i]`, the last piece after the last time; a number is epoch ms.
 */
interface Spliced {
  pieces: string[];
  times: (Stamp | number)[];
}
/** The keys (or array indexes) under which times are found, with the plan for each. */
interface Branch {
  at: (string | number)[];
  plans: ShiftPlan[];
}

/** A number the shift moves: an epoch-milliseconds time between 2017 and 2033. */
export const isEpochMs = (value: number) => Number.isInteger(value) && value >= 1.5e12 && value < 2e12;
const textHasTime = (text: string) => text.length >= 15 && (HAS_RFC3339.test(text) || HAS_EPOCH_MS.test(text));

/** The plan for shifting `value`; undefined when it holds no point in time. */
export function shiftPlan(value: unknown): ShiftPlan | undefined {
  if (typeof value === "string") {
    if (!textHasTime(value)) return undefined;
    const stamp = ONLY_RFC3339.exec(value);
    if (!stamp) return splice(value);
    const seconds = Date.parse(`${stamp[1]}Z`);
    if (!isEpochMs(seconds)) return undefined;
    return stamp[2] ? { seconds, fraction: stamp[2] } : -seconds;
  }
  if (typeof value === "number") return isEpochMs(value) ? EPOCH : undefined;
  if (value === null || typeof value !== "object") return undefined;
  const at: (string | number)[] = [];
  const plans: ShiftPlan[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const plan = shiftPlan(item);
      if (plan !== undefined) {
        at.push(i);
        plans.push(plan);
      }
    });
  } else {
    for (const [key, item] of Object.entries(value)) {
      if (textHasTime(key)) return REBUILD;
      const plan = shiftPlan(item);
      if (plan !== undefined) {
        at.push(key);
        plans.push(plan);
      }
    }
  }
  return at.length ? { at, plans } : undefined;
}

/**
 * shiftTimes on parsed, deeply frozen data, giving the same values as shifting its JSON text and
 * parsing that: a part with nothing to move is returned as it is (shared, already frozen), a part
 * with something to move is a new frozen copy. Strings are shifted as their JSON text would be
 * (timestamps anywhere in them, and epoch numbers inside JSON they contain). Pass the value's
 * `shiftPlan` when shifting the same value often.
 */
export function shiftFrozen<T>(value: T, deltaMs: number, plan: ShiftPlan | undefined = shiftPlan(value)): T {
  if (deltaMs === 0 || plan === undefined) return value;
  return applyPlan(value, plan, deltaMs, new Map()) as T;
}

/** `seconds` timestamps already formatted in this shift: a boot writes hundreds, most within a few seconds. */
type Formatted = Map<number, string>;

/**
 * The times in `text` where shiftText would move them: RFC 3339 timestamps and epoch numbers in
 * JSON. The two never overlap or touch (a timestamp starts with a digit and ends with Z, an epoch
 * number stands between JSON punctuation), so finding both in the original text finds what the
 * two passes of shiftText move. Undefined when none is in the years a shift moves.
 */
function splice(text: string): Spliced | undefined {
  const cuts: { start: number; end: number; time: Stamp | number }[] = [];
  for (const m of text.matchAll(RFC3339)) {
    const seconds = Date.parse(`${m[1]}Z`);
    if (isEpochMs(seconds)) cuts.push({ start: m.index, end: m.index + m[0].length, time: { seconds, fraction: m[2] ?? "" } });
  }
  for (const m of text.matchAll(EPOCH_MS)) {
    const start = m.index + m[1].length;
    cuts.push({ start, end: start + m[2].length, time: Number(m[2]) });
  }
  if (cuts.length === 0) return undefined;
  cuts.sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let from = 0;
  for (const cut of cuts) {
    pieces.push(text.slice(from, cut.start));
    from = cut.end;
  }
  pieces.push(text.slice(from));
  return { pieces, times: cuts.map((c) => c.time) };
}

function wholeSecondStamp(seconds: number, deltaMs: number, formatted: Formatted): string {
  let text = formatted.get(seconds);
  if (text === undefined) formatted.set(seconds, (text = formatShifted(seconds, "", deltaMs)));
  return text;
}

function shiftStamp(stamp: Stamp, deltaMs: number, formatted: Formatted): string {
  return stamp.fraction ? formatShifted(stamp.seconds, stamp.fraction, deltaMs) : wholeSecondStamp(stamp.seconds, deltaMs, formatted);
}

/**
 * Copies only the objects on the way to a time (a template has thousands: every stored object's
 * creation and managed-field times). Copying key by key is measurably cheaper than a spread of a
 * frozen object, and the whole shift is most of what starting an attempt costs.
 */
function applyPlan(value: unknown, plan: ShiftPlan, deltaMs: number, formatted: Formatted): unknown {
  if (typeof plan === "number") {
    if (plan < 0) return wholeSecondStamp(-plan, deltaMs, formatted);
    return plan === EPOCH ? (value as number) + deltaMs : shiftTree(value, deltaMs);
  }
  if ("plans" in plan) {
    const { at, plans } = plan;
    if (Array.isArray(value)) {
      const copy: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) copy[i] = value[i];
      for (let i = 0; i < at.length; i++) copy[at[i] as number] = applyPlan(value[at[i] as number], plans[i], deltaMs, formatted);
      return Object.freeze(copy);
    }
    const source = value as Record<string, unknown>;
    const copy: Record<string, unknown> = {};
    // Stored objects are plain JSON: no enumerable keys are inherited. An own "__proto__" key (a
    // ConfigMap may have one) would set the prototype by assignment, so it is defined instead.
    for (const key in source) {
      if (key === "__proto__") Object.defineProperty(copy, key, { value: source[key], enumerable: true, writable: true, configurable: true });
      else copy[key] = source[key];
    }
    for (let i = 0; i < at.length; i++) {
      const key = at[i] as string;
      const moved = applyPlan(source[key], plans[i], deltaMs, formatted);
      if (key === "__proto__") Object.defineProperty(copy, key, { value: moved });
      else copy[key] = moved;
    }
    return Object.freeze(copy);
  }
  if ("seconds" in plan) return shiftStamp(plan, deltaMs, formatted);
  let out = plan.pieces[0];
  for (let i = 0; i < plan.times.length; i++) {
    const time = plan.times[i];
    out += (typeof time === "number" ? String(time + deltaMs) : shiftStamp(time, deltaMs, formatted)) + plan.pieces[i + 1];
  }
  return out;
}

function shiftText(text: string, deltaMs: number): string {
  let out = text;
  if (HAS_RFC3339.test(out)) out = shiftRfc3339(out, deltaMs);
  if (HAS_EPOCH_MS.test(out)) out = out.replace(EPOCH_MS, (_m, lead: string, digits: string) => `${lead}${Number(digits) + deltaMs}`);
  return out;
}

/** The whole walk, for the rare object that uses a time as a key (the key keeps its place). */
function shiftTree(value: unknown, deltaMs: number): unknown {
  if (typeof value === "string") return textHasTime(value) ? shiftText(value, deltaMs) : value;
  if (typeof value === "number") return isEpochMs(value) ? value + deltaMs : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return Object.freeze(value.map((item) => shiftTree(item, deltaMs)));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[textHasTime(key) ? shiftText(key, deltaMs) : key] = shiftTree(item, deltaMs);
  return Object.freeze(copy);
}
