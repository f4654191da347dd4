import { stableStringify } from "../util/json";

/**
 * Booting a kubeadm-style cluster takes simulated seconds of controller work (the control plane
 * starts, add-ons roll out), which costs real CPU. Every environment of the same shape boots to the
 * same state, so the first one per process is kept as a template (its snapshot as JSON) and later
 * ones are restored from it, moved in time to their own start and given their own random seed.
 */
export interface BootTemplate {
  json: string;
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
  return json
    .replace(RFC3339, (_m, whole: string, fraction: string | undefined) => {
      const frac = fraction ?? "";
      const digits = frac.length > 1 ? frac.slice(1) : "";
      const ms = Date.parse(`${whole}Z`) + Number((digits + "000").slice(0, 3)) + deltaMs;
      const shifted = new Date(ms).toISOString();
      const base = shifted.slice(0, 19);
      if (!digits) return `${base}Z`;
      // Keep sub-millisecond digits as written; the shift is whole milliseconds.
      const newMs = shifted.slice(20, 23);
      return `${base}.${(newMs + digits.slice(3)).slice(0, digits.length).padEnd(digits.length, "0")}Z`;
    })
    .replace(EPOCH_MS, (_m, lead: string, value: string) => `${lead}${Number(value) + deltaMs}`);
}
