import type { ShellArray } from "./bash-state";

/**
 * Reads the arrays out of `declare -p` output, which is how the shell learns the arrays a command
 * line left behind (just-bash keeps them apart from scalar variables and does not return them).
 */
export function parseDeclarations(text: string): Map<string, ShellArray> {
  const arrays = new Map<string, ShellArray>();
  const re = /^declare -([a-zA-Z-]*) ([A-Za-z_][A-Za-z0-9_]*)=\(/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const flags = m[1];
    if (!flags.includes("a") && !flags.includes("A")) continue;
    const parsed = parseElements(text, re.lastIndex);
    re.lastIndex = parsed.end;
    arrays.set(m[2], { kind: flags.includes("A") ? "associative" : "indexed", elements: parsed.elements });
  }
  return arrays;
}

function parseElements(text: string, start: number): { elements: Map<string, string>; end: number } {
  const elements = new Map<string, string>();
  let i = start;
  while (i < text.length) {
    while (text[i] === " ") i++;
    if (text[i] === ")" || i >= text.length) return { elements, end: i + 1 };
    if (text[i] !== "[") return { elements, end: i };
    const key = readWord(text, i + 1, "]");
    i = key.end + 1;
    if (text[i] === "=") i++;
    const value = readWord(text, i, " )");
    elements.set(key.value, value.value);
    i = value.end;
  }
  return { elements, end: i };
}

const ANSI: Record<string, string> = { n: "\n", t: "\t", r: "\r", a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", v: "\v", "\\": "\\", "'": "'", '"': '"' };

/** One shell word made of quoted and bare segments, up to an unquoted stop character. */
function readWord(text: string, start: number, stops: string): { value: string; end: number } {
  let value = "";
  let i = start;
  while (i < text.length && !stops.includes(text[i])) {
    const c = text[i];
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      value += text.slice(i + 1, close);
      i = close + 1;
    } else if (c === "$" && text[i + 1] === "'") {
      i += 2;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === "\\" && i + 1 < text.length) {
          value += ANSI[text[i + 1]] ?? text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      i++;
    } else if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === "\\" && '"$`\\'.includes(text[i + 1])) {
          value += text[i + 1];
          i += 2;
        } else value += text[i++];
      }
      i++;
    } else if (c === "\\" && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
    } else value += text[i++];
  }
  return { value, end: i };
}
