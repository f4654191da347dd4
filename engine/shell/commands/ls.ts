/**
 * GNU coreutils 9.1 `ls` (ls.c's behaviour, rewritten): names in columns across the terminal's
 * width when stdout is the terminal and one a line otherwise, the operands that are files first
 * and then each directory under its `dir:` heading, -l rows with right-aligned link counts and
 * sizes, each file's owner and group (owners.ts), the six-month rule for times, `-> target`
 * for symlinks, -R depth first, GNU's sort orders, indicators, quoting and colours, and its
 * messages and exit codes (2 for a missing operand or a bad option, 1 for a minor problem).
 *
 * The lab's filesystem keeps one time per file (used for -c and -u too), no hard links (files have
 * one link, directories two plus their subdirectories), no ACLs and no SELinux contexts (-Z
 * shows `?`, as on Ubuntu). Inode numbers and block counts are stat's (commands/stat.ts).
 */
import type { Command, FsStat, ResolvedCommandContext } from "just-bash";
import type { ShellFrame } from "../frame";
import type { InvocationIO } from "../bridge";
import { groupsOf } from "../users";
import { idNames, ownerIds, type IdNames } from "../owners";
import { knownTermType } from "./dircolors";
import { shellCommand, type ShellControl } from "./index";
import { commas, horizontal, vertical, type Cell } from "./ls-columns";
import { LsPainter, type LsEntry } from "./ls-colour";
import { formatDate } from "./date";
import { blockCount, formatTime, humanSize, modeColumn, timeFormats, type TimeFormats } from "./ls-long";
import { parseCount, parseLsOptions, type LsOptions } from "./ls-options";
import { matchesGlob } from "./fnmatch";
import { compareFiles } from "./ls-sort";
import { isQuoted, quoteForMessage, quoteName, QUOTING_STYLES, type QuotingStyle } from "./ls-quote";
import { fileBlocks, inodeOf } from "./stat";

/** One file ls lists: a directory entry or an operand. */
export interface LsFile {
  /** As the listing shows it: the operand as typed, or the entry's name. */
  name: string;
  path: string;
  /** undefined when it could not be looked up (-L over a dangling link). */
  st?: FsStat;
  /** A symlink's target as stored, and what it points to (null: nothing). */
  target?: string;
  targetSt?: FsStat | null;
}

export function lsCommand(frame: ShellFrame, control: ShellControl): Command {
  return shellCommand(frame, "ls", async (args, ctx, io) => {
    const parsed = parseLsOptions(args);
    if ("error" in parsed) {
      io.err.push(parsed.error);
      return parsed.status;
    }
    const run = new LsRun(frame, ctx, io, parsed.options, control.environment.clock.now());
    return run.main();
  });
}

const ERRNO_TEXT: Record<string, string> = { ENOENT: "No such file or directory", ENOTDIR: "Not a directory", EACCES: "Permission denied", ELOOP: "Too many levels of symbolic links" };

function errorText(err: unknown): string {
  const code = (err as { code?: string }).code ?? "";
  return ERRNO_TEXT[code] ?? "No such file or directory";
}

/** What ls prints in front of and after each name, and how wide those columns are in one listing. */
interface Widths {
  inode: number;
  blocks: number;
  nlink: number;
  owner: number;
  group: number;
  size: number;
  someQuoted: boolean;
}

/** The columns of one -l row, before they are padded. */
interface Row {
  file: LsFile;
  inode: string;
  blocks: string;
  mode: string;
  nlink: string;
  owner: string;
  group: string;
  size: string;
}

class LsRun {
  private readonly o: LsOptions;
  private status = 0;
  /** Nothing printed yet: the first directory heading gets no blank line before it. */
  private first = true;
  private readonly toTerminal: boolean;
  private readonly format: NonNullable<LsOptions["format"]>;
  private readonly lineLength: number;
  private readonly tabsize: number;
  private readonly quoting: QuotingStyle;
  private readonly hideControls: boolean;
  private readonly painter?: LsPainter;
  private readonly indicators: LsOptions["indicators"];
  private readonly alignQuotes: boolean;
  private times: TimeFormats = { recent: "", old: "" };
  /** Names for owner ids, read once per listing. */
  private names?: Promise<IdNames>;

