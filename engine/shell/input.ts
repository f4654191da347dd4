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

/** Arithmetic, where `<<` is a shift (`$((1<<4))`, `(( x <<= 2 ))`), matched from its `((`. */
const ARITHMETIC = /\$?\(\((?:[^()]|\([^()]*\))*\)\)/y;

/** A here-document operator and its delimiter word (quoted or not), matched from its `<<`. */
const HEREDOC_OPERATOR = /<<(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|\\?([A-Za-z0-9_.-]+))/y;

/**
 * A here-document whose delimiter line has not been typed yet. The text is read as bash reads it:
 * quotes last across lines (`eval "cat <<EOF` … `EOF"` holds no here-document, only a string), a
 * comment ends at its line, and a here-document's body starts on the line after its operator.
 */
function pendingHeredoc(text: string): boolean {
  const waiting: { delimiter: string; strip: boolean }[] = [];
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "\\") i++;
    else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) i = lineEnd(text, i) - 1;
    else if (c === "(" || c === "$") {
      ARITHMETIC.lastIndex = i;
      if (ARITHMETIC.test(text)) i = ARITHMETIC.lastIndex - 1;
    } else if (c === "<" && text[i + 1] === "<" && text[i + 2] !== "<" && text[i - 1] !== "<") {
      HEREDOC_OPERATOR.lastIndex = i;
      const m = HEREDOC_OPERATOR.exec(text);
      if (m) {
        waiting.push({ delimiter: m[2] ?? m[3] ?? m[4], strip: m[1] === "-" });
        i = HEREDOC_OPERATOR.lastIndex - 1;
      }
    } else if (c === "\n" && waiting.length > 0) {
      // The bodies follow, one after the other, each up to its delimiter line.
      let at = i + 1;
      while (waiting.length > 0) {
        if (at >= text.length) return true;
        const end = lineEnd(text, at);
        const raw = text.slice(at, end);
        if ((waiting[0].strip ? raw.replace(/^\t+/, "") : raw) === waiting[0].delimiter) waiting.shift();
        at = end + 1;
      }
      i = at - 2;
    }
  }
  return waiting.length > 0;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
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
