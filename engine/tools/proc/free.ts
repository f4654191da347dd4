import type { Program } from "../../process/types";
import { hostMemory, type HostMemory } from "./memory";

/**
 * procps-ng 3.3.17 `free` (Ubuntu 22.04): the host's memory from the same figures as /proc/meminfo,
 * with its unit options, -h's rounding, -w, -t, -l and the repeat options -s and -c.
 */
interface Units {
  /** 0: KiB as read; 1: bytes; 2..6: kilo..peta. */
  exponent: number;
  human: boolean;
  si: boolean;
}

const USAGE = `
Usage:
 free [options]

Options:
 -b, --bytes         show output in bytes
     --kilo          show output in kilobytes
     --mega          show output in megabytes
     --giga          show output in gigabytes
     --tera          show output in terabytes
     --peta          show output in petabytes
 -k, --kibi          show output in kibibytes
 -m, --mebi          show output in mebibytes
 -g, --gibi          show output in gibibytes
     --tebi          show output in tebibytes
     --pebi          show output in pebibytes
 -h, --human         show human-readable output
     --si            use powers of 1000 not 1024
 -l, --lohi          show detailed low and high memory statistics
 -t, --total         show total for RAM + swap
 -s N, --seconds N   repeat printing every N seconds
 -c N, --count N     repeat printing N times, then exit
 -w, --wide          wide output

     --help     display this help and exit
 -V, --version  output version information and exit

For more details see free(1).
`;

/** free.c's scale_size: C's integer division and %.1f included. */
export function scaleSize(kib: number, units: Units): string {
  const base = units.si ? 1000 : 1024;
  if (units.exponent === 0 && !units.human) return String(kib);
  if (!units.human) {
    if (units.exponent === 1) return String(kib * 1024);
    return String(Math.trunc((kib * 1024) / base ** (units.exponent - 1)));
  }
  const bytes = `${kib * 1024}B`;
  if (bytes.length <= 4) return bytes;
  const wholeMiB = Math.floor(kib / 1024);
  for (const [i, letter] of [[2, "K"], [3, "M"], [4, "G"], [5, "T"], [6, "P"]] as const) {
    const value = (wholeMiB * base) / base ** (i - 2);
    const suffix = units.si ? letter : `${letter}i`;
    const limit = units.si ? 4 : 5;
    const decimal = `${Math.fround(value).toFixed(1)}${suffix}`;
    if (decimal.length <= limit) return decimal;
    const whole = `${Math.trunc(value)}${suffix}`;
    if (whole.length <= limit) return whole;
  }
  return `${Math.trunc(wholeMiB / base ** 4)}${units.si ? "P" : "Pi"}`;
}

const UNIT_OPTIONS: Record<string, [number, boolean]> = {
  "-b": [1, false], "--bytes": [1, false],
  "-k": [2, false], "--kibi": [2, false], "-m": [3, false], "--mebi": [3, false], "-g": [4, false], "--gibi": [4, false], "--tebi": [5, false], "--pebi": [6, false],
  "--kilo": [2, true], "--mega": [3, true], "--giga": [4, true], "--tera": [5, true], "--peta": [6, true],
};

function render(m: HostMemory, units: Units, wide: boolean, lohi: boolean, total: boolean): string {
  const s = (kib: number) => scaleSize(kib, units);
  const row = (label: string, values: number[]) => `${label.padEnd(9)}${values.map((v, i) => (i === 0 ? s(v).padStart(11) : ` ${s(v).padStart(11)}`)).join("")}\n`;
  const cached = m.pageCache + m.slabReclaimable;
  const used = m.total - m.free - cached - m.buffers;
  let out = wide
    ? "               total        used        free      shared     buffers       cache   available\n"
    : "               total        used        free      shared  buff/cache   available\n";
  out += row("Mem:", wide ? [m.total, used, m.free, m.shmem, m.buffers, cached, m.available] : [m.total, used, m.free, m.shmem, m.buffers + cached, m.available]);
  if (lohi) {
    out += row("Low:", [m.total, m.total - m.free, m.free]);
    out += row("High:", [0, 0, 0]);
  }
  const swapUsed = m.swapTotal - m.swapFree;
  out += row("Swap:", [m.swapTotal, swapUsed, m.swapFree]);
  if (total) out += row("Total:", [m.total + m.swapTotal, used + swapUsed, m.free + m.swapFree]);
  return out;
}

export const free: Program = async (ctx) => {
  const units: Units = { exponent: 0, human: false, si: false };
  let unitSet = false;
  let wide = false;
  let lohi = false;
  let total = false;
  let interval: number | undefined;
  let count: number | undefined;
  const fail = (message: string) => {
    ctx.stderr(`free: ${message}\n`);
    return 1;
  };
  const args = ctx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const unit = UNIT_OPTIONS[a];
    if (unit) {
      if (unitSet) return fail("Multiple unit options doesn't make sense.");
      unitSet = true;
      [units.exponent, units.si] = [unit[0], unit[1] || units.si];
      continue;
    }
    const valued = /^(-s|--seconds|-c|--count)(?:=(.*))?$/.exec(a) ?? /^(-[sc])(.+)$/.exec(a);
    if (valued) {
      const value = valued[2] ?? args[++i];
      if (value === undefined) {
        ctx.stderr(`free: option requires an argument -- '${valued[1].replace(/^-+/, "")[0]}'\n${USAGE}`);
        return 1;
      }
      if (valued[1].startsWith("-s") || valued[1] === "--seconds") {
        const seconds = Number(value);
        if (value.trim() === "" || !Number.isFinite(seconds)) return fail(`seconds argument failed: '${value}': Invalid argument`);
        if (seconds * 1_000_000 < 1) return fail(`seconds argument \`${value}' is not positive number`);
        interval = seconds;
      } else {
        const n = Number(value);
        if (!/^[+-]?\d+$/.test(value.trim())) return fail(`failed to parse count argument: '${value}'`);
        if (n < 1) return fail(`failed to parse count argument: '${value}': Numerical result out of range`);
        count = n;
      }
      continue;
    }
    if (a === "-h" || a === "--human") units.human = true;
    else if (a === "--si") units.si = true;
    else if (a === "-w" || a === "--wide") wide = true;
    else if (a === "-l" || a === "--lohi") lohi = true;
    else if (a === "-t" || a === "--total") total = true;
    else if (a === "--help") {
      ctx.stdout(USAGE);
      return 0;
    } else if (a === "-V" || a === "--version") {
      ctx.stdout("free from procps-ng 3.3.17\n");
      return 0;
    } else if (/^-[bkmghltw]{2,}$/.test(a)) {
      // Bundled short options (`-mt`, `-ht`): one at a time, as getopt does.
      args.splice(i + 1, 0, ...a.slice(1).split("").map((c) => `-${c}`));
    } else if (a.startsWith("--")) {
      ctx.stderr(`free: unrecognized option '${a}'\n${USAGE}`);
      return 1;
    } else if (a.startsWith("-")) {
      ctx.stderr(`free: invalid option -- '${a[1]}'\n${USAGE}`);
      return 1;
    } else {
      ctx.stderr(USAGE);
      return 1;
    }
  }
  const repeat = interval !== undefined || count !== undefined;
  for (let shown = 0; ; shown++) {
    ctx.stdout(render(hostMemory(ctx.environment, ctx.host), units, wide, lohi, total));
    if (count !== undefined && shown + 1 >= count) return 0;
    if (!repeat) return 0;
    ctx.stdout("\n");
    await ctx.sleep((interval ?? 1) * 1000);
    if (ctx.signal.aborted) return 130;
  }
};
