/**
 * Command-line flags with spf13/pflag's semantics, which kubectl inherits: long and short forms,
 * `--x=y`, `-nfoo`, `-n=foo`, grouped bool shorthands (`-it`), flags anywhere among the arguments,
 * `--` ending the flags, repeated list flags, and pflag's exact error texts.
 */
export type FlagKind = "bool" | "string" | "int" | "duration" | "stringArray" | "stringSlice" | "map";

export interface FlagDef {
  name: string;
  shorthand?: string;
  kind: FlagKind;
  /** Default as the help text shows it (`''` unquoted to the empty string). */
  defaultValue: string;
  /** Value used when the flag is given without one (`--dry-run` means `--dry-run=unchanged`). */
  noOptDefVal?: string;
  /** One of kubectl's global flags (a command's own flag of the same name shadows it). */
  global?: boolean;
}

export class FlagError extends Error {}

/** Thrown for `-h`/`--help`: the command prints its help instead of running. */
export class HelpRequested extends Error {}

export interface ParsedFlags {
  positionals: string[];
  /** Index in `positionals` where arguments after `--` start, or -1 (cobra's ArgsLenAtDash). */
  argsLenAtDash: number;
  values: FlagValues;
}

type Value = string | number | boolean | string[] | Record<string, string>;

/** Parses Go durations such as `30s`, `1m0s`, `1.5h`, `500ms`; returns milliseconds. */
export function parseDuration(text: string): number {
  if (text === "0") return 0;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /([0-9]*\.?[0-9]+)(ns|us|µs|ms|s|m|h)/y;
  let sign = 1;
  let rest = text;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "") throw new Error(`time: invalid duration "${text}"`);
  let total = 0;
  re.lastIndex = 0;
  while (re.lastIndex < rest.length) {
    const m = re.exec(rest);
    if (!m) {
      if (/^[0-9.]+$/.test(rest.slice(re.lastIndex))) throw new Error(`time: missing unit in duration "${text}"`);
      throw new Error(`time: invalid duration "${text}"`);
    }
    total += Number(m[1]) * units[m[2]];
  }
  return sign * total;
}

/** Go's time.Duration.String(): `1m0s`, `30s`, `1h0m0s`, `500ms`, `0s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return "0s";
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? "-" : ""}${Number.isInteger(rest) ? rest : rest.toFixed(3).replace(/0+$/, "")}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  const secs = `${Number.isInteger(s) ? s : String(Number(s.toFixed(9)))}s`;
  const text = h > 0 ? `${h}h${m}m${secs}` : m > 0 ? `${m}m${secs}` : secs;
  return (neg ? "-" : "") + text;
}

function parseBool(text: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(text)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(text)) return false;
  return undefined;
}

/** Splits a pflag StringSlice value like Go's csv reader: commas separate, double quotes group. */
function splitCsv(text: string): string[] {
  if (text === "") return [];
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
}

function initial(def: FlagDef): Value {
  switch (def.kind) {
    case "bool":
      return def.defaultValue === "true";
    case "int":
      return Number(def.defaultValue || "0");
    case "duration":
      return parseDuration(def.defaultValue || "0s");
    case "stringArray":
    case "stringSlice": {
      const inner = def.defaultValue.replace(/^\[|\]$/g, "");
      return inner === "" ? [] : inner.split(",");
    }
    case "map":
      return {};
    default:
      return def.defaultValue;
  }
}

/**
 * Each command's defaults, computed once per (shared, unchanging) flag set and copied per parse;
 * they are frozen, and setting a flag replaces its value rather than changing it.
 */
const defaults = new WeakMap<Map<string, FlagDef>, ReadonlyMap<string, Value>>();

function initialValues(defs: Map<string, FlagDef>): ReadonlyMap<string, Value> {
  let values = defaults.get(defs);
  if (!values) {
    const fresh = new Map<string, Value>();
    for (const def of defs.values()) fresh.set(def.name, Object.freeze(initial(def)) as Value);
    defaults.set(defs, (values = fresh));
  }
  return values;
}

/** Flags by shorthand (the last of a letter wins, as the map was built here before), once per flag set. */
const shorthandMaps = new WeakMap<Map<string, FlagDef>, Map<string, FlagDef>>();

function shorthandsIn(defs: Map<string, FlagDef>): Map<string, FlagDef> {
  let shorthands = shorthandMaps.get(defs);
  if (!shorthands) {
    shorthands = new Map();
    for (const def of defs.values()) if (def.shorthand) shorthands.set(def.shorthand, def);
    shorthandMaps.set(defs, shorthands);
  }
  return shorthands;
}

/** The values of one command's flags after parsing, with what the user set explicitly. */
export class FlagValues {
  /** Every flag's default, shared by all parses of the flag set (frozen values, never changed). */
  private readonly defaults: ReadonlyMap<string, Value>;
  /** The values the user set: a parse copies nothing for the hundred-odd flags left at their defaults. */
  private readonly given = new Map<string, Value>();
  private changed = new Set<string>();

  constructor(readonly defs: Map<string, FlagDef>) {
    this.defaults = initialValues(defs);
  }

  private value(name: string): Value | undefined {
    return this.given.has(name) ? this.given.get(name) : this.defaults.get(name);
  }