  constructor(
    private readonly frame: ShellFrame,
    private readonly ctx: ResolvedCommandContext,
    private readonly io: InvocationIO,
    options: LsOptions,
    private readonly now: number,
  ) {
    this.o = options;
    const env = ctx.exportedEnv ?? {};
    this.toTerminal = io.position.stdoutToTerminal && frame.runtime.terminal().isTTY;
    this.format = options.format ?? (this.toTerminal ? "vertical" : "one");
    // With LS_COLORS unset or empty, ls colours only for a $COLORTERM or a $TERM dircolors knows.
    const palette = env.LS_COLORS || env.COLORTERM || knownTermType(env.TERM);
    const colour = (options.colour === "always" || (options.colour === "auto" && this.toTerminal)) && Boolean(palette);
    if (colour) this.painter = new LsPainter(env.LS_COLORS);
    this.indicators = options.indicators === "classify" && (options.classifyWhen === "never" || (options.classifyWhen === "auto" && !this.toTerminal)) ? "none" : options.indicators;

    let lineLength = 80;
    let tabsize = 8;
    if (["vertical", "horizontal", "commas"].includes(this.format) || colour) {
      const columns = env.COLUMNS;
      if (columns) {
        const n = parseCount(columns);
        if (n !== undefined && n > 0) lineLength = n;
        else io.err.push(`ls: ignoring invalid width in environment variable COLUMNS: \u2018${columns}\u2019\n`);
      }
      if (this.toTerminal) lineLength = frame.runtime.terminal().columns;
      if (env.TABSIZE !== undefined) {
        const n = parseCount(env.TABSIZE);
        if (n !== undefined) tabsize = n;
        else io.err.push(`ls: ignoring invalid tab size in environment variable TABSIZE: \u2018${env.TABSIZE}\u2019\n`);
      }
    }
    this.lineLength = options.width ?? lineLength;
    // Colour escapes would confuse a tab's width, and -w 0 has no line to lay tabs on: spaces then.
    this.tabsize = colour || this.lineLength === 0 ? 0 : (options.tabsize ?? tabsize);

    const fromEnv = env.QUOTING_STYLE;
    let quoting: QuotingStyle | undefined = options.quoting;
    if (!quoting && fromEnv !== undefined) {
      if ((QUOTING_STYLES as readonly string[]).includes(fromEnv)) quoting = fromEnv as QuotingStyle;
      else io.err.push(`ls: ignoring invalid value of environment variable QUOTING_STYLE: \u2018${fromEnv}\u2019\n`);
    }
    this.quoting = quoting ?? (this.toTerminal ? "shell-escape" : "literal");
    this.hideControls = options.hideControls ?? this.toTerminal;
    this.alignQuotes =
      (this.format === "long" || ((this.format === "vertical" || this.format === "horizontal") && this.lineLength !== 0)) &&
      ["shell", "shell-escape", "c-maybe"].includes(this.quoting);
  }

  async main(): Promise<number> {
    const o = this.o;
    if (this.format === "long") {
      const formats = timeFormats(o.fullTime ? "full-iso" : (o.timeStyle ?? this.ctx.exportedEnv?.TIME_STYLE));
      if ("error" in formats) {
        this.io.err.push(formats.error);
        return 2;
      }
      this.times = formats;
    }
    const operands = o.operands.length > 0 ? o.operands : ["."];
    const files: LsFile[] = [];
    for (const operand of operands) {
      const file = await this.operand(operand);
      if (file) files.push(file);
    }
    files.sort((a, b) => compareFiles(a, b, this.sortOptions()));
    const dirs = o.directory ? [] : files.filter((f) => f.st?.isDirectory);
    const plain = o.directory ? files : files.filter((f) => !f.st?.isDirectory);
    if (plain.length > 0) {
      await this.print(plain, files);
      // A blank line before the directories; the first heading then adds none.
      if (dirs.length > 0) this.io.out.push("\n");
    }
    // One directory and nothing else on the command line: no heading.
    const headings = o.recursive || !(plain.length === 0 && operands.length <= 1 && dirs.length === 1);
    for (const dir of dirs) await this.listDirectory(dir.name, dir.path, true, headings);
    return this.status;
  }

  private sortOptions() {
    const o = this.o;
    return { sort: o.sort, reverse: o.reverse, groupDirectoriesFirst: o.groupDirectoriesFirst };
  }

