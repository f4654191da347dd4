import type { ProgramContext } from "../process/types";
import { Factory } from "./client/factory";
import { commandRun, GROUP_COMMANDS, REQUIRED_FLAGS, type CommandContext } from "./cli/command";
import { formatError } from "./cli/errors";
import { FlagError, HelpRequested, parseFlags, type FlagDef } from "./cli/flags";
import { aliasesOf, flagsOf, helpText, subcommandsOf } from "./cli/help-data";
import { suggestionsFor } from "./cli/suggest";
import { PrintError } from "./printers";
import { Interrupted } from "./client/wait-loop";
import "./cmd";
import { hiddenComplete } from "./cmd/completion/completion";

/** The root's subcommands in kubectl's AddCommand order (suggestions follow it). */
const ROOT_ORDER = [
  "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale",
  "certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach",
  "exec", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait",
  "kustomize", "label", "annotate", "completion", "config", "plugin", "version", "api-versions", "api-resources",
  "options", "help",
];

function childrenOf(path: string): readonly string[] {
  return path === "" ? ROOT_ORDER : subcommandsOf(path);
}

function childPath(path: string, name: string): string {
  return path === "" ? name : `${path} ${name}`;
}

/** cobra's findNext: a subcommand by name or alias. */
function findChild(path: string, word: string): string | undefined {
  for (const name of childrenOf(path)) {
    if (name === word) return name;
    if (aliasesOf(childPath(path, name)).includes(word)) return name;
  }
  return undefined;
}

function takesValue(arg: string, defs: Map<string, FlagDef>): boolean {
  if (arg.startsWith("--")) {
    const def = defs.get(arg.slice(2).replace(/_/g, "-"));
    return !(def && def.noOptDefVal !== undefined);
  }
  const def = shorthandsOf(defs).get(arg[1]);
  return !(def && def.noOptDefVal !== undefined);
}

/** Flags by shorthand, once per command's (shared, unchanging) flag set. */
const shorthands = new WeakMap<Map<string, FlagDef>, Map<string, FlagDef>>();

function shorthandsOf(defs: Map<string, FlagDef>): Map<string, FlagDef> {
  let byShorthand = shorthands.get(defs);
  if (!byShorthand) {
    byShorthand = new Map();
    for (const d of defs.values()) if (d.shorthand && !byShorthand.has(d.shorthand)) byShorthand.set(d.shorthand, d);
    shorthands.set(defs, byShorthand);
  }
  return byShorthand;
}

/** cobra's stripFlags: the non-flag words of `args`, skipping values of flags that take one. */
function stripFlags(args: string[], defs: Map<string, FlagDef>): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === "--") break;
    if ((s.startsWith("--") && !s.includes("=") && takesValue(s, defs)) || (s.startsWith("-") && !s.startsWith("--") && !s.includes("=") && s.length === 2 && takesValue(s, defs))) {
      if (i + 1 >= args.length) break;
      i++;
      continue;
    }
    if (s !== "" && !s.startsWith("-")) words.push(s);
  }
  return words;
}

/** cobra's argsMinusFirstX: removes the first occurrence of the subcommand word (not a flag value). */
function withoutFirst(args: string[], word: string, defs: Map<string, FlagDef>): string[] {
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === "--") break;
    if ((s.startsWith("--") && !s.includes("=") && takesValue(s, defs)) || (s.startsWith("-") && !s.startsWith("--") && !s.includes("=") && s.length === 2 && takesValue(s, defs))) {
      i++;
      continue;
    }
    if (s === word) return [...args.slice(0, i), ...args.slice(i + 1)];
  }
  return args;
}

/** cobra's Find: walks subcommands through the arguments, wherever flags sit among them. */
export function findCommand(args: string[]): { path: string; rest: string[] } {
  let path = "";
  let rest = args;
  for (;;) {
    const words = stripFlags(rest, flagsOf(path));
    if (words.length === 0) break;
    const child = findChild(path, words[0]);
    if (!child) break;
    rest = withoutFirst(rest, words[0], flagsOf(path));
    path = childPath(path, child);
  }
  return { path, rest };
}

