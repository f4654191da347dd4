/**
 * How GNU ls 9.1 writes a file name (gnulib quotearg): `literal` when stdout is not a terminal,
 * `shell-escape` when it is (`'a b'`, `"it's"`, `'a'$'\n''b'`), and the styles --quoting-style,
 * QUOTING_STYLE, -N, -Q and -b choose. Error messages quote names as `shell-escape-always` does.
 */
export const QUOTING_STYLES = ["literal", "shell", "shell-always", "shell-escape", "shell-escape-always", "c", "c-maybe", "escape", "locale", "clocale"] as const;
export type QuotingStyle = (typeof QUOTING_STYLES)[number];

/** Characters that make a shell style quote the whole name (quotearg's shell specials). */
const SHELL_SPECIAL = new Set([..." !\"$&'()*;<=>?[\\^`|"]);
/** Specials after which a name can still be written in double quotes with nothing escaped. */
const DOUBLE_QUOTE_SAFE = new Set([" ", "'", "#", "~", "{", "}"]);

const isControl = (c: string): boolean => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

/** SHELL_SPECIAL and the control characters, for one test per name. */
const NEEDS_QUOTES = /[ !"$&'()*;<=>?[\\^`|\x00-\x1f\x7f]/;

function needsShellQuotes(name: string): boolean {
  if (name === "") return true;
  if (name[0] === "#" || name[0] === "~" || name === "{" || name === "}") return true;
  return NEEDS_QUOTES.test(name);
}

/** C's escape for a control character (`\n`, `\t`, or three octal digits). */
function cEscape(c: string): string {
  const named: Record<string, string> = { "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v" };
  return named[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, "0")}`;
}

function shellQuote(name: string, always: boolean, escapeControls: boolean): string {
  if (!always && !needsShellQuotes(name)) return name;
  const chars = [...name];
  if (chars.some(isControl)) {
    if (!escapeControls) return `'${chars.map((c) => (isControl(c) ? "?" : c === "'" ? "'\\''" : c)).join("")}'`;
    // shell-escape: each run of control characters becomes $'…' between single-quoted parts.
    let out = "";
    let inQuotes = false;
    for (const c of chars) {
      if (isControl(c)) {
        out += `${inQuotes ? "'" : ""}$'${cEscape(c)}'`;
        inQuotes = false;
      } else {
        if (!inQuotes) out += "'";
        inQuotes = true;
        out += c === "'" ? "'\\''" : c;
      }
    }
    return inQuotes ? `${out}'` : out;
  }
  if (name.includes("'")) {
    // A name whose only specials are quotes and spaces reads better in double quotes ("it's").
    const plain = chars.every((c) => !SHELL_SPECIAL.has(c) || DOUBLE_QUOTE_SAFE.has(c));
    return plain ? `"${name}"` : `'${name.replaceAll("'", "'\\''")}'`;
  }
  return `'${name}'`;
}

function cQuote(name: string, open: string, close: string): string {
  return `${open}${[...name].map((c) => (c === '"' && open === '"' ? '\\"' : c === "\\" ? "\\\\" : isControl(c) ? cEscape(c) : c)).join("")}${close}`;
}

/**
 * `name` as ls writes it. `hideControls` is -q (the default on a terminal): in the literal style a
 * control character is written as `?`.
 */
export function quoteName(name: string, style: QuotingStyle, hideControls: boolean): string {
  switch (style) {
    case "literal":
      return hideControls ? [...name].map((c) => (isControl(c) ? "?" : c)).join("") : name;
    case "shell":
    case "shell-always":
      return shellQuote(name, style === "shell-always", false);
    case "shell-escape":
    case "shell-escape-always":
      return shellQuote(name, style === "shell-escape-always", true);
    case "c":
      return cQuote(name, '"', '"');
    case "c-maybe":
      return [...name].some((c) => isControl(c) || c === '"' || c === "\\") ? cQuote(name, '"', '"') : name;
    case "escape":
      return [...name].map((c) => (c === " " ? "\\ " : c === "\\" ? "\\\\" : isControl(c) ? cEscape(c) : c)).join("");
    case "locale":
    case "clocale":
      return cQuote(name, "\u2018", "\u2019");
  }
}

/** Whether quoting changed how the name starts or its length (ls then indents the other names by one column). */
export function isQuoted(shown: string, name: string): boolean {
  return shown.length !== name.length || shown[0] !== name[0];
}

/** A name in an error message (`ls: cannot access 'x': …`). */
export function quoteForMessage(name: string): string {
  return shellQuote(name, true, true);
}
