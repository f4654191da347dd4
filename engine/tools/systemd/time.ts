/** systemd's timestamp and relative-time formats (format_timestamp, format_timestamp_relative). */
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** `Thu 2026-01-01 00:00:00 UTC` */
export function systemdTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** `Jan 01 00:00:00`, the journal's short format. */
export function journalTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `2026-01-01T00:00:00+0000`, journalctl -o short-iso. */
export function isoTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 2_629_800_000;
const YEAR = 31_557_600_000;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function relative(ms: number): string {
  const d = Math.max(0, ms);
  if (d >= YEAR) return `${plural(Math.floor(d / YEAR), "year")} ${plural(Math.floor((d % YEAR) / MONTH), "month")} ago`;
  if (d >= MONTH) return `${plural(Math.floor(d / MONTH), "month")} ${plural(Math.floor((d % MONTH) / DAY), "day")} ago`;
  if (d >= WEEK) return `${plural(Math.floor(d / WEEK), "week")} ${plural(Math.floor((d % WEEK) / DAY), "day")} ago`;
  if (d >= 2 * DAY) return `${Math.floor(d / DAY)} days ago`;
  if (d >= 25 * HOUR) return `1 day ${Math.floor((d - DAY) / HOUR)}h ago`;
  if (d >= 6 * HOUR) return `${Math.floor(d / HOUR)}h ago`;
  if (d >= HOUR) return `${Math.floor(d / HOUR)}h ${Math.floor((d % HOUR) / MIN)}min ago`;
  if (d >= 5 * MIN) return `${Math.floor(d / MIN)}min ago`;
  if (d >= MIN) return `${Math.floor(d / MIN)}min ${Math.floor((d % MIN) / SEC)}s ago`;
  if (d >= SEC) return `${Math.floor(d / SEC)}s ago`;
  if (d > 0) return `${d}ms ago`;
  return "now";
}

/** Parses journalctl's --since/--until values relative to `now`. */
export function parseJournalTime(text: string, now: number): number | undefined {
  const s = text.trim().toLowerCase();
  if (s === "now") return now;
  const midnight = (t: number) => t - (t % DAY);
  if (s === "today") return midnight(now);
  if (s === "yesterday") return midnight(now) - DAY;
  if (s === "tomorrow") return midnight(now) + DAY;
  const rel = /^([+-]?)(\d+)\s*(s|sec|second|seconds|m|min|minute|minutes|h|hour|hours|d|day|days|w|week|weeks)(\s+ago)?$/.exec(s);
  if (rel) {
    const n = Number(rel[2]);
    const unit = rel[3].startsWith("s") ? SEC : rel[3].startsWith("mi") || rel[3] === "m" ? MIN : rel[3].startsWith("h") ? HOUR : rel[3].startsWith("d") ? DAY : WEEK;
    const sign = rel[1] === "+" ? 1 : rel[1] === "-" || rel[4] ? -1 : 1;
    return now + sign * n * unit;
  }
  const abs = /^(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (abs) return Date.UTC(Number(abs[1]), Number(abs[2]) - 1, Number(abs[3]), Number(abs[4] ?? 0), Number(abs[5] ?? 0), Number(abs[6] ?? 0));
  const clock = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (clock) return midnight(now) + Number(clock[1]) * HOUR + Number(clock[2]) * MIN + Number(clock[3] ?? 0) * SEC;
  return undefined;
}