  /** Sets a flag from its text, as pflag's Value.Set does (lists append after the first set). */
  set(def: FlagDef, text: string, flagLabel: string): void {
    const invalid = (why: string) => new FlagError(`invalid argument "${text}" for "${flagLabel}" flag: ${why}`);
    const first = !this.changed.has(def.name);
    switch (def.kind) {
      case "bool": {
        const b = parseBool(text);
        if (b === undefined) throw invalid(`strconv.ParseBool: parsing "${text}": invalid syntax`);
        this.given.set(def.name, b);
        break;
      }
      case "int": {
        if (!/^[+-]?\d+$/.test(text) && !/^[+-]?0[xX][0-9a-fA-F]+$/.test(text)) throw invalid(`strconv.ParseInt: parsing "${text}": invalid syntax`);
        this.given.set(def.name, Number(text));
        break;
      }
      case "duration": {
        try {
          this.given.set(def.name, parseDuration(text));
        } catch (e) {
          throw invalid((e as Error).message);
        }
        break;
      }
      case "stringArray": {
        const prev = first ? [] : (this.given.get(def.name) as string[]);
        this.given.set(def.name, [...prev, text]);
        break;
      }
      case "stringSlice": {
        const prev = first ? [] : (this.given.get(def.name) as string[]);
        this.given.set(def.name, [...prev, ...splitCsv(text)]);
        break;
      }
      case "map": {
        const prev = first ? {} : (this.given.get(def.name) as Record<string, string>);
        const next = { ...prev };
        for (const pair of splitCsv(text)) {
          const eq = pair.indexOf("=");
          if (eq < 0) throw invalid(`${pair} must be formatted as key=value`);
          next[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
        this.given.set(def.name, next);
        break;
      }
      default:
        this.given.set(def.name, text);
    }
    this.changed.add(def.name);
  }

  has(name: string): boolean {
    return this.defs.has(name);
  }

  /** Whether the user gave the flag on the command line (cobra's Flags().Changed). */
  isSet(name: string): boolean {
    return this.changed.has(name);
  }

  string(name: string): string {
    const v = this.value(name);
    if (v === undefined) return "";
    return Array.isArray(v) ? v.join(",") : String(v);
  }

  bool(name: string): boolean {
    return this.value(name) === true;
  }

  int(name: string): number {
    const v = this.value(name);
    return typeof v === "number" ? v : Number(v ?? 0);
  }

  /** Duration in milliseconds. */
  duration(name: string): number {
    return this.int(name);
  }

  strings(name: string): string[] {
    const v = this.value(name);
    if (Array.isArray(v)) return v;
    if (v === undefined || v === "") return [];
    return [String(v)];
  }

  map(name: string): Record<string, string> {
    const v = this.value(name);
    return v && typeof v === "object" && !Array.isArray(v) ? v : {};
  }
}

/** kubectl normalises flag names with underscores to dashes (WordSepNormalizeFunc). */
function normalizeName(name: string): string {
  return name.replace(/_/g, "-");
}

/** Parses `args` against `defs` with pflag's interspersed semantics. */
export function parseFlags(args: string[], defs: Map<string, FlagDef>): ParsedFlags {
  const values = new FlagValues(defs);
  const shorthands = shorthandsIn(defs);
  const positionals: string[] = [];
  let argsLenAtDash = -1;
  const label = (def: FlagDef) => (def.shorthand ? `-${def.shorthand}, --${def.name}` : `--${def.name}`);
  let rest = [...args];
  while (rest.length > 0) {
    const s = rest.shift()!;
    if (s.length === 0 || s[0] !== "-" || s.length === 1) {
      positionals.push(s);
      continue;
    }
    if (s[1] === "-") {
      if (s.length === 2) {
        argsLenAtDash = positionals.length;
        positionals.push(...rest);
        rest = [];
        break;
      }
      const body = s.slice(2);
      if (body[0] === "-" || body[0] === "=") throw new FlagError(`bad flag syntax: ${s}`);
      const eq = body.indexOf("=");
      const name = normalizeName(eq >= 0 ? body.slice(0, eq) : body);
      const def = defs.get(name);
      if (!def) {
        if (name === "help") throw new HelpRequested();
        throw new FlagError(`unknown flag: --${name}`);
      }
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (def.noOptDefVal !== undefined) value = def.noOptDefVal;
      else if (rest.length > 0) value = rest.shift()!;
      else throw new FlagError(`flag needs an argument: ${s}`);
      values.set(def, value, label(def));
      continue;
    }
    let shorts = s.slice(1);
    while (shorts.length > 0) {
      const c = shorts[0];
      const def = shorthands.get(c);
      if (!def) {
        if (c === "h") throw new HelpRequested();
        throw new FlagError(`unknown shorthand flag: '${c}' in -${shorts}`);
      }
      let value: string;
      if (shorts.length > 2 && shorts[1] === "=") {
        value = shorts.slice(2);
        shorts = "";
      } else if (def.noOptDefVal !== undefined) {
        value = def.noOptDefVal;
        shorts = shorts.slice(1);
      } else if (shorts.length > 1) {
        value = shorts.slice(1);
        shorts = "";
      } else if (rest.length > 0) {
        value = rest.shift()!;
        shorts = "";
      } else {
        throw new FlagError(`flag needs an argument: '${c}' in -${shorts}`);
      }
      values.set(def, value, label(def));
    }
  }
  return { positionals, argsLenAtDash, values };
}
