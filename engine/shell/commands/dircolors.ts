/**
 * GNU coreutils 9.1 `dircolors`: the shell code that sets LS_COLORS (-b for sh, -c for csh, else
 * by $SHELL), from the built-in database or a file (`~/.dircolors`, `-` for stdin), the database
 * itself (-p), or each colour shown in itself (--print-ls-colors). Entries after `TERM` and
 * `COLORTERM` lines apply only when $TERM (or $COLORTERM) matches, as with the real one; ls asks
 * the same database whether $TERM is a terminal it may colour for (knownTermType).
 */
import { decodeBytesToUtf8, type Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { DIRCOLORS_DATABASE } from "./dircolors-database";
import { matchesGlob } from "./fnmatch";
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";
import { shellCommand } from "./index";

const TRY = tryHelp("dircolors");

/** The database's keywords (dircolors.c slack_codes) and the LS_COLORS names they set (ls_codes). */
const CODES: Record<string, string> = {
  NORMAL: "no", NORM: "no", FILE: "fi", RESET: "rs", DIR: "di", LNK: "ln", LINK: "ln", SYMLINK: "ln", ORPHAN: "or",
  MISSING: "mi", FIFO: "pi", PIPE: "pi", SOCK: "so", BLK: "bd", BLOCK: "bd", CHR: "cd", CHAR: "cd", DOOR: "do", EXEC: "ex",
  LEFT: "lc", LEFTCODE: "lc", RIGHT: "rc", RIGHTCODE: "rc", END: "ec", ENDCODE: "ec", SUID: "su", SETUID: "su", SGID: "sg",
  SETGID: "sg", STICKY: "st", OTHER_WRITABLE: "ow", OWR: "ow", STICKY_OTHER_WRITABLE: "tw", OWT: "tw", CAPABILITY: "ca",
  MULTIHARDLINK: "mh", CLRTOEOL: "cl",
};
/** Keywords other dircolors versions read; GNU's accepts and ignores them. */
const IGNORED = new Set(["OPTIONS", "COLOR", "EIGHTBIT"]);

/** A line's keyword and argument (dircolors.c parse_line); `#` starts a comment. */
function parseLine(line: string): { keyword: string; arg?: string } | undefined {
  const m = /^\s*([^\s#][^\s]*)(?:\s+([^#]*))?/.exec(line);
  if (!m) return undefined;
  const arg = m[2]?.trimEnd();
  return { keyword: m[1], ...(arg ? { arg } : {}) };
}

/** dircolors.c append_quoted: `'` closed and escaped, `:` and `=` backslashed unless already. */
function appendQuoted(text: string): string {
  let out = "";
  let needBackslash = true;
  for (const c of text) {
    if (c === "'") {
      // Closes the quotes and escapes the quote; the quote itself, appended below, reopens them.
      out += "'\\'";
      needBackslash = true;
    } else if (c === "\\" || c === "^") needBackslash = !needBackslash;
    else if (c === ":" || c === "=") {
      if (needBackslash) out += "\\";
      needBackslash = true;
    } else needBackslash = true;
    out += c;
  }
  return out;
}

type Compiled = { entries: [string, string][]; errors: string[] };

/** The LS_COLORS entries a database gives for these TERM and COLORTERM values, and its errors. */
function compile(text: string, source: string, term: string, colorterm: string): Compiled {
  const entries: [string, string][] = [];
  const errors: string[] = [];
  let state: "global" | "no" | "yes" | "sure" = "global";
  text.split("\n").forEach((line, i) => {
    const parsed = parseLine(line);
    if (!parsed) return;
    const { keyword, arg } = parsed;
    if (arg === undefined) {
      errors.push(`dircolors: ${source}:${i + 1}: invalid line;  missing second token\n`);
      return;
    }
    const upper = keyword.toUpperCase();
    if (upper === "TERM" || upper === "COLORTERM") {
      if (state !== "sure") state = matchesGlob(arg, upper === "TERM" ? term : colorterm, false) ? "sure" : "no";
      return;
    }
    if (state === "sure") state = "yes";
    if (state === "no") return;
    if (keyword.startsWith(".")) entries.push([`*${keyword}`, arg]);
    else if (keyword.startsWith("*")) entries.push([keyword, arg]);
    else if (IGNORED.has(upper)) return;
    else if (CODES[upper]) entries.push([CODES[upper], arg]);
    else if (state === "yes") errors.push(`dircolors: ${source}:${i + 1}: unrecognized keyword ${keyword}\n`);
  });
  return { entries, errors };
}

/** Whether ls may colour for this $TERM with LS_COLORS unset: the built-in database names it. */
export function knownTermType(term: string | undefined): boolean {
  if (term === undefined) return false;
  return DIRCOLORS_DATABASE.split("\n").some((line) => line.startsWith("TERM ") && matchesGlob(line.slice(5).trim(), term, false));
}

/** The built-in database compiled for a TERM: every interactive shell's ~/.bashrc asks for it. */
const builtIn = new Map<string, Compiled>();

/** dircolors.c's getopt table, in its order. */
export const DIRCOLORS_OPTIONS: GetoptTable = {
  program: "dircolors",
  options: [
    { long: "bourne-shell", short: "b" }, { long: "sh", key: "b" }, { long: "csh", short: "c" }, { long: "c-shell", key: "c" },
    { long: "print-database", short: "p" }, { long: "print-ls-colors" }, { long: "help" }, { long: "version" },
  ],
};

export function dircolorsCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "dircolors", async (args, ctx, io) => {
    let syntax: "bourne" | "csh" | undefined;
    let print: "database" | "colours" | undefined;
    const read = getoptLong(args, DIRCOLORS_OPTIONS);
    for (const { key, name } of read.options) {
      if (key === "b") syntax = "bourne";
      else if (key === "c") syntax = "csh";
      else if (key === "p") print = "database";
      else if (key === "print-ls-colors") print = "colours";
      else {
        io.err.push(`dircolors: ${name} is not available in Kubecoach\n`);
        return 1;
      }
    }
    if (read.error) {
      io.err.push(`${read.error}\n${TRY}`);
      return 1;
    }
    const operands = read.operands;
    if (print && syntax) {
      io.err.push(`dircolors: the options to output non shell syntax,\nand to select a shell syntax are mutually exclusive\n${TRY}`);
      return 1;
    }
    if (operands.length > (print === "database" ? 0 : 1)) {
      const extra = operands[print === "database" ? 0 : 1];
      io.err.push(`dircolors: extra operand \u2018${extra}\u2019\n${print === "database" ? "file operands cannot be combined with --print-database (-p)\n" : ""}${TRY}`);
      return 1;
    }
    if (print === "database") {
      io.out.push(DIRCOLORS_DATABASE);
      return 0;
    }
    const env = ctx.exportedEnv ?? {};
    if (!print && !syntax) {
      const shell = env.SHELL;
      if (!shell) {
        io.err.push("dircolors: no SHELL environment variable, and no shell type option given\n");
        return 1;
      }
      const base = shell.slice(shell.lastIndexOf("/") + 1);
      syntax = base === "csh" || base === "tcsh" ? "csh" : "bourne";
    }
    const term = env.TERM || "none";
    const colorterm = env.COLORTERM ?? "";
    let compiled: Compiled;
    const file = operands[0];
    if (file === undefined) {
      const key = `${term}\n${colorterm}`;
      compiled = builtIn.get(key) ?? compile(DIRCOLORS_DATABASE, "<internal>", term, colorterm);
      builtIn.set(key, compiled);
    } else {
      let text: string;
      try {
        text = file === "-" ? decodeBytesToUtf8(ctx.stdin) : await frame.fs.readFile(frame.fs.resolvePath(ctx.cwd, file));
      } catch (err) {
        const code = (err as { code?: string }).code;
        // Reading a directory gives no lines: GNU's prints an empty LS_COLORS.
        if (code !== "EISDIR") {
          io.err.push(`dircolors: ${file}: ${code === "EACCES" ? "Permission denied" : "No such file or directory"}\n`);
          return 1;
        }
        text = "";
      }
      compiled = compile(text, file, term, colorterm);
    }
    if (compiled.errors.length > 0) {
      io.err.push(compiled.errors.join(""));
      return 1;
    }
    if (print === "colours") {
      io.out.push(compiled.entries.map(([k, v]) => `\x1b[${v}m${k}\t${v}\x1b[0m\n`).join(""));
      return 0;
    }
    const value = compiled.entries.map(([k, v]) => `${appendQuoted(k)}=${appendQuoted(v)}:`).join("");
    io.out.push(syntax === "csh" ? `setenv LS_COLORS '${value}'\n` : `LS_COLORS='${value}';\nexport LS_COLORS\n`);
    return 0;
  });
}