  /** Looks an operand up; undefined (and the error printed) when it cannot be accessed. */
  private async operand(name: string): Promise<LsFile | undefined> {
    const fs = this.frame.fs;
    const path = fs.resolvePath(this.ctx.cwd, name);
    try {
      let st = await fs.lstat(path);
      if (st.isSymbolicLink) {
        const o = this.o;
        // Symlinks on the command line are followed unless -l, -d or -F shows the link itself,
        // and then only to a directory; -H and -L follow them all. A trailing slash always does.
        const follow = o.dereference !== undefined || name.endsWith("/");
        const showLink = o.directory || this.indicators === "classify" || this.format === "long";
        if (follow) st = await fs.stat(path);
        else if (!showLink) {
          const target = await fs.stat(path).catch(() => undefined);
          if (target?.isDirectory) st = target;
        }
      }
      if (name.endsWith("/") && !st.isDirectory) throw Object.assign(new Error("ENOTDIR"), { code: "ENOTDIR" });
      return this.withTarget({ name, path, st });
    } catch (err) {
      // The filesystem answers ENOENT behind a directory the user may not search; ls says why.
      const hidden = (err as { code?: string }).code === "ENOENT" && !(await fs.reachable(path));
      this.io.err.push(`ls: cannot access ${quoteForMessage(name)}: ${hidden ? ERRNO_TEXT.EACCES : errorText(err)}\n`);
      this.status = 2;
      return undefined;
    }
  }

  /** Adds a symlink's target and what it points to. */
  private async withTarget(file: LsFile): Promise<LsFile> {
    if (!file.st?.isSymbolicLink) return file;
    const fs = this.frame.fs;
    file.target = await fs.readlink(file.path).catch(() => "");
    file.targetSt = await fs.stat(file.path).catch(() => null);
    return file;
  }

  private async listDirectory(shown: string, path: string, commandLine: boolean, heading: boolean): Promise<void> {
    const fs = this.frame.fs;
    let names: string[];
    try {
      if (!(await this.readable(path))) throw Object.assign(new Error("EACCES"), { code: "EACCES" });
      names = await fs.readdir(path);
    } catch (err) {
      this.io.err.push(`ls: cannot open directory ${quoteForMessage(shown)}: ${errorText(err)}\n`);
      this.status = commandLine ? 2 : Math.max(this.status, 1);
      return;
    }
    if (heading) {
      this.io.out.push(`${this.first ? "" : "\n"}${quoteName(shown, this.quoting, this.hideControls)}:\n`);
      this.first = false;
    }
    const o = this.o;
    const shownNames = names.filter((n) => this.listed(n));
    if (o.all) shownNames.unshift(".", "..");
    // `.` and `..` are the directory's own (`ls -la link/` shows the real directory's parent as
    // `..`, not the link's); the rest are its entries, the path's symlinks followed by lstat.
    const real = o.all ? await fs.realpath(path).catch(() => path) : path;
    const files: LsFile[] = [];
    for (const name of shownNames) {
      const entryPath = name === "." ? real : name === ".." ? fs.resolvePath(real, "..") : path === "/" ? `/${name}` : `${path}/${name}`;
      files.push(await this.entry(name, entryPath, shown));
    }
    files.sort((a, b) => compareFiles(a, b, this.sortOptions()));
    if (this.format === "long" || o.size) {
      const total = files.reduce((sum, f) => sum + (f.st ? fileBlocks(f.st) : 0), 0);
      this.io.out.push(`total ${blockCount(total, o.human)}\n`);
    }
    await this.print(files, files);
    this.first = false;
    if (!o.recursive) return;
    for (const f of files) {
      if (!f.st?.isDirectory || f.name === "." || f.name === "..") continue;
      await this.listDirectory(shown.endsWith("/") ? `${shown}${f.name}` : `${shown}/${f.name}`, f.path, false, true);
    }
  }

  /** Hidden names (-a, -A), backups (-B), -I and --hide patterns. */
  private listed(name: string): boolean {
    const o = this.o;
    if (name.startsWith(".") && !o.all && !o.almostAll) return false;
    if (o.ignore.some((p) => matchesGlob(p, name))) return false;
    if (!o.all && !o.almostAll) {
      if (o.ignoreBackups && name.endsWith("~")) return false;
      if (o.hide.some((p) => matchesGlob(p, name))) return false;
    } else if (o.ignoreBackups && name.endsWith("~")) return false;
    return true;
  }

  private async entry(name: string, path: string, dirShown: string): Promise<LsFile> {
    const fs = this.frame.fs;
    try {
      return await this.withTarget({ name, path, st: await fs.lstat(path) }).then(async (file) => {
        if (this.o.dereference !== "all" || !file.st?.isSymbolicLink) return file;
        if (file.targetSt) return { name, path, st: file.targetSt };
        this.io.err.push(`ls: cannot access ${quoteForMessage(dirShown.endsWith("/") ? dirShown + name : `${dirShown}/${name}`)}: No such file or directory\n`);
        this.status = Math.max(this.status, 1);
        return { name, path };
      });
    } catch {
      return { name, path };
    }
  }

