import { bytesOutput, latin1FromBytes, encodeUtf8ToBytes, unsafeBytesFromLatin1, type ByteString, type ExecResult, type ResolvedCommandContext } from "just-bash";
import { parseGrepArgs, type GrepOptions } from "./grep-options";

/**
 * GNU grep 3.8 around a line matcher: which files are read and how (-r with --include, --exclude,
 * --exclude-dir, -d, -s, binary files, --label), what is printed for a selected line (-H -h -n -b
 * -T -Z -o, context with GNU's group separators, -c -l -L -q -m) and the exit status (0, 1, 2).
 * Which lines match a pattern is the matcher's answer (grep-fast.ts or just-bash's grep, asked
 * with -n, and -o for the matches), so every matching mode keeps one implementation.
 */
export type LineMatcher = (args: string[], stdin: ByteString) => Promise<ExecResult>;

interface Input {
  name: string;
  /** The bytes, one character each. */
  bytes: string;
  /** Width of line numbers and offsets under -T: digits of the size, or of the largest for a pipe. */
  width: number;
}

/**
 * A result's stdout and stderr in the order grep wrote them (a file's error among other files'
 * lines): just-bash keeps the two apart, so the shell asks here where they go to one place.
 */
const WRITE_ORDER = new WeakMap<ExecResult, [string, "stdout" | "stderr"][]>();

export function writeOrder(result: ExecResult): [string, "stdout" | "stderr"][] | undefined {
  return WRITE_ORDER.get(result);
}

/** GNU pads -T's numbers to the digits of the largest offset a pipe could reach (INTMAX_MAX). */
const PIPE_WIDTH = 19;

export async function gnuGrep(args: string[], ctx: ResolvedCommandContext, matcher: LineMatcher): Promise<ExecResult> {
  const o = parseGrepArgs(args);
  if (o.info) return { stdout: o.info, stderr: "", exitCode: 0 };
  if (o.error) return { stdout: "", stderr: o.error, exitCode: 2 };
  const run = new GrepRun(o, ctx, matcher);
  return run.main();
}

class GrepRun {
  private out = "";
  private err = "";
  /** stdout and stderr in the order written, while both have text (see writeOrder). */
  private order: [string, "stdout" | "stderr"][] = [];
  private selectedAny = false;
  private troubled = false;
  private printedAny = false;
  private quit = false;
  /** A bad pattern: grep stops before reading anything else. */
  private fatal?: string;
  private matcherArgs: string[] = [];
  private withName: boolean;

  constructor(
    private readonly o: GrepOptions,
    private readonly ctx: ResolvedCommandContext,
    private readonly matcher: LineMatcher,
  ) {
    if (o.warnings) this.emit("stderr", o.warnings);
    this.withName = o.withFilename ?? o.files.length > 1;
  }

  async main(): Promise<ExecResult> {
    const o = this.o;
    for (const file of o.patternFiles) {
      const text = file === "-" ? latin1FromBytes(this.ctx.stdin) : await this.read(file);
      if (text === undefined) return { stdout: "", stderr: `${this.err}grep: ${file}: No such file or directory\n`, exitCode: 2 };
      const lines = text.split("\n");
      if (lines[lines.length - 1] === "") lines.pop();
      o.patterns.push(...lines.map((l) => Buffer.from(l, "latin1").toString("utf8")));
    }
    this.matcherArgs = [...(o.mode === "-G" ? [] : [o.mode]), ...(o.ignoreCase ? ["-i"] : []), ...(o.word ? ["-w"] : []), ...(o.line ? ["-x"] : []), "-n"];
    const recursive = o.directories === "recurse";
    const files = o.files.length > 0 ? o.files : [recursive ? "." : "-"];
    const implicitDot = o.files.length === 0 && recursive;
    for (const file of files) {
      if (this.quit) break;
      if (file === "-") await this.search({ name: o.label, bytes: latin1FromBytes(this.ctx.stdin), width: PIPE_WIDTH });
      else await this.operand(file, implicitDot);
    }
    if (this.fatal !== undefined) return { stdout: "", stderr: this.err + this.fatal, exitCode: 2 };
    const exitCode = this.troubled && !(o.quiet && this.selectedAny) ? 2 : this.selectedAny ? 0 : 1;
    const result: ExecResult = { ...output(this.out), stderr: this.err, exitCode };
    if (this.out && this.err && typeof result.stdout === "string") WRITE_ORDER.set(result, this.order.map(([text, stream]) => [stream === "stdout" ? output(text).stdout as string : text, stream]));
    return result;
  }

