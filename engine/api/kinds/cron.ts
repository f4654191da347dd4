/**
 * The five-field cron syntax CronJobs use (robfig/cron/v3 ParseStandard, as the apiserver
 * validates), with its error texts. The CronJob controller computes run times with cron-parser
 * (time zones included) from the same descriptors.
 */

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** The @-descriptors robfig/cron accepts, as five-field schedules. */
export const CRON_DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
  /** An `@every <duration>` schedule, in ms. */
  everyMs?: number;
}

export class CronParseError extends Error {}

function parseInt10(text: string): number {
  if (!/^-?\d+$/.test(text)) throw new CronParseError(`failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

function valueOf(text: string, b: Bounds): number {
  const named = b.names?.[text.toLowerCase()];
  return named !== undefined ? named : parseInt10(text);
}

function parseRange(expr: string, b: Bounds): { values: number[]; star: boolean } {
  const [rangePart, stepPart, extra] = expr.split("/");
  if (extra !== undefined) throw new CronParseError(`too many slashes: ${expr}`);
  let start: number;
  let end: number;
  let star = false;
  const lowAndHigh = rangePart.split("-");
  if (lowAndHigh.length > 2) throw new CronParseError(`too many hyphens: ${expr}`);
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = b.min;
    end = b.max;
    star = true;
  } else {
    start = valueOf(lowAndHigh[0], b);
    end = lowAndHigh.length === 2 ? valueOf(lowAndHigh[1], b) : start;
  }
  let step = 1;
  if (stepPart !== undefined) {
    step = parseInt10(stepPart);
    if (lowAndHigh.length === 1 && !star) end = b.max;
    if (step > 1) star = false;
  }
  if (start < b.min) throw new CronParseError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronParseError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronParseError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronParseError(`step of range should be a positive number: ${expr}`);
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  return { values, star };
}

function parseField(field: string, b: Bounds): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const part of field.split(",")) {
    const r = parseRange(part, b);
    r.values.forEach((v) => set.add(v));
    star = star || r.star;
  }
  return { set, star };
}

function parseDuration(text: string): number {
  const m = /^((\d+(\.\d+)?)(h|m|s|ms))+$/.test(text);
  if (!m) throw new CronParseError(`failed to parse duration @every ${text}: time: invalid duration ${JSON.stringify(text)}`);
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const n = Number(part[1]);
    total += part[2] === "h" ? n * 3_600_000 : part[2] === "m" ? n * 60_000 : part[2] === "s" ? n * 1000 : n;
  }
  return total;
}

/** cron.ParseStandard; throws CronParseError with robfig/cron's wording. */
export function parseCron(spec: string): CronSchedule {
  if (spec.length === 0) throw new CronParseError("empty spec string");
  let text = spec.trim();
  if (text.startsWith("TZ=") || text.startsWith("CRON_TZ=")) text = text.slice(text.indexOf(" ") + 1).trim();
  if (text.startsWith("@every ")) {
    const everyMs = parseDuration(text.slice(7).trim());
    return { minute: new Set(), hour: new Set(), dom: new Set(), month: new Set(), dow: new Set(), domStar: true, dowStar: true, everyMs };
  }
  if (text.startsWith("@")) {
    const expanded = CRON_DESCRIPTORS[text];
    if (!expanded) throw new CronParseError(`unrecognized descriptor: ${text}`);
    text = expanded;
  }
  const fields = text.split(/\s+/).filter((f) => f.length > 0);
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`);
  const minute = parseField(fields[0], MINUTES);
  const hour = parseField(fields[1], HOURS);
  const dom = parseField(fields[2], DOM);
  const month = parseField(fields[3], MONTHS);
  const dowField = fields[4].replace(/\b7\b/g, "0");
  const dow = parseField(dowField, DOW);
  return { minute: minute.set, hour: hour.set, dom: dom.set, month: month.set, dow: dow.set, domStar: dom.star, dowStar: dow.star };
}
