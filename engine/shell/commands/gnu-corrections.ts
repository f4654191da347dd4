/**
 * Where a bundled just-bash command gives a different result from GNU coreutils in a form people
 * use, the shell corrects that form and leaves the rest to just-bash (checked against coreutils 9.1
 * by test/bash-differential):
 *
 * - `dirname /` (any run of slashes) is `/`, not `.`;
 * - `cut -f` prints a line without the delimiter whole (unless -s), as GNU does; just-bash printed
 *   an empty line;
 * - `head -n -N` / `--lines=-N` prints all but the last N lines of one input;
 * - sed's one-line `1i\text`, `$a\text`, `2c\text` insert `text` (just-bash kept the backslash);
 * - `base64 -d` stops at invalid input with `base64: invalid input`, status 1, after what it decoded;
 * - `seq -f FORMAT` prints each number with the format's one float directive (`seq -f node%02g 3`);
 * - printf's %f/%e/%g round half to even from a long double, as C's (commands/printf-floats.ts);
 * - wc's columns are as wide as GNU's: the digits of the files' total size, 7 when one input is
 *   not a regular file (stdin), 1 for a single count of a single input;
 * - `readlink -f/-e/-m` canonicalize as coreutils: with -f every component but the last must exist
 *   (just-bash's printed a path under a missing directory and succeeded);
 * - `sed -i.bak` (`--in-place=SUFFIX`, `*` standing for the file's name) keeps the original as a
 *   backup; just-bash's sed ignored the suffix;
 * - tr's octal escapes (`tr '\0' '\n'`, `tr -d '\015'`) mean their byte, as GNU's do.
 */
import { formatFloat } from "./c-float";
import { resolve } from "./canonical-path";
import { printfFloats } from "./printf-floats";
import { bytesOutput, decodeBytesToUtf8, unsafeBytesFromLatin1, type ExecResult, type ResolvedCommandContext } from "just-bash";

type Execute = (args: string[], ctx: ResolvedCommandContext) => Promise<ExecResult>;

export function withGnuCorrections(name: string, run: Execute): Execute {
  if (name === "dirname") return async (args, ctx) => dirname(args, await run(args, ctx));
  if (name === "cut") return async (args, ctx) => cut(args, ctx, await run(args, ctx));
  if (name === "head") return async (args, ctx) => (await headAllBut(args, ctx)) ?? run(args, ctx);
  if (name === "sed") return (args, ctx) => sedWithBackup(sedOneLineText(args), ctx, run);
  if (name === "base64") return async (args, ctx) => (await base64Decode(args, ctx)) ?? run(args, ctx);
  if (name === "seq") return async (args, ctx) => seqFormatted(args) ?? run(args, ctx);
  if (name === "printf") {
    return async (args, ctx) => {
      const floats = printfFloats(args);
      const result = await run(floats.args, ctx);
      // printf is bash's builtin: its messages start `bash: ` (just-bash's left that off).
      const stderr = (floats.errors + result.stderr).replace(/^printf: (.*): invalid number$/gm, "bash: printf: $1: invalid number");
      return stderr === result.stderr ? result : { ...result, stderr, exitCode: result.exitCode || (floats.errors ? 1 : 0) };
    };
  }
  if (name === "wc") return async (args, ctx) => wcWidths(args, ctx, await run(args, ctx));
  if (name === "readlink") return async (args, ctx) => (await readlinkCanonical(args, ctx)) ?? run(args, ctx);
  if (name === "tr") return (args, ctx) => run(args.map((a) => (a.startsWith("-") ? a : trOctalEscapes(a))), ctx);
  return run;
}

function dirname(args: string[], result: ExecResult): ExecResult {
  const operands = args.filter((a) => !a.startsWith("-") || a === "-");
  if (result.exitCode !== 0 || operands.length !== args.length) return result;
  const lines = result.stdout.split("\n");
  if (lines.length !== operands.length + 1) return result;
  const stdout = lines.map((line, i) => (i < operands.length && /^\/+$/.test(operands[i]) ? "/" : line)).join("\n");
  return { ...result, stdout };
}