  /** Whether the user may read the directory (root always; otherwise the owner's, group's or others' r bit). */
  private async readable(path: string): Promise<boolean> {
    const user = this.frame.effectiveUser;
    if (user.uid === 0) return true;
    const st = await this.frame.fs.stat(path);
    const { uid, gid } = ownerIds(st);
    if (uid === user.uid) return (st.mode & 0o400) !== 0;
    const inGroup = (await groupsOf(this.frame.fs, user)).some((g) => g.gid === gid);
    return (st.mode & (inGroup ? 0o040 : 0o004)) !== 0;
  }

  // ---------- printing ----------

  /** Prints `files` in the chosen format; column widths come from `measured` (GNU measures every operand). */
  private async print(files: LsFile[], measured: LsFile[]): Promise<void> {
    if (files.length === 0) return;
    const rows = new Map<LsFile, Row>();
    for (const f of measured) rows.set(f, await this.row(f));
    const w: Widths = { inode: 0, blocks: 0, nlink: 0, owner: 0, group: 0, size: 0, someQuoted: false };
    for (const r of rows.values()) {
      w.inode = Math.max(w.inode, r.inode.length);
      w.blocks = Math.max(w.blocks, r.blocks.length);
      w.nlink = Math.max(w.nlink, r.nlink.length);
      w.owner = Math.max(w.owner, displayWidth(r.owner));
      w.group = Math.max(w.group, displayWidth(r.group));
      w.size = Math.max(w.size, r.size.length);
      if (this.alignQuotes && isQuoted(this.quote(r.file.name), r.file.name)) w.someQuoted = true;
    }
    const end = this.o.zero ? "\0" : "\n";
    if (this.format === "long") {
      this.io.out.push(files.map((f) => this.longRow(rows.get(f)!, w) + end).join(""));
      return;
    }
    const cells = files.map((f) => this.cell(rows.get(f)!, w));
    if (this.format === "one") this.io.out.push(cells.map((c) => c.text + end).join(""));
    else if (this.format === "commas") this.io.out.push(commas(cells, this.lineLength));
    else if (this.format === "horizontal") this.io.out.push(horizontal(cells, this.lineLength, this.tabsize));
    else this.io.out.push(vertical(cells, this.lineLength, this.tabsize));
  }

  private async row(f: LsFile): Promise<Row> {
    const o = this.o;
    const st = f.st;
    const wantsLong = this.format === "long";
    const ids = st && wantsLong && (o.owner || o.group || o.author) ? ownerIds(st) : undefined;
    const names = ids && !o.numeric ? await (this.names ??= idNames(this.frame.fs)) : undefined;
    return {
      file: f,
      inode: o.inode ? (st ? String(inodeOf(f.path)) : "?") : "",
      blocks: o.size ? (st ? blockCount(fileBlocks(st), o.human) : "?") : "",
      mode: st ? modeColumn(st.mode, st.isDirectory ? "directory" : st.isSymbolicLink ? "symlink" : "file") : "l?????????",
      nlink: wantsLong ? (st ? String(await this.links(f)) : "?") : "",
      owner: !st ? "?" : !ids ? "" : names ? names.user(ids.uid) : String(ids.uid),
      group: !st ? "?" : !ids ? "" : names ? names.group(ids.gid) : String(ids.gid),
      size: wantsLong ? (st ? (o.human ? humanSize(st.size, o.human === "1024" ? 1024 : 1000) : String(st.size)) : "?") : "",
    };
  }

  /** A directory's links: its entry, its `.`, and each subdirectory's `..`. */
  private async links(f: LsFile): Promise<number> {
    if (!f.st?.isDirectory) return 1;
    const entries = await this.frame.fs.readdirWithFileTypes(f.path).catch(() => []);
    return 2 + entries.filter((e) => e.isDirectory).length;
  }

  private quote(name: string): string {
    return quoteName(name, this.quoting, this.hideControls);
  }

  /** The name as quoted (padded by one column where other names are quoted), coloured, with its indicator. */
  private name(f: LsFile, w: Widths): { text: string; width: number } {
    const quoted = this.quote(f.name);
    const pad = w.someQuoted && !isQuoted(quoted, f.name) ? " " : "";
    const st = f.st;
    let text = pad + (this.painter && st ? this.painter.paint(quoted, f.name, lsEntry(st, f.targetSt)) : quoted);
    let width = pad.length + displayWidth(quoted);
    if (this.format === "long" && st?.isSymbolicLink && f.target !== undefined) {
      const target = this.quote(f.target);
      const painted = this.painter?.coloursTargets(this.indicators === "classify" || this.indicators === "file-type") ? this.painter.paintTarget(target, f.target, f.targetSt ? lsEntry(f.targetSt) : undefined) : target;
      text += ` -> ${painted}${f.targetSt ? this.indicator(f.targetSt) : ""}`;
      return { text, width };
    }
    const mark = st ? this.indicator(st) : "";
    text += mark;
    width += mark.length;
    return { text, width };
  }

