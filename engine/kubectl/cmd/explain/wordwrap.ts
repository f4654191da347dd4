/**
 * mitchellh/go-wordwrap's WrapString, which kubectl's explain templates use (`wrap N`): breaks
 * at whitespace so lines stay within `limit` runes, keeps existing line breaks, never splits a
 * word longer than the limit, and drops the spaces where it breaks.
 */
const NBSP = "\u00a0";

export function wrapString(s: string, limit: number): string {
  let out = "";
  let current = 0;
  let word = "";
  let space = "";
  const len = (t: string) => [...t].length;
  for (const ch of s) {
    if (ch === "\n") {
      if (word.length === 0) {
        if (current + len(space) <= limit) out += space;
      } else {
        out += space + word;
        word = "";
      }
      space = "";
      out += ch;
      current = 0;
    } else if (/\s/.test(ch) && ch !== NBSP) {
      if (space.length === 0 || word.length > 0) {
        current += len(space) + len(word);
        out += space + word;
        space = "";
        word = "";
      }
      space += ch;
    } else {
      word += ch;
      const wordLen = len(word);
      if (current + len(space) + wordLen > limit && wordLen < limit) {
        out += "\n";
        current = 0;
        space = "";
      }
    }
  }
  if (word.length === 0) {
    if (current + len(space) <= limit) out += space;
  } else {
    out += space + word;
  }
  return out;
}

/** The templates' `indent N`: every line (the first included) gets N spaces. */
export function indent(amount: number, text: string): string {
  const pad = " ".repeat(amount);
  return pad + text.split("\n").join(`\n${pad}`);
}
