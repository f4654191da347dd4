import { evaluateArithmetic } from "./arith";

/**
 * Word expansion as sh does it: quotes, escapes, parameters (with :- := :+ defaults), command
 * substitution, arithmetic, then field splitting of unquoted results.
 */
export interface ExpandContext {
  lookup(name: string): string | undefined;
  /** Runs a command substitution and returns its output (trailing newlines removed by the caller). */
  substitute(source: string): string;
}

function param(expr: string, ctx: ExpandContext): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!-])(?:(:?[-=+?])(.*))?$/s.exec(expr);
  if (!m) {
    if (expr.startsWith("#")) return String((ctx.lookup(expr.slice(1)) ?? "").length);
    return "";
  }
  const [, name, op, arg] = m;
  const value = ctx.lookup(name);
  const unset = op?.startsWith(":") ? !value : value === undefined;
  switch (op?.replace(":", "")) {
    case "-":
      return unset ? expandString(arg ?? "", ctx) : value!;
    case "=":
      return unset ? expandString(arg ?? "", ctx) : value!;
    case "+":
      return unset ? "" : expandString(arg ?? "", ctx);
    default:
      return value ?? "";
  }
}

function readBalanced(s: string, i: number): number {
  let depth = 1;
  while (i < s.length && depth > 0) {
    if (s[i] === "'") i = s.indexOf("'", i + 1);
    else if (s[i] === "(") depth++;
    else if (s[i] === ")") depth--;
    i++;
  }
  return i;
}

/** Expands `$…` forms at s[i] (s[i] === "$"); returns the text and the index after. */
function dollar(s: string, i: number, ctx: ExpandContext): [string, number] {
  const c = s[i + 1];
  if (c === "(" && s[i + 2] === "(") {
    const end = readBalanced(s, i + 3);
    const expr = s.slice(i + 3, end - 1);
    const after = s[end] === ")" ? end + 1 : end;
    return [String(evaluateArithmetic(expandString(expr, ctx), ctx.lookup)), after];
  }
  if (c === "(") {
    const end = readBalanced(s, i + 2);
    return [ctx.substitute(s.slice(i + 2, end - 1)).replace(/\n+$/, ""), end];
  }
  if (c === "{") {
    const end = s.indexOf("}", i + 2);
    return [param(s.slice(i + 2, end), ctx), end + 1];
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!-])/.exec(s.slice(i + 1));
  if (!m) return ["$", i + 1];
  return [ctx.lookup(m[1]) ?? "", i + 1 + m[1].length];
}

/** Expansion inside double quotes (no splitting); also used for here-strings and defaults. */
export function expandString(s: string, ctx: ExpandContext): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "\\" && i + 1 < s.length && '$`"\\\n'.includes(s[i + 1])) {
      out += s[i + 1];
      i += 2;
    } else if (c === "$") {
      const [text, next] = dollar(s, i, ctx);
      out += text;
      i = next;
    } else if (c === "`") {
      const end = s.indexOf("`", i + 1);
      out += ctx.substitute(s.slice(i + 1, end)).replace(/\n+$/, "");
      i = end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Expands one word into fields. */
export function expandWord(word: string, ctx: ExpandContext): string[] {
  const fields: string[] = [];
  let current = "";
  let hasContent = false;
  let i = 0;
  const pushSplit = (text: string) => {
    const parts = text.split(/[ \t\n]+/);
    parts.forEach((part, k) => {
      if (k > 0) {
        if (hasContent || current) fields.push(current);
        current = "";
        hasContent = false;
      }
      current += part;
      if (part) hasContent = true;
    });
  };
  while (i < word.length) {
    const c = word[i];
    if (c === "'") {
      const end = word.indexOf("'", i + 1);
      current += word.slice(i + 1, end);
      hasContent = true;
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      let inner = "";
      while (j < word.length && word[j] !== '"') {
        if (word[j] === "\\") {
          inner += word.slice(j, j + 2);
          j += 2;
        } else if (word[j] === "$" && word[j + 1] === "(") {
          const end = readBalanced(word, j + 2);
          inner += word.slice(j, end);
          j = end;
        } else inner += word[j++];
      }
      current += expandString(inner, ctx);
      hasContent = true;
      i = j + 1;
    } else if (c === "\\") {
      current += word[i + 1] ?? "";
      hasContent = true;
      i += 2;
    } else if (c === "$") {
      const [text, next] = dollar(word, i, ctx);
      pushSplit(text);
      i = next;
    } else if (c === "`") {
      const end = word.indexOf("`", i + 1);
      pushSplit(ctx.substitute(word.slice(i + 1, end)).replace(/\n+$/, ""));
      i = end + 1;
    } else {
      current += c;
      hasContent = true;
      i++;
    }
  }
  if (hasContent || current) fields.push(current);
  return fields;
}
