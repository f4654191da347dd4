import HELP_TEXTS from "../help/help-texts.json";
import type { FlagDef, FlagKind } from "./flags";

/**
 * kubectl's own help texts (recorded from the real binary by help/capture-help.ts) are the source of
 * truth for every command's flags, aliases and subcommands, so the emulator accepts and rejects
 * exactly the flags the real kubectl does and prints its help byte for byte.
 */
const TEXTS = HELP_TEXTS as Record<string, string>;

/** pflag StringSlice flags (comma-splitting); other list flags are StringArray (kubectl source). */
const SLICE_FLAGS = new Set([
  "address", "categories", "filename", "from-env-file", "from-file", "keys", "label-columns", "namespaces",
  "non-resource-url", "resource", "tcp", "types", "verb", "verbs",
]);
const SLICE_BY_COMMAND: Record<string, string[]> = { "create deployment": ["image"] };

/** Flags whose bare form takes a value (pflag NoOptDefVal), from kubectl's flag helpers. */
const NO_OPT_DEFAULTS: Record<string, string> = { "dry-run": "unchanged", validate: "strict", cascade: "background" };

/** Tri-state flags of `kubectl config` that print like strings but read like bools. */
const TRISTATE = new Set(["embed-certs", "merge", "insecure-skip-tls-verify", "set-raw-bytes", "auth-provider-arg"]);

export function helpText(path: string): string | undefined {
  return TEXTS[path];
}

// The help texts never change in a process: what is derived from them is derived once, on first use
// (every command line looks its words up here, and re-splitting the texts was a tenth of `apply`).
let paths: readonly string[] | undefined;

export function commandPaths(): string[] {
  paths ??= Object.freeze(Object.keys(TEXTS).filter((p) => p !== "options"));
  return [...paths];
}

function section(text: string, title: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l === title);
  if (start < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^[A-Z][A-Za-z ()]*:$/.test(line)) break;
    out.push(line);
  }
  return out;
}

function kindOf(name: string, shown: string, path: string): FlagKind {
  if (shown === "true" || shown === "false") return "bool";
  if (shown.startsWith("'")) return "string";
  // pflag StringToString flags show their empty default as "[]" too (kubectl debug --env, --set-image).
  if (name === "set-image" || (name === "env" && path === "debug")) return "map";
  if (shown.startsWith("[")) return SLICE_FLAGS.has(name) || SLICE_BY_COMMAND[path]?.includes(name) ? "stringSlice" : "stringArray";
  if (/^-?\d+$/.test(shown)) return "int";
  if (/^-?[\d.]+(ns|us|ms|s|m|h)([\d.]+(ns|us|ms|s|m|h))*$/.test(shown)) return "duration";
  if (name === "aggregation-rule" || name === "set-image") return "map";
  return "string";
}

function flagsIn(text: string, path: string): FlagDef[] {
  const defs: FlagDef[] = [];
  for (const m of text.matchAll(/^ {4}(?:-(\S), )?--([\w-]+)=(.*):$/gm)) {
    const [, shorthand, name, shown] = m;
    let kind = kindOf(name, shown, path);
    const defaultValue = shown.startsWith("'") ? shown.slice(1, -1) : shown;
    let noOptDefVal = NO_OPT_DEFAULTS[name];
    if (kind === "bool") noOptDefVal = "true";
    if (TRISTATE.has(name) && kind === "bool") kind = "bool";
    defs.push({ name, ...(shorthand ? { shorthand } : {}), kind, defaultValue, ...(noOptDefVal !== undefined ? { noOptDefVal } : {}) });
  }
  return defs;
}

const flagCache = new Map<string, Map<string, FlagDef>>();

/** The flags of a command (its own and kubectl's global ones), plus cobra's -h/--help. */
export function flagsOf(path: string): Map<string, FlagDef> {
  const cached = flagCache.get(path);
  if (cached) return cached;
  const defs = new Map<string, FlagDef>();
  for (const def of flagsIn(TEXTS.options, "")) defs.set(def.name, { ...def, global: true });
  for (const def of flagsIn(section(TEXTS[path] ?? "", "Options:").join("\n"), path)) defs.set(def.name, def);
  defs.set("help", { name: "help", shorthand: "h", kind: "bool", defaultValue: "false", noOptDefVal: "true" });
  flagCache.set(path, defs);
  return defs;
}

/** The global flags alone (the root command's persistent flags). */
export function globalFlags(): Map<string, FlagDef> {
  return flagsOf("");
}

const aliasCache = new Map<string, readonly string[]>();

export function aliasesOf(path: string): readonly string[] {
  let aliases = aliasCache.get(path);
  if (!aliases) {
    const first = section(TEXTS[path] ?? "", "Aliases:").find((l) => l.trim() !== "");
    aliases = Object.freeze(first ? first.trim().split(/,\s*/).slice(1) : []);
    aliasCache.set(path, aliases);
  }
  return aliases;
}

const subcommandCache = new Map<string, readonly string[]>();

/** Subcommand names in the order the help lists them (kubectl's AddCommand order for the root). */
export function subcommandsOf(path: string): readonly string[] {
  let names = subcommandCache.get(path);
  if (!names) {
    const prefix = path === "" ? "" : `${path} `;
    paths ??= Object.freeze(Object.keys(TEXTS).filter((p) => p !== "options"));
    names = Object.freeze(paths.filter((p) => p.startsWith(prefix) && p !== path && !p.slice(prefix.length).includes(" ")).map((p) => p.slice(prefix.length)));
    subcommandCache.set(path, names);
  }
  return names;
}