/** The input a command reads: its file operands in order, or stdin (undefined: cannot tell). */
async function inputOf(files: string[], ctx: ResolvedCommandContext): Promise<string | undefined> {
  if (files.length === 0 || (files.length === 1 && files[0] === "-")) return decodeBytesToUtf8(ctx.stdin);
  let text = "";
  for (const f of files) {
    if (f === "-") return undefined;
    try {
      text += await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, f));
    } catch {
      return undefined;
    }
  }
  return text;
}

function cutOptions(args: string[]): { delimiter: string; fields: boolean; onlyDelimited: boolean; files: string[] } | undefined {
  let delimiter = "\t";
  let fields = false;
  let onlyDelimited = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-d") delimiter = args[++i] ?? "";
    else if (a.startsWith("--delimiter=")) delimiter = a.slice(12);
    else if (a.startsWith("-d")) delimiter = a.slice(2);
    else if (a === "-f") {
      fields = true;
      i++;
    }
    else if (a.startsWith("-f") || a.startsWith("--fields=")) fields = true;
    else if (a === "-s" || a === "--only-delimited") onlyDelimited = true;
    else if (a.startsWith("-") && a !== "-") return undefined;
    else files.push(a);
  }
  return { delimiter, fields, onlyDelimited, files };
}

async function cut(args: string[], ctx: ResolvedCommandContext, result: ExecResult): Promise<ExecResult> {
  const o = cutOptions(args);
  if (result.exitCode !== 0 || !o || !o.fields || o.onlyDelimited || o.delimiter.length !== 1) return result;
  const input = await inputOf(o.files, ctx);
  if (input === undefined || input === "") return result;
  const inLines = input.replace(/\n$/, "").split("\n");
  const outLines = result.stdout.replace(/\n$/, "").split("\n");
  if (inLines.length !== outLines.length || inLines.every((l) => l.includes(o.delimiter))) return result;
  const stdout = outLines.map((line, i) => (inLines[i].includes(o.delimiter) ? line : inLines[i])).join("\n") + "\n";
  return { ...result, stdout };
}

/** `head -n -N` of one input; undefined for every other form (just-bash answers it). */
async function headAllBut(args: string[], ctx: ResolvedCommandContext): Promise<ExecResult | undefined> {
  let count: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = a === "-n" ? args[++i] : a.startsWith("--lines=") ? a.slice(8) : a.startsWith("-n") ? a.slice(2) : undefined;
    if (value !== undefined) {
      const m = /^-(\d+)$/.exec(value ?? "");
      if (!m) return undefined;
      count = Number(m[1]);
    } else if (a.startsWith("-") && a !== "-") return undefined;
    else files.push(a);
  }
  if (count === undefined || files.length > 1) return undefined;
  const input = await inputOf(files, ctx);
  if (input === undefined) return undefined;
  const lines = input.split("\n");
  const complete = input.endsWith("\n") ? lines.slice(0, -1) : lines;
  const kept = complete.slice(0, Math.max(0, complete.length - count));
  return { stdout: kept.map((l) => `${l}\n`).join(""), stderr: "", exitCode: 0 };
}

/** A sed address: a line number, `$`, `/regex/`, `first~step`, and a range of two. */
const SED_ADDRESS = String.raw`(?:\d+(?:~\d+)?|\$|/(?:[^/\\]|\\.)*/)`;
/** A whole script that is one `a\text`, `i\text` or `c\text` with the text on the same line. */
const ONE_LINE_TEXT = new RegExp(String.raw`^(\s*(?:${SED_ADDRESS}(?:\s*,\s*${SED_ADDRESS})?)?\s*!?\s*[aic])\\(\S.*)$`, "s");

