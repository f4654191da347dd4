import type { Environment } from "../cluster/environment";
import type { ShellControl } from "./commands";
import type { ShellFrame } from "./frame";
import { HOOK_PREFIX } from "./transform";

/**
 * Tab completion for a line being typed, the way bash with bash-completion behaves: command names
 * in command position, `$VARIABLES`, file names elsewhere, and programs' own completion (kubectl's
 * cobra completion) where a completer is registered for the command — directly, through an alias
 * (`k`), or through `complete -F __start_kubectl k`.
 */
export interface CompletionResult {
  /** Candidate words replacing `line.slice(start, end)`. */
  items: string[];
  start: number;
  end: number;
}

export interface CompletionRequest {
  /** The command as registered (`kubectl`, even when typed as `k`). */
  command: string;
  /** Words after the command and before the one being completed. */
  args: string[];
  /** The partial word under the cursor. */
  toComplete: string;
  environment: Environment;
  host: string;
  user: string;
  cwd: string;
  env: Record<string, string>;
}

export type Completer = (request: CompletionRequest) => Promise<string[]> | string[];

const COMPLETERS = new Map<string, Completer>();

/** Registers a program's own completion (the kubectl engineer registers "kubectl"). */
export function registerCompleter(command: string, completer: Completer): void {
  COMPLETERS.set(command, completer);
}

const KEYWORDS = ["if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do", "done", "in", "function", "time", "{", "}", "!", "[[", "]]"];
const BUILTINS = [".", ":", "[", "alias", "bg", "bind", "break", "builtin", "caller", "cd", "command", "compgen", "complete", "compopt", "continue", "declare", "dirs", "disown", "echo", "enable", "eval", "exec", "exit", "export", "false", "fc", "fg", "getopts", "hash", "help", "history", "jobs", "kill", "let", "local", "logout", "mapfile", "popd", "printf", "pushd", "pwd", "read", "readarray", "readonly", "return", "set", "shift", "shopt", "source", "suspend", "test", "times", "trap", "true", "type", "typeset", "ulimit", "umask", "unalias", "unset", "wait"];

interface Word {
  text: string;
  start: number;
}

/** Splits the text before the cursor into the words of the current simple command. */
function currentCommandWords(text: string): Word[] {
  let words: Word[] = [];
  let current: Word | undefined;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      else current!.text += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      current ??= { text: "", start: i };
      continue;
    }
    if (c === "\\" && i + 1 < text.length) {
      current ??= { text: "", start: i };
      current.text += text[++i];
      continue;
    }
    if (/\s/.test(c)) {
      if (current) words.push(current);
      current = undefined;
      continue;
    }
    if (";|&(".includes(c)) {
      if (current) words.push(current);
      current = undefined;
      words = [];
      continue;
    }
    current ??= { text: "", start: i };
    current.text += c;
  }
  words.push(current ?? { text: "", start: text.length });
  return words;
}

export async function completeLine(frame: ShellFrame, control: ShellControl, line: string, cursor: number): Promise<CompletionResult> {
  const before = line.slice(0, cursor);
  const words = currentCommandWords(before);
  const word = words[words.length - 1];
  const result = (items: string[]) => ({ items: [...new Set(items)].sort(), start: word.start, end: cursor });
  const shell = frame.shell;
  if (word.text.startsWith("$")) {
    const prefix = word.text.slice(1).replace(/^\{/, "");
    const names = shell.variableNames().filter((n) => /^[A-Za-z_]/.test(n) && !n.startsWith("BASH_ALIAS_") && n.startsWith(prefix));
    return result(names.map((n) => (word.text.startsWith("${") ? `\${${n}}` : `$${n}`)));
  }
  if (words.length === 1) {
    if (word.text.includes("/")) return result(await files(frame, word.text, true));
    const names = [...shell.aliases().keys(), ...shell.functionNames(), ...BUILTINS, ...KEYWORDS, ...commandNames(frame)];
    return result(names.filter((n) => n.startsWith(word.text) && !n.startsWith(HOOK_PREFIX)));
  }
  const typed = words[0].text;
  const command = resolveCommand(frame, typed);
  const completer = command ? COMPLETERS.get(command) : undefined;
  if (completer) {
    const items = await completer({
      command: command!,
      args: words.slice(1, -1).map((w) => w.text),
      toComplete: word.text,
      environment: control.environment,
      host: frame.host.name,
      user: frame.effectiveUser.name,
      cwd: shell.cwd,
      env: shell.exportedEnv(),
    });
    if (items.length > 0) return result(items.filter((i) => i.startsWith(word.text)));
  }
  return result(await files(frame, word.text, false));
}

/** The command a typed name completes like: through an alias or a `complete -F __start_X` spec. */
function resolveCommand(frame: ShellFrame, typed: string): string | undefined {
  const shell = frame.shell;
  const spec = shell.completionSpec(typed);
  const fromSpec = spec?.function?.match(/^__start_(.+)$/)?.[1];
  if (fromSpec) return fromSpec;
  const alias = shell.aliases().get(typed);
  if (alias) return alias.trim().split(/\s+/)[0].replace(/^.*\//, "");
  return typed.replace(/^.*\//, "");
}

function commandNames(frame: ShellFrame): string[] {
  return frame.commandList();
}

async function files(frame: ShellFrame, text: string, executablesOnly: boolean): Promise<string[]> {
  const home = frame.shell.variable("HOME") ?? frame.user.home;
  const expanded = text.startsWith("~/") || text === "~" ? home + text.slice(1) : text;
  const slash = expanded.lastIndexOf("/");
  const dirPart = slash >= 0 ? expanded.slice(0, slash + 1) : "";
  const base = slash >= 0 ? expanded.slice(slash + 1) : expanded;
  const dir = frame.fs.resolvePath(frame.shell.cwd, dirPart || ".");
  let entries: { name: string; isDirectory: boolean }[];
  try {
    entries = await frame.fs.readdirWithFileTypes(dir);
  } catch {
    return [];
  }
  const shownPrefix = slash >= 0 ? text.slice(0, text.length - base.length) : "";
  const out: string[] = [];
  for (const e of entries) {
    if (!e.name.startsWith(base) || (e.name.startsWith(".") && !base.startsWith(".")) || e.name.startsWith(HOOK_PREFIX)) continue;
    let isDir = e.isDirectory;
    if (!isDir) {
      try {
        isDir = (await frame.fs.stat(`${dir}/${e.name}`)).isDirectory;
      } catch {
        isDir = false;
      }
    }
    if (executablesOnly && !isDir) {
      const mode = (await frame.fs.stat(`${dir}/${e.name}`).catch(() => undefined))?.mode ?? 0;
      if ((mode & 0o111) === 0) continue;
    }
    out.push(`${shownPrefix}${e.name}${isDir ? "/" : ""}`);
  }
  return out;
}
