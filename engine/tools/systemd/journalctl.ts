import type { JournalEntry } from "../../hosts/services";
import { shortName } from "../../hosts/unit-files";
import type { Program } from "../../process/types";
import { journalLine, type JournalFormat } from "./journal";
import { parseJournalTime, systemdTimestamp } from "./time";

/**
 * journalctl over the host's journal: -u, -n, -f, -e, -x, -r, -k, -b, --since/--until, -o, -q,
 * --no-pager, -t, and the combined forms people type (`journalctl -xeu kubelet`).
 */
const WITH_VALUE = new Set(["u", "n", "S", "U", "o", "p", "t", "b"]);
const OPTIONAL_VALUE = new Set(["n", "b"]);

interface Options {
  units: string[];
  identifiers: string[];
  lines?: number;
  follow: boolean;
  reverse: boolean;
  quiet: boolean;
  kernel: boolean;
  since?: string;
  until?: string;
  output: JournalFormat;
  hostname: boolean;
}

function parse(args: string[]): Options | string {
  const o: Options = { units: [], identifiers: [], follow: false, reverse: false, quiet: false, kernel: false, output: "short", hostname: true };
  const set = (flag: string, value: string | undefined): string | undefined => {
    switch (flag) {
      case "u":
      case "unit":
        o.units.push(shortName(value ?? ""));
        break;
      case "t":
      case "identifier":
        o.identifiers.push(value ?? "");
        break;
      case "n":
      case "lines":
        o.lines = value === undefined || value === "" ? 10 : value === "all" || value === "+0" ? Infinity : Number(value);
        if (Number.isNaN(o.lines)) return `Failed to parse lines '${value}'.`;
        break;
      case "S":
      case "since":
        o.since = value;
        break;
      case "U":
      case "until":
        o.until = value;
        break;
      case "o":
      case "output":
        if (!["short", "short-iso", "cat", "short-precise", "json"].includes(value ?? "")) return `Unknown output format '${value}'.`;
        o.output = value as JournalFormat;
        break;
      case "f":
      case "follow":
        o.follow = true;
        break;
      case "e":
      case "pager-end":
        o.lines ??= 1000;
        break;
      case "r":
      case "reverse":
        o.reverse = true;
        break;
      case "q":
      case "quiet":
        o.quiet = true;
        break;
      case "k":
      case "dmesg":
        o.kernel = true;
        break;
      case "no-hostname":
        o.hostname = false;
        break;
      case "x":
      case "catalog":
      case "no-pager":
      case "b":
      case "boot":
      case "p":
      case "priority":
      case "a":
      case "all":
      case "l":
      case "full":
      case "m":
      case "merge":
        break;
      default:
        return `journalctl: unrecognized option '${flag.length > 1 ? "--" : "-"}${flag}'`;
    }
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let err: string | undefined;
    if (a.startsWith("--")) {
      const [flag, value] = a.slice(2).split(/=(.*)/s);
      const long = ["unit", "identifier", "since", "until", "output"];
      err = set(flag, value ?? (long.includes(flag) ? args[++i] : flag === "lines" && args[i + 1] && /^\d+$/.test(args[i + 1]) ? args[++i] : undefined));
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = a[j];
        if (WITH_VALUE.has(f)) {
          let value: string | undefined = a.slice(j + 1) || undefined;
          if (value === undefined && !(OPTIONAL_VALUE.has(f) && !/^[+\d]/.test(args[i + 1] ?? "x"))) value = args[++i];
          err = set(f, value);
          break;
        }
        err = set(f, undefined);
        if (err) break;
      }
    } else if (/^_?[A-Z_]+=/.test(a)) {
      const [k, v] = a.split("=");
      if (k === "_SYSTEMD_UNIT") o.units.push(shortName(v));
      else if (k === "SYSLOG_IDENTIFIER") o.identifiers.push(v);
    } else err = `journalctl: unexpected argument '${a}'`;
    if (err) return err;
  }
  return o;
}

export const journalctl: Program = async (ctx) => {
  const o = parse(ctx.args);
  if (typeof o === "string") {
    ctx.stderr(`${o}\n`);
    return 1;
  }
  const host = ctx.host;
  const now = ctx.environment.clock.now();
  const since = o.since !== undefined ? parseJournalTime(o.since, now) : undefined;
  const until = o.until !== undefined ? parseJournalTime(o.until, now) : undefined;
  if ((o.since !== undefined && since === undefined) || (o.until !== undefined && until === undefined)) {
    ctx.stderr(`Failed to parse timestamp: ${since === undefined ? o.since : o.until}\n`);
    return 1;
  }
  const matches = (e: JournalEntry) =>
    !o.kernel &&
    (o.units.length === 0 || o.units.includes(e.unit)) &&
    (o.identifiers.length === 0 || o.identifiers.includes(e.identifier ?? e.unit)) &&
    (since === undefined || e.time >= since) &&
    (until === undefined || e.time <= until);
  const all = host.services.entries();
  let selected = all.filter(matches);
  const limit = o.lines ?? (o.follow ? 10 : Infinity);
  if (selected.length > limit) selected = selected.slice(selected.length - limit);
  if (o.reverse) selected = [...selected].reverse();
  const line = (e: JournalEntry) => `${journalLine(host, e, o.output, o.hostname)}\n`;
  if (!o.quiet && o.output !== "cat" && o.output !== "json") {
    if (all.length > 0) ctx.stdout(`-- Journal begins at ${systemdTimestamp(all[0].time)}, ends at ${systemdTimestamp(all[all.length - 1].time)}. --\n`);
    if (selected.length === 0 && !o.follow) ctx.stdout("-- No entries --\n");
  }
  ctx.stdout(selected.map(line).join(""));
  if (!o.follow) return 0;
  let last = all[all.length - 1];
  while (!ctx.signal.aborted) {
    await ctx.sleep(1000);
    if (ctx.signal.aborted) break;
    const entries = host.services.entries();
    const from = last ? entries.lastIndexOf(last) + 1 : 0;
    const fresh = entries.slice(from > 0 ? from : entries.findIndex((e) => !last || e.time > last.time) >>> 0).filter(matches);
    for (const e of fresh) ctx.stdout(line(e));
    if (entries.length) last = entries[entries.length - 1];
  }
  return 130;
};