/**
 * GNU sed's one-line `1i\text` (`$a\text`, `2c\text`): the text follows the backslash on the same
 * line. just-bash's sed kept the backslash in the text; written as GNU's other one-line form
 * (`1i text`) it reads it as GNU does. Only a script that is that one command is rewritten.
 */
function sedOneLineText(args: string[]): string[] {
  const out = [...args];
  let scriptGiven = false;
  for (let i = 0; i < out.length; i++) {
    const a = out[i];
    if (a === "--expression" || /^-[nrEsuz]*e$/.test(a)) {
      scriptGiven = true;
      if (i + 1 < out.length) out[i + 1] = out[i + 1].replace(ONE_LINE_TEXT, "$1 $2");
      i++;
    } else if (a.startsWith("--expression=")) {
      scriptGiven = true;
      out[i] = `--expression=${a.slice(13).replace(ONE_LINE_TEXT, "$1 $2")}`;
    } else if (a === "-f" || a === "--file" || a === "-l" || a === "--line-length") {
      if (a === "-f" || a === "--file") scriptGiven = true;
      i++;
    } else if (a === "--") {
      if (!scriptGiven && i + 1 < out.length) out[i + 1] = out[i + 1].replace(ONE_LINE_TEXT, "$1 $2");
      break;
    } else if (!a.startsWith("-") || a === "-") {
      if (!scriptGiven) out[i] = a.replace(ONE_LINE_TEXT, "$1 $2");
      break;
    }
  }
  return out;
}

/** Characters that mean something in a tr set: an octal escape for one of them stays escaped. */
const TR_SPECIAL = new Set(["\\", "-", "[", "]"]);

/**
 * tr's `\NNN` (one to three octal digits) is that byte; just-bash's tr read `\0` as a literal 0,
 * so `tr '\0' '\n'` after `find -print0` did nothing. The escape is handed over as the character.
 */
function trOctalEscapes(set: string): string {
  return set.replace(/\\(\\|[0-7]{1,3})/g, (whole, code: string) => {
    if (code === "\\") return whole;
    const c = String.fromCharCode(parseInt(code, 8) & 0xff);
    return TR_SPECIAL.has(c) ? whole : c;
  });
}

const BASE64_ALPHABET = /^[A-Za-z0-9+/]$/;

/**
 * `base64 -d` (-i: non-alphabet bytes skipped) of one input, as coreutils decodes: newlines are
 * skipped, each group of four is `xxxx`, `xxx=` or `xx==` (groups may follow padding), and at the
 * first thing that is none of these what was decoded so far is written and it fails. just-bash's
 * decoded garbage without complaint. Undefined for encoding (just-bash answers it).
 */
async function base64Decode(args: string[], ctx: ResolvedCommandContext): Promise<ExecResult | undefined> {
  let decode = false;
  let ignoreGarbage = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--decode") decode = true;
    else if (a === "--ignore-garbage") ignoreGarbage = true;
    else if (/^-[di]+$/.test(a)) {
      decode ||= a.includes("d");
      ignoreGarbage ||= a.includes("i");
    } else if (a === "-w") i++;
    else if (a.startsWith("-") && a !== "-" && !/^(-w\d+|--wrap=\d+)$/.test(a)) return undefined;
    else if (!a.startsWith("-w") && !a.startsWith("--wrap")) files.push(a);
  }
  if (!decode || files.length > 1) return undefined;
  const input = await inputOf(files, ctx);
  if (input === undefined) return undefined;
  const chars = [...input].filter((c) => c !== "\n" && (!ignoreGarbage || c === "=" || BASE64_ALPHABET.test(c)));
  const sextets: number[] = [];
  let bytes = "";
  const flush = () => {
    // n base64 characters carry floor(6n / 8) whole bytes.
    let bits = 0;
    let value = 0;
    for (const v of sextets) {
      value = (value << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        bytes += String.fromCharCode((value >> bits) & 0xff);
      }
    }
    sextets.length = 0;
  };
  const fail = (): ExecResult => {
    flush();
    return { ...bytesOutput(unsafeBytesFromLatin1(bytes)), stderr: "base64: invalid input\n", exitCode: 1 };
  };
  for (let i = 0; i < chars.length; ) {
    const c = chars[i];
    if (c === "=") {
      // Padding completes a group of two (`==`) or three (`=`) characters.
      const need = sextets.length === 2 ? 2 : sextets.length === 3 ? 1 : 0;
      if (need === 0 || chars.slice(i, i + need).join("") !== "=".repeat(need)) return fail();
      flush();
      i += need;
      continue;
    }
    if (!BASE64_ALPHABET.test(c)) return fail();
    sextets.push("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(c));
    if (sextets.length === 4) flush();
    i++;
  }
  if (sextets.length > 0) return fail();
  return { ...bytesOutput(unsafeBytesFromLatin1(bytes)), stderr: "", exitCode: 0 };
}

