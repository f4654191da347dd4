/**
 * GNU ls 9.1's `--color[=WHEN]`: each name coloured by what it is, with ls's built-in colours when
 * LS_COLORS is unset (directories 01;34, symlinks 01;36, executables 01;32, fifos 33, sockets and
 * doors 01;35, devices 01;33, setuid 37;41, setgid 30;43, sticky other-writable directories 30;42,
 * other-writable 34;42, sticky 37;44; plain files none) and LS_COLORS' entries (as `dircolors -b`
 * writes them, `*.ext` too) over them. Like GNU, the first coloured name is preceded by `\e[0m`
 * and each coloured name followed by `\e[0m`; a -F indicator stays outside the colour.
 *
 * just-bash's ls knows no colour: the option is taken off, ls runs as before, and its one-name-a-line
 * (or -l) output is coloured here, each name looked up again for its type and mode.
 */
import type { ColourOptionRules } from "./colour-option";

/** coreutils 9.1's ls takes --color only (not grep's --colour); a bare one is always. */
export const LS_COLOUR_OPTION: ColourOptionRules = { spelling: /^--color(?:=(.*))?$/, bare: "always" };

/** ls's built-in indicator colours (coreutils ls.c `color_indicator`), used where LS_COLORS is unset. */
const BUILT_IN: Record<string, string> = { rs: "0", di: "01;34", ln: "01;36", pi: "33", so: "01;35", bd: "01;33", cd: "01;33", ex: "01;32", do: "01;35", su: "37;41", sg: "30;43", st: "37;44", ow: "34;42", tw: "30;42" };

interface Palette {
  codes: Record<string, string>;
  extensions: [string, string][];
}

function palette(lsColors: string | undefined): Palette {
  const codes = { ...BUILT_IN };
  const extensions: [string, string][] = [];
  for (const entry of (lsColors ?? "").split(":")) {
    const eq = entry.indexOf("=");
    if (eq < 0) continue;
    const key = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if (key.startsWith("*")) extensions.push([key.slice(1).toLowerCase(), value]);
    else codes[key] = value;
  }
  return { codes, extensions };
}

/** What ls needs to know of a listed file. */
export interface LsEntry {
  mode: number;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  isFile: boolean;
  /** For a symlink: whether what it points to exists. */
  targetExists?: boolean;
}

/** The SGR code ls gives `name`, or undefined for none. */
function colourOf(name: string, e: LsEntry, p: Palette): string | undefined {
  const c = p.codes;
  const set = (code: string | undefined): string | undefined => (code === undefined || code === "" ? undefined : code);
  if (e.isSymbolicLink) return e.targetExists === false && set(c.or) ? c.or : set(c.ln);
  if (e.isDirectory) {
    const sticky = (e.mode & 0o1000) !== 0;
    const otherWritable = (e.mode & 0o002) !== 0;
    if (sticky && otherWritable && set(c.tw)) return c.tw;
    if (otherWritable && set(c.ow)) return c.ow;
    if (sticky && set(c.st)) return c.st;
    return set(c.di);
  }
  const type = e.mode & 0o170000;
  if (type === 0o010000) return set(c.pi);
  if (type === 0o140000) return set(c.so);
  if (type === 0o060000) return set(c.bd);
  if (type === 0o020000) return set(c.cd);
  if (e.mode & 0o4000 && set(c.su)) return c.su;
  if (e.mode & 0o2000 && set(c.sg)) return c.sg;
  if (e.mode & 0o111 && set(c.ex)) return c.ex;
  const lower = name.toLowerCase();
  const ext = p.extensions.find(([suffix]) => lower.endsWith(suffix));
  if (ext) return set(ext[1]);
  return set(c.fi);
}

const LONG_LINE = /^([-dlcbps][rwxsStT-]{9}\S*\s+\d+\s+\S+\s+\S+\s+\S+\s+\w{3} [ \d]\d (?:[ \d]\d:\d\d| \d{4}) )(.*)$/;
const INDICATORS = "/*@|=";

export interface LsListing {
  cwd: string;
  /** The operands ls was given (none: the working directory). */
  operands: string[];
  /** -d: the operands are listed themselves. */
  directoryItself: boolean;
  classify: boolean;
  lsColors: string | undefined;
  resolve(base: string, name: string): string;
  entry(path: string): Promise<LsEntry | undefined>;
}

/** ls's uncoloured stdout (one name a line, or -l rows) as GNU writes it with `--color=always`. */
export async function colourLsOutput(stdout: string, l: LsListing): Promise<string> {
  const p = palette(l.lsColors);
  const reset = `\x1b[${p.codes.rs ?? "0"}m`;
  let started = false;
  let dir = l.cwd;
  if (l.operands.length === 1 && !l.directoryItself) {
    const only = l.resolve(l.cwd, l.operands[0]);
    if ((await l.entry(only))?.isDirectory) dir = only;
  }
  const lines = stdout.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "" || /^total \d/.test(line)) continue;
    // A directory's heading among several operands or -R: printed uncoloured.
    if (line.endsWith(":") && (i === 0 || lines[i - 1] === "")) {
      const heading = l.resolve(l.cwd, line.slice(0, -1));
      if ((await l.entry(heading))?.isDirectory) {
        dir = heading;
        continue;
      }
    }
    const long = LONG_LINE.exec(line);
    const before = long ? long[1] : "";
    let shown = long ? long[2] : line;
    let after = "";
    const arrow = long ? shown.indexOf(" -> ") : -1;
    if (arrow >= 0) {
      after = shown.slice(arrow);
      shown = shown.slice(0, arrow);
    }
    // A -F (or -p) indicator follows the name outside its colour; no name ends with `/`.
    const last = shown[shown.length - 1];
    let found: LsEntry | undefined;
    if (shown.length > 1 && INDICATORS.includes(last) && (l.classify || last === "/")) {
      found = await lookUp(shown.slice(0, -1), dir, l);
      if (found) {
        after = last + after;
        shown = shown.slice(0, -1);
      }
    }
    found ??= await lookUp(shown, dir, l);
    const code = found && colourOf(shown, found, p);
    if (!code) continue;
    lines[i] = `${before}${started ? "" : reset}\x1b[${code}m${shown}${reset}${after}`;
    started = true;
  }
  return lines.join("\n");
}

async function lookUp(name: string, dir: string, l: LsListing): Promise<LsEntry | undefined> {
  if (!l.directoryItself) {
    const inDir = await l.entry(l.resolve(dir, name));
    if (inDir) return inDir;
  }
  return l.entry(l.resolve(l.cwd, name));
}
