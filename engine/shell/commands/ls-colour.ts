/**
 * GNU ls 9.1's `--color[=WHEN]`: each name coloured by what it is, with ls's built-in colours when
 * LS_COLORS is unset (directories 01;34, symlinks 01;36, executables 01;32, fifos 33, sockets and
 * doors 01;35, devices 01;33, setuid 37;41, setgid 30;43, sticky other-writable directories 30;42,
 * other-writable 34;42, sticky 37;44; plain files none) and LS_COLORS' entries (as `dircolors -b`
 * writes them, `*.ext` too) over them. Like GNU, the first coloured name is preceded by `\e[0m`
 * and each coloured name followed by `\e[0m`; a -F indicator stays outside the colour.
 */

/** ls's built-in indicator colours (coreutils ls.c `color_indicator`), used where LS_COLORS is unset. */
const BUILT_IN: Record<string, string> = { rs: "0", di: "01;34", ln: "01;36", pi: "33", so: "01;35", bd: "01;33", cd: "01;33", ex: "01;32", do: "01;35", su: "37;41", sg: "30;43", st: "37;44", ow: "34;42", tw: "30;42" };

interface Palette {
  codes: Record<string, string>;
  extensions: [string, string][];
}

/** The last LS_COLORS read: a session's every ls reads the same one. */
let lastPalette: { lsColors: string | undefined; palette: Palette } | undefined;

function palette(lsColors: string | undefined): Palette {
  const last = lastPalette;
  if (last && last.lsColors === lsColors) return last.palette;
  const parsed = parsePalette(lsColors);
  lastPalette = { lsColors, palette: parsed };
  return parsed;
}

function parsePalette(lsColors: string | undefined): Palette {
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

/** ls.c is_colored: an empty code, 0 and 00 colour nothing. */
function isColoured(code: string | undefined): code is string {
  return code !== undefined && code !== "" && code !== "0" && code !== "00";
}

/**
 * Colours the names of one ls run. Like GNU, the first coloured name is preceded by a reset, and
 * each coloured name followed by one.
 */
export class LsPainter {
  private readonly p: Palette;
  private readonly reset: string;
  private started = false;

  constructor(lsColors: string | undefined) {
    this.p = palette(lsColors);
    this.reset = `\x1b[${this.p.codes.rs ?? "0"}m`;
  }

  /** `shown` (the name as quoted) in the colour `name`'s type and mode give it. */
  paint(shown: string, name: string, entry: LsEntry): string {
    return this.wrap(shown, colourOf(name, entry, this.p));
  }

  /**
   * Whether -l colours symlink targets: ls looks at what a link points to only when an indicator
   * or the `or` or `mi` colour needs it; otherwise the target is printed plain.
   */
  coloursTargets(indicatorsNeedTarget: boolean): boolean {
    return indicatorsNeedTarget || isColoured(this.p.codes.or) || isColoured(this.p.codes.mi);
  }

  /** A symlink's target in -l: coloured as what it points to, `mi` (else `or`) when that is missing. */
  paintTarget(shown: string, name: string, entry: LsEntry | undefined): string {
    if (entry) return this.paint(shown, name, entry);
    const c = this.p.codes;
    return this.wrap(shown, isColoured(c.mi) ? c.mi : isColoured(c.or) ? c.or : undefined);
  }

  private wrap(shown: string, code: string | undefined): string {
    if (!code) return shown;
    const first = this.started ? "" : this.reset;
    this.started = true;
    return `${first}\x1b[${code}m${shown}${this.reset}`;
  }
}