const FLOAT_OPERAND = /^[ \t]*[+-]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i;

/** seq's -f FORMAT: checked as seq checks it, then the directive's parts. */
function seqFormat(format: string): { before: string; flags: string; width?: number; precision?: number; conversion: string; after: string } | string {
  const unescaped = (text: string) => text.replace(/%%/g, "%");
  let i = 0;
  while (i < format.length && !(format[i] === "%" && format[i + 1] !== "%")) i += format[i] === "%" ? 2 : 1;
  if (i >= format.length) return `format ‘${format}’ has no % directive`;
  const m = /^%([-+ #0']*)(\d*)(?:\.(\d*))?(L?)(.?)/.exec(format.slice(i))!;
  if (m[5] === "") return `format ‘${format}’ ends in %`;
  if (!"eEfFgG".includes(m[5])) return "aA".includes(m[5]) ? `seq -f %${m[5]} is not available in Kubecoach yet` : `format ‘${format}’ has unknown %${m[5]} directive`;
  const after = format.slice(i + m[0].length);
  if (/%[^%]|%$/.test(after.replace(/%%/g, ""))) return `format ‘${format}’ has too many % directives`;
  return { before: unescaped(format.slice(0, i)), flags: m[1].replace("'", ""), width: m[2] ? Number(m[2]) : undefined, precision: m[3] === undefined ? undefined : Number(m[3] || 0), conversion: m[5], after: unescaped(after) };
}

/**
 * `seq -f FORMAT [-s SEP] [FIRST [INCREMENT]] LAST`, which just-bash's seq does not know; the
 * numbers are FIRST + i × INCREMENT up to LAST. Undefined without -f (just-bash answers).
 */
function seqFormatted(args: string[]): ExecResult | undefined {
  let format: string | undefined;
  let separator = "\n";
  let equalWidth = false;
  const operands: string[] = [];
  const fail = (message: string): ExecResult => ({ stdout: "", stderr: `seq: ${message}\n`, exitCode: 1 });
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (operands.length > 0 || a === "-" || !a.startsWith("-") || FLOAT_OPERAND.test(a)) operands.push(a);
    else if (a === "-f" || a === "--format") {
      if (i + 1 >= args.length) return fail(a === "-f" ? "option requires an argument -- 'f'" : "option '--format' requires an argument");
      format = args[++i];
    } else if (a.startsWith("--format=")) format = a.slice(9);
    else if (a.startsWith("-f")) format = a.slice(2);
    else if (a === "-s" || a === "--separator") separator = args[++i] ?? "";
    else if (a.startsWith("--separator=")) separator = a.slice(12);
    else if (a.startsWith("-s")) separator = a.slice(2);
    else if (a === "-w" || a === "--equal-width") equalWidth = true;
    else return undefined;
  }
  if (format === undefined) return undefined;
  if (equalWidth) return fail("format string may not be specified when printing equal width strings\nTry 'seq --help' for more information.");
  if (operands.length === 0) return fail("missing operand");
  if (operands.length > 3) return fail(`extra operand ‘${operands[3]}’`);
  const invalid = operands.find((o) => !FLOAT_OPERAND.test(o));
  if (invalid !== undefined) return fail(`invalid floating point argument: ‘${invalid}’`);
  const directive = seqFormat(format);
  if (typeof directive === "string") return fail(directive);
  const numbers = operands.map(Number);
  const [first, step, last] = numbers.length === 1 ? [1, 1, numbers[0]] : numbers.length === 2 ? [numbers[0], 1, numbers[1]] : numbers;
  if (step === 0) return fail(`invalid Zero increment value: ‘${operands[1]}’`);
  const lines: string[] = [];
  for (let n = 0; ; n++) {
    const x = first + n * step;
    if (step > 0 ? x > last : x < last) break;
    if (lines.length >= 1_000_000) break;
    lines.push(directive.before + formatFloat(x, directive) + directive.after);
  }
  return { stdout: lines.length ? `${lines.join(separator)}\n` : "", stderr: "", exitCode: 0 };
}

/** wc's counts per line, in its fixed order, that the options select (all three by default). */
function wcCounts(args: string[]): number | undefined {
  const selected = new Set<string>();
  for (const a of args) {
    if (a === "--") break;
    const long: Record<string, string> = { "--lines": "l", "--words": "w", "--chars": "m", "--bytes": "c", "--max-line-length": "L" };
    if (long[a]) selected.add(long[a]);
    else if (a.startsWith("--")) return undefined;
    else if (/^-[lwmcL]+$/.test(a)) for (const c of a.slice(1)) selected.add(c);
    else if (a.startsWith("-") && a !== "-") return undefined;
  }
  return selected.size || 3;
}

/** GNU wc's column width (wc.c compute_number_width), then every count of the output padded to it. */
async function wcWidths(args: string[], ctx: ResolvedCommandContext, result: ExecResult): Promise<ExecResult> {
  const counts = wcCounts(args);
  if (counts === undefined || !result.stdout) return result;
  const dashes = args.indexOf("--");
  const operands = [...(dashes < 0 ? args : args.slice(0, dashes)).filter((a) => a === "-" || !a.startsWith("-")), ...(dashes < 0 ? [] : args.slice(dashes + 1))];
  const inputs = operands.length ? operands : ["-"];
  // One count of one input is printed unpadded, as just-bash prints it (`kubectl get pods | wc -l`).
  if (inputs.length === 1 && counts === 1) return result;
  let width = 1;
  {
    let minimum = 1;
    let regular = 0;
    for (let i = 0; i < inputs.length; i++) {
      if (inputs[i] === "-") {
        minimum = 7;
        continue;
      }
      try {
        const st = await ctx.fs.stat(ctx.fs.resolvePath(ctx.cwd, inputs[i]));
        if (st.isFile) regular += st.size;
        else minimum = 7;
      } catch {
        // wc.c: a first input that cannot be read leaves the width at 1.
        if (i === 0) {
          minimum = 1;
          regular = 0;
          break;
        }
      }
    }
    width = Math.max(minimum, String(regular).length);
  }
  const line = new RegExp(String.raw`^ *(\d+)((?: +\d+){${counts - 1}})( (.*))?$`);
  const stdout = result.stdout
    .split("\n")
    .map((text) => {
      const m = line.exec(text);
      if (!m) return text;
      const numbers = [m[1], ...m[2].trim().split(/ +/).filter(Boolean)];
      return numbers.map((n) => n.padStart(width)).join(" ") + (m[3] ?? "");
    })
    .join("\n");
  return { ...result, stdout };
}

/** readlink -f, -e or -m; undefined for plain readlink (just-bash answers it). */
async function readlinkCanonical(args: string[], ctx: ResolvedCommandContext): Promise<ExecResult | undefined> {
  let mode: "e" | "E" | "m" | undefined;
  let newline = true;
  let end = "\n";
  let verbose = false;
  const paths: string[] = [];
  const modes: Record<string, "e" | "E" | "m"> = { f: "E", e: "e", m: "m" };
  const longModes: Record<string, "e" | "E" | "m"> = { "--canonicalize": "E", "--canonicalize-existing": "e", "--canonicalize-missing": "m" };
  for (const a of args) {
    if (longModes[a]) mode = longModes[a];
    else if (a === "--no-newline") newline = false;
    else if (a === "--zero") end = "\0";
    else if (a === "--verbose") verbose = true;
    else if (a === "--quiet" || a === "--silent") verbose = false;
    else if (/^-[femnzqsv]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (modes[c]) mode = modes[c];
        else if (c === "n") newline = false;
        else if (c === "z") end = "\0";
        else if (c === "v") verbose = true;
        else verbose = false;
      }
    } else if (a.startsWith("-") && a !== "-") return undefined;
    else paths.push(a);
  }
  if (mode === undefined || paths.length === 0) return undefined;
  let stdout = "";
  let stderr = "";
  let exitCode = 0;
  for (const p of paths) {
    const resolved = await resolve(ctx.fs, ctx.fs.resolvePath(ctx.cwd, p), mode);
    if (resolved === undefined) {
      if (verbose) stderr += `readlink: ${p}: No such file or directory\n`;
      exitCode = 1;
    } else stdout += resolved + (newline || paths.length > 1 ? end : "");
  }
  return { stdout, stderr, exitCode };
}