  private emit(stream: "stdout" | "stderr", text: string): void {
    if (stream === "stdout") this.out += text;
    else this.err += text;
    const last = this.order[this.order.length - 1];
    if (last && last[1] === stream) last[0] += text;
    else this.order.push([text, stream]);
  }

  private async operand(file: string, implicitDot: boolean): Promise<void> {
    const o = this.o;
    const path = this.ctx.fs.resolvePath(this.ctx.cwd, file);
    const stat = await this.ctx.fs.stat(path).catch((e: unknown) => e as { code?: string });
    if (!("isDirectory" in stat)) return this.trouble(file, stat.code === "EACCES" ? "Permission denied" : "No such file or directory");
    if (stat.isDirectory) {
      if (o.directories === "skip") return;
      if (o.directories === "read") {
        this.trouble(file, "Is a directory");
        if (o.count) this.emit("stdout", `${this.namePrefix(file, ":")}0\n`);
        return;
      }
      if (file !== "." && o.excludeDir.some((g) => globMatch(g, baseName(file)))) return;
      if (o.withFilename === undefined) this.withName = true;
      return this.walk(path, implicitDot ? "" : file.endsWith("/") ? file : `${file}/`);
    }
    if (!this.included(baseName(file))) return;
    await this.searchFile(path, file, stat.size);
  }

  private async walk(dir: string, shown: string): Promise<void> {
    const names = (await this.ctx.fs.readdir(dir).catch(() => undefined)) ?? [];
    for (const name of [...names].sort()) {
      if (this.quit) return;
      const path = dir === "/" ? `/${name}` : `${dir}/${name}`;
      const lstat = await this.ctx.fs.lstat(path).catch(() => undefined);
      if (!lstat) continue;
      // -r does not follow symbolic links it meets on the way (-R does).
      if (lstat.isSymbolicLink && !this.o.dereference) continue;
      const stat = lstat.isSymbolicLink ? await this.ctx.fs.stat(path).catch(() => undefined) : lstat;
      if (!stat) continue;
      if (stat.isDirectory) {
        if (!this.o.excludeDir.some((g) => globMatch(g, name))) await this.walk(path, `${shown}${name}/`);
      } else if (this.included(name)) await this.searchFile(path, `${shown}${name}`, stat.size);
    }
  }

  private included(name: string): boolean {
    const o = this.o;
    if (o.exclude.some((g) => globMatch(g, name))) return false;
    return o.include.length === 0 || o.include.some((g) => globMatch(g, name));
  }

  private async searchFile(path: string, name: string, size: number): Promise<void> {
    const bytes = await this.read(path);
    if (bytes === undefined) return this.trouble(name, "Permission denied");
    await this.search({ name, bytes, width: String(size).length });
  }

  private async read(path: string): Promise<string | undefined> {
    try {
      const resolved = this.ctx.fs.resolvePath(this.ctx.cwd, path);
      return Buffer.from(await this.ctx.fs.readFileBuffer(resolved)).toString("latin1");
    } catch {
      return undefined;
    }
  }

  private trouble(name: string, message: string): void {
    this.troubled = true;
    if (!this.o.noMessages) this.emit("stderr", `grep: ${name}: ${message}\n`);
  }

  private namePrefix(name: string, sep: string): string {
    return this.withName ? name + (this.o.nullAfterName ? "\0" : sep) : "";
  }

  /** Line numbers (from 0) the matcher selects, and -o's matches per line. */
  private async matches(input: Input): Promise<{ lines: Set<number>; parts: Map<number, string[]> } | undefined> {
    const o = this.o;
    const lines = new Set<number>();
    const parts = new Map<number, string[]>();
    if (o.patterns.length === 0) return { lines, parts };
    const only = o.only && !o.invert;
    const result = await this.matcher([...this.matcherArgs, ...(only ? ["-o"] : []), "-e", o.patterns.join("\n")], unsafeBytesFromLatin1(input.bytes));
    if (result.exitCode > 1) {
      this.fatal = result.stderr;
      this.quit = true;
      return undefined;
    }
    for (const line of result.stdout.split("\n")) {
      const colon = line.indexOf(":");
      if (colon < 1) continue;
      const n = Number(line.slice(0, colon)) - 1;
      lines.add(n);
      if (only) {
        const list = parts.get(n) ?? [];
        list.push(latin1FromBytes(encodeUtf8ToBytes(line.slice(colon + 1))));
        parts.set(n, list);
      }
    }
    return { lines, parts };
  }