/** The kubectl program: finds the command, parses its flags like pflag, runs it, prints errors like kubectl. */
export async function runKubectl(ctx: ProgramContext): Promise<number> {
  const out = (s: string) => ctx.stdout(s);
  const err = (s: string) => ctx.stderr(s);
  // cobra's hidden completion command, called by the script `kubectl completion bash` prints.
  if (ctx.args[0] === "__complete" || ctx.args[0] === "__completeNoDesc") return hiddenComplete(ctx);
  const { path, rest } = findCommand(ctx.args);
  const commandPath = path === "" ? "kubectl" : `kubectl ${path}`;
  let parsed;
  try {
    parsed = parseFlags(rest, flagsOf(path));
  } catch (e) {
    if (e instanceof HelpRequested) {
      out(helpText(path) ?? "");
      return 0;
    }
    if (e instanceof FlagError) {
      err(`error: ${e.message}\nSee '${commandPath} --help' for usage.\n`);
      return 1;
    }
    throw e;
  }
  const { positionals, values } = parsed;
  if (values.bool("help")) {
    out(helpText(path) ?? "");
    return 0;
  }
  if (path === "") {
    if (positionals.length > 0 && ctx.args[0]?.startsWith("-")) {
      // kubectl looks for a plugin when no command matches, and refuses flags before its name.
      err(`Error: flags cannot be placed before plugin name: ${ctx.args[0]}\n`);
      return 1;
    }
    if (positionals.length > 0) {
      const suggestions = suggestionsFor(positionals[0], ROOT_ORDER.filter((n) => n !== "options"));
      const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join("")}` : "\n";
      err(`error: unknown command "${positionals[0]}" for "kubectl"${hint}`);
      return 1;
    }
    out(helpText("") ?? "");
    return 0;
  }
  if (path === "options") {
    out(helpText("options") ?? "");
    return 0;
  }
  if (path === "help") return help(positionals, out, err);
  const group = GROUP_COMMANDS[path];
  if (group) {
    if (positionals.length > 0 && group.code !== 0) {
      err(`error: unknown command "${positionals.join(" ")}"\nSee '${commandPath} -h' for help and examples\n`);
      return 1;
    }
    (group.stream === "out" ? out : err)(helpText(path) ?? "");
    return group.code;
  }
  const missing = (REQUIRED_FLAGS[path] ?? []).filter((f) => !values.isSet(f)).sort();
  const factory = new Factory(ctx, values);
  const run = commandRun(path);
  try {
    if (missing.length > 0) throw new Error(`required flag(s) "${missing.join('", "')}" not set`);
    if (!run) throw new Error(`${commandPath} is not available in Kubecoach yet`);
    const c: CommandContext = { ctx, path, commandPath, args: positionals, argsLenAtDash: parsed.argsLenAtDash, flags: values, out, err, factory };
    const code = await run(c);
    return code ?? 0;
  } catch (e) {
    if (e instanceof Interrupted) return 130;
    if (e instanceof PrintError && e.stdout) out(e.stdout);
    const { text, code } = formatError(e, factory.verbosity >= 4 ? (message, source) => factory.log(message, source) : undefined);
    err(text);
    return code;
  }
}

function help(topics: string[], out: (s: string) => void, err: (s: string) => void): number {
  if (topics.length === 0) {
    out(helpText("") ?? "");
    return 0;
  }
  const { path, rest } = findCommand(topics);
  if (path === "" || rest.length > 0) {
    err(`Unknown help topic [\`${topics.join(" ")}\`]\n${helpText("")?.replace(/^[^\n]*\n\n[^\n]*\n/, "\n")}`);
    return 0;
  }
  out(helpText(path) ?? "");
  return 0;
}
