/**
 * GNU date's formatting (`+FORMAT`) and the `-d` strings people use, over the environment's clock.
 * Hosts run in UTC, as cloud images do.
 */
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function pad(n: number, width = 2, fill = "0"): string {
  return String(n).padStart(width, fill);
}

/** A file time as GNU diff's headers and stat print it (hosts keep UTC). */
export const GNU_FILE_TIME = "%Y-%m-%d %H:%M:%S.%N %z";

export function formatDate(d: Date, format: string): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== "%" || i + 1 >= format.length) {
      out += format[i];
      continue;
    }
    let c = format[++i];
    let flag = "";
    if ("-_0^#".includes(c) && i + 1 < format.length) {
      flag = c;
      c = format[++i];
    }
    const num = (n: number, width = 2) => (flag === "-" ? String(n) : flag === "_" ? pad(n, width, " ") : pad(n, width));
    const dayOfYear = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
    switch (c) {
      case "a": out += DAYS[d.getUTCDay()].slice(0, 3); break;
      case "A": out += DAYS[d.getUTCDay()]; break;
      case "b": case "h": out += MONTHS[d.getUTCMonth()].slice(0, 3); break;
      case "B": out += MONTHS[d.getUTCMonth()]; break;
      case "c": out += formatDate(d, "%a %b %e %H:%M:%S %Y"); break;
      case "C": out += num(Math.floor(d.getUTCFullYear() / 100)); break;
      case "d": out += num(d.getUTCDate()); break;
      case "D": out += formatDate(d, "%m/%d/%y"); break;
      case "e": out += flag === "-" ? String(d.getUTCDate()) : pad(d.getUTCDate(), 2, " "); break;
      case "F": out += formatDate(d, "%Y-%m-%d"); break;
      case "H": out += num(d.getUTCHours()); break;
      case "I": out += num(d.getUTCHours() % 12 || 12); break;
      case "j": out += num(dayOfYear, 3); break;
      case "k": out += pad(d.getUTCHours(), 2, " "); break;
      case "l": out += pad(d.getUTCHours() % 12 || 12, 2, " "); break;
      case "m": out += num(d.getUTCMonth() + 1); break;
      case "M": out += num(d.getUTCMinutes()); break;
      case "n": out += "\n"; break;
      case "N": out += pad(d.getUTCMilliseconds() * 1_000_000, 9); break;
      case "p": out += d.getUTCHours() < 12 ? "AM" : "PM"; break;
      case "P": out += d.getUTCHours() < 12 ? "am" : "pm"; break;
      case "r": out += formatDate(d, "%I:%M:%S %p"); break;
      case "R": out += formatDate(d, "%H:%M"); break;
      case "s": out += String(Math.floor(d.getTime() / 1000)); break;
      case "S": out += num(d.getUTCSeconds()); break;
      case "t": out += "\t"; break;
      case "T": out += formatDate(d, "%H:%M:%S"); break;
      case "u": out += String(d.getUTCDay() || 7); break;
      case "w": out += String(d.getUTCDay()); break;
      case "x": out += formatDate(d, "%m/%d/%y"); break;
      case "X": out += formatDate(d, "%H:%M:%S"); break;
      case "y": out += num(d.getUTCFullYear() % 100); break;
      case "Y": out += String(d.getUTCFullYear()); break;
      case "z": out += "+0000"; break;
      case ":": if (format[i + 1] === "z") { out += "+00:00"; i++; } else out += "%:"; break;
      case "Z": out += "UTC"; break;
      case "%": out += "%"; break;
      default: out += `%${flag}${c}`;
    }
  }
  return out;
}

const UNITS: Record<string, number> = { second: 1000, sec: 1000, minute: 60_000, min: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000, fortnight: 1_209_600_000 };

/** Parses a `date -d` string relative to `now`; undefined when GNU date would reject it. */
export function parseDateString(text: string, now: number): number | undefined {
  const s = text.trim().toLowerCase();
  if (s === "" || s === "now" || s === "today") return now;
  if (s === "yesterday") return now - 86_400_000;
  if (s === "tomorrow") return now + 86_400_000;
  if (/^@-?\d+(\.\d+)?$/.test(s)) return Math.round(Number(s.slice(1)) * 1000);
  let total = 0;
  let matched = false;
  const re = /([+-]?\s*\d+)?\s*(second|sec|minute|min|hour|day|week|fortnight|month|year)s?(\s+ago)?/g;
  let consumed = "";
  for (let m = re.exec(s); m; m = re.exec(s)) {
    matched = true;
    consumed += m[0];
    const n = m[1] ? Number(m[1].replace(/\s+/g, "")) : 1;
    const sign = m[3] ? -1 : 1;
    if (m[2] === "month" || m[2] === "year") {
      const d = new Date(now + total);
      if (m[2] === "month") d.setUTCMonth(d.getUTCMonth() + sign * n);
      else d.setUTCFullYear(d.getUTCFullYear() + sign * n);
      total = d.getTime() - now;
    } else total += sign * n * UNITS[m[2]];
  }
  if (matched && consumed.replace(/\s+/g, "").length === s.replace(/\s+/g, "").length) return now + total;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(z|utc|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", se = "0", tz] = iso;
    let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
    if (tz && /^[+-]/.test(tz)) {
      const sign = tz.startsWith("-") ? -1 : 1;
      const digits = tz.replace(/[+:-]/g, "");
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return t;
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}
