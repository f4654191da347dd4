import { parse, type ScriptNode } from "just-bash";

/**
 * What an interactive shell does with a line before running it: decide whether the command is
 * complete or bash would show its continuation prompt (PS2), and expand history references.
 */

/**
 * The last line parsed, so the interpreter does not parse again what isComplete just parsed (a
 * typed line is parsed here, then split into pieces). Callers only read the tree.
 */
let lastParsed: { text: string; ast: ScriptNode } | undefined;

/** `parse(text)`, reusing the previous result for the same text. */
export function parseLine(text: string): ScriptNode {
  if (lastParsed?.text === text) return lastParsed.ast;
  const ast = parse(text);
  lastParsed = { text, ast };
  return ast;
}

/** True when `text` is a whole command: bash would run it rather than print `> ` and wait. */
export function isComplete(text: string): boolean {
  const trimmed = text.replace(/[ \t]+$/, "");
  if (/(^|[^\\])\\$/.test(trimmed)) return false;
  if (pendingHeredoc(text)) return false;
  try {
    parseLine(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/EOF|unexpected end|unterminated|matching/i.test(message)) return false;
    // An error reported at the very end of the input means the parser ran out of text (`if x; then`).
    const at = /at (\d+):(\d+)/.exec(message);
    if (!at) return true;
    const lines = text.split("\n");
    const line = Number(at[1]);
    return !(line > lines.length || (line === lines.length && Number(at[2]) > lines[lines.length - 1].trimEnd().length));
  }
  const lastLine = stripComment(trimmed.slice(trimmed.lastIndexOf("\n") + 1));
  return !/(\|\||&&|\|)\s*$/.test(lastLine);
}

function stripComment(line: string): string {
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

/**
 * Text where `<<` is no here-document: arithmetic (`$((1<<4))`, `(( x <<= 2 ))`) and quoted strings
 * other than a here-document's quoted delimiter (`<<'EOF'`).
 */
const NOT_HEREDOC_TEXT = /\$?\(\((?:[^()]|\([^()]*\))*\)\)|(?<!<<-?\s*)(?:'[^']*'|"(?:[^"\\]|\\.)*")/g;

/** A here-document whose delimiter line has not been typed yet. */
function pendingHeredoc(text: string): boolean {
  const lines = text.split("\n");
  const waiting: { delimiter: string; strip: boolean }[] = [];
  for (const raw of lines) {
    if (waiting.length > 0) {
      const line = waiting[0].strip ? raw.replace(/^\t+/, "") : raw;
      if (line === waiting[0].delimiter) waiting.shift();
      continue;
    }
    const re = /<<(-?)\s*(?:'([^']*)'|"([^"]*)"|\\?([A-Za-z0-9_.-]+))/g;
    const line = stripComment(raw).replace(NOT_HEREDOC_TEXT, (text) => " ".repeat(text.length));
    for (let m = re.exec(line); m; m = re.exec(line)) {
      // `<<<` is a here-string, not a here-document (the regex also matches its last two `<`).
      if (line[m.index + 2] === "<" || line[m.index - 1] === "<") continue;
      waiting.push({ delimiter: m[2] ?? m[3] ?? m[4], strip: m[1] === "-" });
    }
  }
  return waiting.length > 0;
}

export type HistoryExpansion = { line: string; expanded: boolean } | { error: string };

/**
 * Bash's history expansion for the forms people type: `!!`, `!n`, `!-n`, `!prefix`, `!$`, `!*`
 * and `^old^new`. Text in single quotes is left alone, as bash does.
 */
export function expandHistory(line: string, history: readonly string[]): HistoryExpansion {
  if (!line.includes("!") && !line.startsWith("^")) return { line, expanded: false };
  const last = history[history.length - 1];
  if (line.startsWith("^")) {
    const m = /^\^([^^]*)\^([^^]*)\^?(.*)$/.exec(line);
    if (!m || last === undefined || !last.includes(m[1])) return { error: `bash: :s${line}: substitution failed` };
    return { line: last.replace(m[1], m[2]) + m[3], expanded: true };
  }
  let out = "";
  let expanded = false;
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = "";
      out += c;
      continue;
    }
    if (c === "'" && !quote) quote = "'";
    else if (c === '"') quote = quote ? "" : '"';
    if (c === "\\" && line[i + 1] === "!") {
      out += "!";
      i++;
      continue;
    }
    // `$!` (the last job's pid) and `${!name}` are not history expansions (bash_history_inhibit_expansion).
    if (c !== "!" || i + 1 >= line.length || /[\s=(]/.test(line[i + 1]) || (quote === '"' && line[i + 1] === '"') || line[i - 1] === "$" || (line[i - 1] === "{" && line[i - 2] === "$")) {
      out += c;
      continue;
    }
    const rest = line.slice(i + 1);
    let m: RegExpExecArray | null;
    let entry: string | undefined;
    let used = 0;
    let word: "all" | "last" | "args" = "all";
    if (rest.startsWith("!")) [entry, used] = [last, 1];
    else if (rest.startsWith("$")) [entry, used, word] = [last, 1, "last"];
    else if (rest.startsWith("*")) [entry, used, word] = [last, 1, "args"];
    else if ((m = /^-?\d+/.exec(rest))) {
      const n = Number(m[0]);
      entry = n < 0 ? history[history.length + n] : history[n - 1];
      used = m[0].length;
      if (entry === undefined) return { error: `bash: !${m[0]}: event not found` };
    } else if ((m = /^[^\s;&|]+/.exec(rest))) {
      const prefix = m[0];
      entry = [...history].reverse().find((h) => h.startsWith(prefix));
      used = prefix.length;
      if (entry === undefined) return { error: `bash: !${prefix}: event not found` };
    }
    if (entry === undefined) return { error: `bash: !${rest.slice(0, Math.max(used, 1))}: event not found` };
    const words = entry.trim().split(/\s+/);
    out += word === "last" ? words[words.length - 1] : word === "args" ? words.slice(1).join(" ") : entry;
    expanded = true;
    i += used;
  }
  return { line: out, expanded };
}