  /** -F's, --file-type's and -p's mark after a name. */
  private indicator(st: FsStat): string {
    const style = this.indicators;
    if (style === "none") return "";
    if (st.isDirectory) return "/";
    if (style === "slash") return "";
    if (st.isSymbolicLink) return "@";
    const type = st.mode & 0o170000;
    if (type === 0o010000) return "|";
    if (type === 0o140000) return "=";
    if (style === "classify" && (type === 0 || type === 0o100000) && (st.mode & 0o111) !== 0) return "*";
    return "";
  }

  private cell(r: Row, w: Widths): Cell {
    const { text, width } = this.name(r.file, w);
    let prefix = "";
    if (this.o.inode) prefix += `${this.format === "commas" ? r.inode : r.inode.padStart(w.inode)} `;
    if (this.o.size) prefix += `${this.format === "commas" ? r.blocks : r.blocks.padStart(w.blocks)} `;
    if (this.o.context) prefix += "? ";
    return { text: prefix + text, width: prefix.length + width };
  }

  private longRow(r: Row, w: Widths): string {
    if (this.frame.spec.userland === "busybox") return this.busyboxRow(r, w);
    const o = this.o;
    let line = "";
    if (o.inode) line += `${r.inode.padStart(w.inode)} `;
    if (o.size) line += `${r.blocks.padStart(w.blocks)} `;
    line += `${r.mode} ${r.nlink.padStart(w.nlink)} `;
    const column = (value: string, width: number) => (o.numeric ? `${value.padStart(width)} ` : `${value}${" ".repeat(Math.max(0, width - displayWidth(value)))} `);
    if (o.owner) line += column(r.owner, w.owner);
    if (o.group) line += column(r.group, w.group);
    if (o.author) line += column(r.owner, w.owner);
    if (o.context) line += "? ";
    line += `${r.size.padStart(w.size)} `;
    const st = r.file.st;
    line += `${st ? formatTime(st.mtime.getTime(), this.now, this.times) : "           ?"} `;
    return line + this.name(r.file, w).text;
  }

  /**
   * busybox ls -l (a busybox or alpine container's): fixed columns where GNU measures them (mode,
   * links in 4, owner and group in 8 cut to 8, size in 9) and its own six-month rule for the time.
   */
  private busyboxRow(r: Row, w: Widths): string {
    const o = this.o;
    let line = "";
    if (o.inode) line += `${r.inode.padStart(w.inode)} `;
    if (o.size) line += `${r.blocks.padStart(w.blocks)} `;
    line += `${r.mode.padEnd(10)} ${r.nlink.padStart(4)} `;
    const id = (value: string) => `${(o.numeric ? value : value.slice(0, 8)).padEnd(8)} `;
    if (o.owner) line += id(r.owner);
    if (o.group) line += id(r.group);
    line += `${r.size.padStart(9)} `;
    const st = r.file.st;
    line += st ? busyboxTime(st.mtime.getTime(), this.now) : "           ? ";
    return line + this.name(r.file, w).text;
  }
}

/** busybox's recent times: less than half of a 365-day year old, and at most 15 minutes ahead. */
const BUSYBOX_RECENT_MS = ((3600 * 24 * 365) / 2) * 1000;
const BUSYBOX_FUTURE_MS = 15 * 60 * 1000;

/** busybox ls's time column (ctime's month, day and time, or year for an older file), 13 wide with its space. */
function busyboxTime(mtime: number, now: number): string {
  const age = now - mtime;
  return formatDate(new Date(mtime), age < BUSYBOX_RECENT_MS && age > -BUSYBOX_FUTURE_MS ? "%b %e %H:%M " : "%b %e  %Y ");
}

function lsEntry(st: FsStat, targetSt?: FsStat | null): LsEntry {
  return { mode: st.mode, isDirectory: st.isDirectory, isSymbolicLink: st.isSymbolicLink, isFile: st.isFile, ...(st.isSymbolicLink ? { targetExists: targetSt !== null && targetSt !== undefined } : {}) };
}

/** Terminal columns of a name: wide (East Asian) characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    width += cp >= 0x1100 && /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}|\p{Emoji_Presentation}/u.test(c) ? 2 : 1;
  }
  return width;
}