  private async search(input: Input): Promise<void> {
    const o = this.o;
    const binary = o.binaryFiles !== "text" && isBinary(input.bytes);
    const lines = input.bytes.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    const found = binary && o.binaryFiles === "without-match" ? { lines: new Set<number>(), parts: new Map<number, string[]>() } : await this.matches(input);
    if (!found) return;
    const selected: number[] = [];
    for (let i = 0; i < lines.length && (o.maxCount < 0 || selected.length < o.maxCount); i++) if (found.lines.has(i) !== o.invert) selected.push(i);
    if (selected.length > 0) this.selectedAny = true;
    if (o.quiet) {
      if (selected.length > 0) this.quit = true;
      return;
    }
    if (o.filesWith || o.filesWithout) {
      if ((selected.length > 0) === o.filesWith) this.emit("stdout", input.name + (o.nullAfterName ? "\0" : "\n"));
      return;
    }
    if (o.count) {
      this.emit("stdout", `${this.namePrefix(input.name, ":")}${selected.length}\n`);
      return;
    }
    if (selected.length === 0) return;
    if (binary) {
      this.emit("stderr", `grep: ${input.name}: binary file matches\n`);
      return;
    }
    this.print(input, lines, selected, found.parts);
  }

  private print(input: Input, lines: string[], selected: number[], parts: Map<number, string[]>): void {
    const o = this.o;
    const starts: number[] = [];
    let at = 0;
    for (const line of lines) {
      starts.push(at);
      at += line.length + 1;
    }
    const number = (n: number) => (o.initialTab ? String(n).padStart(input.width) : String(n));
    const head = (i: number, sep: string, offset = starts[i]) => {
      const prefix = this.namePrefix(input.name, sep) + (o.lineNumbers ? number(i + 1) + sep : "") + (o.byteOffset ? number(offset) + sep : "");
      return o.initialTab && prefix ? `${prefix}\t` : prefix;
    };
    if (o.only) {
      if (o.invert) return;
      for (const i of selected) {
        let cursor = 0;
        for (const part of parts.get(i) ?? []) {
          const found = lines[i].indexOf(part, cursor);
          const column = found < 0 ? cursor : found;
          this.emit("stdout", `${head(i, ":", starts[i] + column)}${part}\n`);
          cursor = column + part.length;
        }
      }
      return;
    }
    let last = -1;
    let until = -1;
    const context = (to: number) => {
      for (let i = last + 1; i <= Math.min(to, lines.length - 1); i++) {
        this.emit("stdout", `${head(i, "-")}${lines[i]}\n`);
        last = i;
      }
    };
    for (const s of selected) {
      context(Math.min(until, s - 1));
      const from = Math.max(s - o.before, last + 1);
      if (o.context && this.printedAny && (last < 0 || from > last + 1) && o.groupSeparator !== null) this.emit("stdout", `${o.groupSeparator}\n`);
      last = Math.max(last, from - 1);
      context(s - 1);
      this.emit("stdout", `${head(s, ":")}${lines[s]}\n`);
      last = s;
      until = s + o.after;
      this.printedAny = true;
    }
    context(until);
  }
}

/** GNU grep reads a file with a NUL byte, or with bytes that are not UTF-8 text, as binary. */
function isBinary(bytes: string): boolean {
  if (bytes.includes("\0")) return true;
  if (!/[\x80-\xff]/.test(bytes)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(bytes, "latin1"));
    return false;
  } catch {
    return true;
  }
}

/** Output bytes as text when they are UTF-8 (the usual case), else as bytes. */
function output(bytes: string): Pick<ExecResult, "stdout"> {
  if (!/[\x80-\xff]/.test(bytes)) return { stdout: bytes };
  const text = Buffer.from(bytes, "latin1").toString("utf8");
  if (Buffer.from(text, "utf8").toString("latin1") === bytes) return { stdout: text };
  return bytesOutput(unsafeBytesFromLatin1(bytes)) as Pick<ExecResult, "stdout">;
}

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1) || trimmed;
}

/** fnmatch(3) without flags, as GNU grep matches --include, --exclude and --exclude-dir. */
export function globMatch(glob: string, name: string): boolean {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") source += "[\\s\\S]*";
    else if (c === "?") source += "[\\s\\S]";
    else if (c === "\\" && i + 1 < glob.length) source += escapeRegex(glob[++i]);
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) source += "\\[";
      else {
        let body = glob.slice(i + 1, end);
        const negate = body.startsWith("!") || body.startsWith("^");
        if (negate) body = body.slice(1);
        source += `[${negate ? "^" : ""}${body.replace(/[\\\]]/g, "\\$&")}]`;
        i = end;
      }
    } else source += escapeRegex(c);
  }
  return new RegExp(`^${source}$`).test(name);
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