/**
 * sed -iSUFFIX: just-bash edits in place with `-i` and ignores a suffix, so the files are read
 * first and, once sed has succeeded, each original is written under its backup name.
 */
async function sedWithBackup(args: string[], ctx: ResolvedCommandContext, run: Execute): Promise<ExecResult> {
  let suffix: string | undefined;
  let scriptGiven = false;
  let scriptSeen = false;
  const files: string[] = [];
  const plain: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const inPlace = /^--in-place=(.+)$/s.exec(a) ?? /^-i(.+)$/s.exec(a);
    if (inPlace && !scriptSeen) {
      suffix = inPlace[1];
      plain.push("-i");
      continue;
    }
    plain.push(a);
    if (a === "-e" || a === "--expression" || a === "-f" || a === "--file") {
      scriptGiven = true;
      plain.push(args[++i] ?? "");
    } else if (a === "-l" || a === "--line-length") plain.push(args[++i] ?? "");
    else if (a.startsWith("--expression=") || a.startsWith("--file=") || /^-[nrEsuz]*[ef].+/.test(a)) scriptGiven = true;
    else if (a.startsWith("-") && a !== "-") continue;
    else if (!scriptGiven && !scriptSeen) scriptSeen = true;
    else files.push(a);
  }
  if (suffix === undefined) return run(args, ctx);
  const originals = new Map<string, string>();
  for (const f of files) {
    try {
      originals.set(f, await ctx.fs.readFile(ctx.fs.resolvePath(ctx.cwd, f), "latin1"));
    } catch {
      continue;
    }
  }
  const result = await run(plain, ctx);
  // A script error stops sed before it reads anything; a missing input only skips that file.
  const missingOnly = result.stderr.split("\n").every((line) => line === "" || line.endsWith(": No such file or directory"));
  if (result.exitCode !== 0 && !missingOnly) return result;
  for (const [f, text] of originals) {
    const slash = f.lastIndexOf("/");
    const dir = f.slice(0, slash + 1);
    const base = f.slice(slash + 1);
    const backup = suffix.includes("*") ? (suffix.includes("/") ? suffix.replace(/\*/g, base) : dir + suffix.replace(/\*/g, base)) : f + suffix;
    await ctx.fs.writeFile(ctx.fs.resolvePath(ctx.cwd, backup), text, "latin1");
  }
  return result;
}
