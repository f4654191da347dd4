import { formatFloat, longDoubleFromText } from "./c-float";

/**
 * printf's float conversions (%f %e %g and upper-case forms) as bash prints them: the argument read
 * as a long double, rounded half to even (`printf '%.0f' 2.5` is 2). just-bash's printf rounds with
 * JavaScript's toFixed (3). Each float directive becomes `%s` and its argument the formatted text,
 * cycle after cycle as printf reuses its format; any other argument is left as it is. An argument
 * that is no number is read as far as it is one (`12abc` is 12, `abc` 0) and reported, status 1;
 * `'a` is the character's code. Hexadecimal and inf/nan arguments leave the line to just-bash.
 */
const DIRECTIVE = /%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlLqjzt]*([a-zA-Z%])?/g;
const FLOATS = "eEfFgG";

interface Directive {
  text: string;
  flags: string;
  width?: string;
  precision?: string;
  conversion: string;
}

/** A float argument's value, and whether all of it was a number. */
function floatArgument(arg: string): { value: ReturnType<typeof longDoubleFromText>; whole: boolean } | undefined {
  if (/^['"]./s.test(arg)) return { value: longDoubleFromText(String(arg.codePointAt(1))), whole: true };
  if (arg.trim() === "") return { value: longDoubleFromText("0"), whole: true };
  const whole = longDoubleFromText(arg);
  if (whole) return { value: whole, whole: true };
  if (/^[ \t]*[+-]?(0x|inf|nan)/i.test(arg)) return undefined;
  const prefix = /^[ \t]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(arg)?.[0];
  return { value: longDoubleFromText(prefix ?? "0"), whole: false };
}

export interface PrintfFloats {
  args: string[];
  /** `printf: ARG: invalid number` lines for float arguments that were not numbers. */
  errors: string;
}

export function printfFloats(args: string[]): PrintfFloats {
  const unchanged = { args, errors: "" };
  let start = 0;
  if (args[0] === "-v") start = 2;
  if (args[start] === "--") start++;
  const format = args[start];
  if (format === undefined || !format.includes("%")) return unchanged;
  const directives: Directive[] = [...format.matchAll(DIRECTIVE)].map((m) => ({ text: m[0], flags: m[1], width: m[2], precision: m[3], conversion: m[4] ?? "" }));
  if (!directives.some((d) => FLOATS.includes(d.conversion) && d.conversion !== "")) return unchanged;
  let errors = "";
  const given = args.slice(start + 1);
  const out: string[] = [];
  const consumes = directives.some((d) => d.conversion !== "%");
  let next = 0;
  do {
    for (const d of directives) {
      if (d.conversion === "%" || d.conversion === "") continue;
      const star = (value: string | undefined) => (value === "*" ? given[next++] ?? "" : value);
      const width = star(d.width);
      const precision = star(d.precision);
      const arg = given[next++];
      if (!FLOATS.includes(d.conversion)) {
        if (d.width === "*") out.push(width ?? "");
        if (d.precision === "*") out.push(precision ?? "");
        out.push(arg ?? "");
        continue;
      }
      const read = floatArgument(arg ?? "0");
      const value = read?.value;
      if (!value || (width !== undefined && !/^-?\d+$/.test(width)) || (precision !== undefined && precision !== "" && !/^-?\d+$/.test(precision))) return unchanged;
      if (!read.whole) errors += `printf: ${arg}: invalid number\n`;
      // A negative * width means left-justified; a negative * precision means none.
      const w = width === undefined ? undefined : Number(width);
      const p = precision === undefined ? undefined : precision === "" ? 0 : Number(precision) < 0 ? undefined : Number(precision);
      out.push(formatFloat(value, { conversion: d.conversion, flags: d.flags + (w !== undefined && w < 0 ? "-" : ""), width: w === undefined ? undefined : Math.abs(w), precision: p }));
    }
  } while (consumes && next < given.length);
  const rewritten = format.replace(DIRECTIVE, (text, _f, _w, _p, conversion: string | undefined) => (conversion && FLOATS.includes(conversion) ? "%s" : text));
  return { args: [...args.slice(0, start), rewritten, ...out], errors };
}
