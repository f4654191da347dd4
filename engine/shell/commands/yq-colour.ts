import { tokenize, type Token } from "./yq-colour-lexer";

/**
 * yq's colours on a terminal (pkg/yqlib/color_print.go): the YAML or JSON text yq would print is cut
 * into goccy/go-yaml's tokens and printed again by go-yaml's printer with yq's palette (fatih/color
 * SGR codes, each coloured piece closed by `\x1b[0m`). The printer colours every line of a token's
 * origin separately, so the bytes carry go-yaml's quirks: the space after `key:` inside the value's
 * colour, indentation inside the key's colour, empty `\x1b[36m\x1b[0m` pairs where a line break opens
 * an origin. Comment lines a document starts with (yq's "leading content") are printed around the
 * lexer, each line coloured whole, its line break inside the colour.
 */
const sgr = (code: number) => `\x1b[${code}m`;
const RESET = sgr(0);
const KEY = sgr(36); // FgCyan
const STRING = sgr(32); // FgGreen
const NUMBER_OR_BOOL = sgr(95); // FgHiMagenta
const ANCHOR_OR_ALIAS = sgr(93); // FgHiYellow
const COMMENT = sgr(90); // FgHiBlack

/** printer.Printer.property with yq's palette: the colour a token is printed in, if any. */
function colourOf(token: Token, previous: Token | undefined, next: Token | undefined): string | undefined {
  if (previous?.kind === "anchor" || previous?.kind === "alias") return ANCHOR_OR_ALIAS;
  if (next?.kind === "mappingValue") return KEY;
  switch (token.kind) {
    case "bool":
    case "integer":
    case "float":
      return NUMBER_OR_BOOL;
    case "anchor":
    case "alias":
      return ANCHOR_OR_ALIAS;
    case "string":
    case "singleQuote":
    case "doubleQuote":
      return STRING;
    case "comment":
      return COMMENT;
    default:
      return undefined;
  }
}

/** printer.PrintTokens: each line of each origin wrapped in its token's colour. */
function printTokens(tokens: Token[]): string {
  const lines: string[] = [];
  tokens.forEach((token, i) => {
    const colour = colourOf(token, tokens[i - 1], tokens[i + 1]);
    const pieces = token.origin.split("\n").map((piece) => (colour ? colour + piece + RESET : piece));
    if (lines.length === 0) lines.push(pieces[0]);
    else lines[lines.length - 1] += pieces[0];
    lines.push(...pieces.slice(1));
  });
  return lines.join("\n");
}

/** colorizeAndPrint: the lexed text printed in colour, with the line break yq adds. */
export function colourise(text: string): string {
  return `${printTokens(tokenize(text))}\n`;
}

/**
 * One YAML result as yq writes it on a terminal. `leading`: the result is a document yq read
 * leading content for (the root of a file's first document), whose first comment and blank lines
 * it prints apart from the lexer (encoder.go PrintYAMLLeadingContent).
 */
export function colouriseYaml(text: string, leading: boolean): string {
  let head = "";
  let rest = text;
  if (leading) {
    const match = /^(?:[ \t]*(?:#[^\n]*)?\n)+/.exec(text);
    if (match) {
      head = match[0].replace(/^(.*\S.*\n)/gm, (line) => COMMENT + line + RESET);
      rest = text.slice(match[0].length);
    }
  }
  return head + (rest === "" ? "" : colourise(rest));
}
