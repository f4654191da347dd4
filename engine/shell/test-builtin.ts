import { defineCommand, type Command, type ExecResult, type FsStat, type ResolvedCommandContext, type WordNode } from "just-bash";
import type { ShellFs } from "./shell-fs";

/**
 * `test` and `[` as bash 5.2's builtin parses them (its test.c): the argument count decides the
 * form (POSIX's rules for up to four arguments, then `-a`/`-o`/`!`/`( )` by precedence), and a
 * malformed expression is a syntax error with status 2 — `bash: [: x: unary operator expected`,
 * `integer expression expected`, `binary operator expected`, `too many arguments`, `missing `]'`.
 * just-bash's builtin returns 1 silently for most of these (`[ $x -gt 3 ]` with x empty), so the
 * transform runs `[`/`test` typed as a command through these hooks instead (transform.ts).
 * File tests ask the shell's filesystem, with access(2)'s rules for -r/-w/-x (root reads and
 * writes anything, executes what has an x bit); `-v` and `-o` ask just-bash's builtin, which knows
 * the variables, arrays and options.
 *
 * A hook is a command call, which costs about three times just-bash's builtin (its context
 * membrane), and `[` runs in loops; where the words alone show that bash and the builtin agree
 * whatever the values (`[ "$a" = "$b" ]`, `[ -z "$x" ]`), the builtin stays (needsBashTest).
 */
export const TEST_HOOKS: ReadonlyMap<string, string> = new Map([
  ["[", "bracket"],
  ["test", "test"],
]);

class TestSyntaxError extends Error {}

/** What the operators look at: the shell's files, user and state. */
interface TestWorld {
  stat(path: string): Promise<FsStat | undefined>;
  lstat(path: string): Promise<FsStat | undefined>;
  allows(path: string, access: "r" | "w" | "x"): Promise<boolean>;
  uid: number;
  gid: number;
  /** `-v NAME` and `-o OPTION`, answered by just-bash's builtin. */
  builtin(op: "-v" | "-o", operand: string): Promise<boolean>;
}

const UNARY = new Set("abcdefgkhprsStuwxOGLnzvoRN".split("").map((c) => `-${c}`));
const ARITHMETIC = new Set(["-eq", "-ne", "-lt", "-le", "-gt", "-ge"]);
const BINARY = new Set(["=", "==", "!=", "<", ">", "-nt", "-ot", "-ef", ...ARITHMETIC]);
const CHARACTER_DEVICES = new Set(["/dev/null", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/tty", "/dev/full"]);
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** bash's legal_number: optional blanks, a sign, decimal digits, blanks; within 64 bits. */
function integer(text: string): bigint | undefined {
  const m = /^[ \t\n]*([+-]?\d+)[ \t\n]*$/.exec(text);
  if (!m) return undefined;
  const value = BigInt(m[1]);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

class TestExpression {
  private pos = 0;

  constructor(
    private readonly argv: string[],
    private readonly world: TestWorld,
    /** Run as `[`. */
    private readonly bracket: boolean,
  ) {}

  private fail(message: string): never {
    throw new TestSyntaxError(message);
  }

  /** Moves past the current argument; `needMore`: one must follow it. */
  private advance(needMore: boolean): void {
    this.pos++;
    if (needMore && this.pos >= this.argv.length) this.fail("argument expected");
  }

  async run(): Promise<boolean> {
    const argv = this.argv;
    const n = argv.length;
    let value: boolean;
    switch (n) {
      case 0:
        return false;
      case 1:
        return argv[0] !== "";
      case 2:
        value = await this.twoArguments();
        this.pos = n;
        break;
      case 3:
        value = await this.threeArguments();
        break;
      case 4:
        if (argv[0] === "!") {
          this.advance(true);
          value = !(await this.threeArguments());
          break;
        }
        if (argv[0] === "(" && argv[3] === ")") {
          this.advance(true);
          value = await this.twoArguments();
          this.pos = n;
          break;
        }
        value = await this.expression();
        break;
      default:
        value = await this.expression();
    }
    if (this.pos < n) this.fail(argv[this.pos].startsWith("-") ? `syntax error: \`${argv[this.pos]}' unexpected` : "too many arguments");
    return value;
  }

  private async twoArguments(): Promise<boolean> {
    const op = this.argv[this.pos];
    if (op === "!") return this.argv[this.pos + 1] === "";
    if (UNARY.has(op)) return this.unary();
    this.fail(`${op}: unary operator expected`);
  }

  private async threeArguments(): Promise<boolean> {
    const [a, op, b] = this.argv.slice(this.pos, this.pos + 3);
    let value: boolean;
    if (BINARY.has(op)) value = await this.binary();
    else if (op === "-a") value = a !== "" && b !== "";
    else if (op === "-o") value = a !== "" || b !== "";
    else if (a === "!") {
      this.advance(true);
      value = !(await this.twoArguments());
    } else if (a === "(" && b.startsWith(")")) value = op !== "";
    else this.fail(`${op}: binary operator expected`);
    this.pos = this.argv.length;
    return value;
  }

  private async expression(): Promise<boolean> {
    if (this.pos >= this.argv.length) this.fail("argument expected");
    return this.or();
  }

  private async or(): Promise<boolean> {
    const left = await this.and();
    if (this.argv[this.pos] !== "-o") return left;
    this.advance(false);
    const right = await this.or();
    return left || right;
  }

  private async and(): Promise<boolean> {
    const left = await this.term();
    if (this.argv[this.pos] !== "-a") return left;
    this.advance(false);
    const right = await this.and();
    return left && right;
  }

  private async term(): Promise<boolean> {
    const argv = this.argv;
    if (this.pos >= argv.length) this.fail("argument expected");
    if (argv[this.pos] === "!") {
      let negate = false;
      while (this.pos < argv.length && argv[this.pos] === "!") {
        this.advance(true);
        negate = !negate;
      }
      const value = await this.term();
      return negate ? !value : value;
    }
    if (argv[this.pos] === "(") {
      this.advance(true);
      const value = await this.expression();
      // `[`'s closing `]` is still in bash's argument vector, past the expression's end.
      if (this.pos >= argv.length) this.fail(this.bracket ? "`)' expected, found ]" : "`)' expected");
      if (argv[this.pos] !== ")") this.fail(`\`)' expected, found ${argv[this.pos]}`);
      this.advance(false);
      return value;
    }
    if (this.pos + 3 <= argv.length && BINARY.has(argv[this.pos + 1])) return this.binary();
    const word = argv[this.pos];
    if (word.length === 2 && word[0] === "-") {
      if (UNARY.has(word)) return this.unary();
      this.fail(`${word}: unary operator expected`);
    }
    this.advance(false);
    return word !== "";
  }

  private async unary(): Promise<boolean> {
    const op = this.argv[this.pos];
    if (op === "-t") {
      // `-t` alone asks about stdout; with an operand, only a number is taken as its fd. Nothing a
      // simulated command writes to is a terminal device here, as just-bash's builtin says.
      this.advance(false);
      if (this.pos < this.argv.length && integer(this.argv[this.pos]) !== undefined) this.advance(false);
      return false;
    }
    this.advance(true);
    const operand = this.argv[this.pos];
    this.pos++;
    return this.unaryTest(op, operand);
  }

  private async unaryTest(op: string, operand: string): Promise<boolean> {
    const w = this.world;
    switch (op) {
      case "-n":
        return operand !== "";
      case "-z":
        return operand === "";
      case "-v":
      case "-o":
        return w.builtin(op, operand);
      case "-R":
        return false;
      case "-r":
      case "-w":
      case "-x":
        return operand !== "" && w.allows(operand, op[1] as "r" | "w" | "x");
      case "-h":
      case "-L":
        return operand !== "" && (await w.lstat(operand))?.isSymbolicLink === true;
    }
    const st = operand === "" ? undefined : await w.stat(operand);
    if (!st) return false;
    switch (op) {
      case "-a":
      case "-e":
        return true;
      case "-f":
        return st.isFile;
      case "-d":
        return st.isDirectory;
      case "-s":
        return st.size > 0;
      case "-c":
        return CHARACTER_DEVICES.has(operand);
      case "-u":
        return (st.mode & 0o4000) !== 0;
      case "-g":
        return (st.mode & 0o2000) !== 0;
      case "-k":
        return (st.mode & 0o1000) !== 0;
      case "-O":
        return ((st as { uid?: number }).uid ?? 0) === w.uid;
      case "-G":
        return ((st as { gid?: number }).gid ?? 0) === w.gid;
      default:
        // -b, -p, -S: the simulated filesystems hold no block devices, FIFOs or sockets. -N
        // (modified since last read): they keep no access time, so a file counts as read when
        // written, as one just created is on a real disk.
        return false;
    }
  }

  private async binary(): Promise<boolean> {
    const [left, op, right] = this.argv.slice(this.pos, this.pos + 3);
    this.pos += 3;
    if (ARITHMETIC.has(op)) {
      const l = integer(left);
      if (l === undefined) this.fail(`${left}: integer expression expected`);
      const r = integer(right);
      if (r === undefined) this.fail(`${right}: integer expression expected`);
      switch (op) {
        case "-eq":
          return l === r;
        case "-ne":
          return l !== r;
        case "-lt":
          return l < r;
        case "-le":
          return l <= r;
        case "-gt":
          return l > r;
        default:
          return l >= r;
      }
    }
    switch (op) {
      case "=":
      case "==":
        return left === right;
      case "!=":
        return left !== right;
      case "<":
        return Buffer.compare(Buffer.from(left), Buffer.from(right)) < 0;
      case ">":
        return Buffer.compare(Buffer.from(left), Buffer.from(right)) > 0;
    }
    const [a, b] = await Promise.all([left === "" ? undefined : this.world.stat(left), right === "" ? undefined : this.world.stat(right)]);
    switch (op) {
      case "-nt":
        return a !== undefined && (b === undefined || a.mtime.getTime() > b.mtime.getTime());
      case "-ot":
        return b !== undefined && (a === undefined || a.mtime.getTime() < b.mtime.getTime());
      default:
        return a !== undefined && b !== undefined && sameFile(a, b);
    }
  }
}

function sameFile(a: FsStat, b: FsStat): boolean {
  if (a.dev !== undefined && a.ino !== undefined && b.dev !== undefined && b.ino !== undefined) return a.dev === b.dev && a.ino === b.ino;
  return a.identity !== undefined && a.identity === b.identity;
}

/** Runs `test ARGS` (name `test`) or `[ ARGS ]` (name `[`): status 0 true, 1 false, 2 an error. */
export async function testCommand(name: "test" | "[", args: string[], world: TestWorld): Promise<ExecResult> {
  const error = (message: string): ExecResult => ({ stdout: "", stderr: `bash: ${name}: ${message}\n`, exitCode: 2 });
  let argv = args;
  if (name === "[") {
    if (argv[argv.length - 1] !== "]") return error("missing `]'");
    argv = argv.slice(0, -1);
  }
  try {
    const value = await new TestExpression(argv, world, name === "[").run();
    return { stdout: "", stderr: "", exitCode: value ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestSyntaxError) return error(e.message);
    throw e;
  }
}

/** A word's text when it has no expansion; `null`: one word whose text is known when it runs. */
type WordShape = string | null;

function partText(part: WordNode["parts"][number]): string | undefined {
  if (part.type === "Literal" || part.type === "SingleQuoted" || part.type === "Escaped") return part.value;
  // A glob with nothing to match but itself (`]`) names itself.
  if (part.type === "Glob" && !/[*?[]/.test(part.pattern)) return part.pattern;
  return undefined;
}

/** undefined: the word may expand to any number of words (unquoted expansions, `"$@"`, globs, braces). */
function wordShape(w: WordNode): WordShape | undefined {
  let text: string | null = "";
  for (const part of w.parts ?? [{ type: "BraceExpansion", items: [] }]) {
    const literal = partText(part);
    if (literal !== undefined) {
      if (text !== null) text += literal;
      continue;
    }
    if (part.type !== "DoubleQuoted") return undefined;
    for (const inner of part.parts) {
      const innerText = inner.type === "Literal" || inner.type === "Escaped" ? inner.value : undefined;
      if (innerText !== undefined) {
        if (text !== null) text += innerText;
        continue;
      }
      if (inner.type === "ParameterExpansion" && /^@$|\[@\]$/.test(inner.parameter)) return undefined;
      text = null;
    }
  }
  return text;
}

/** A written integer the builtin compares exactly (it reads integers as doubles). */
function exactDouble(shape: WordShape): boolean {
  const value = shape === null ? undefined : integer(shape);
  return value !== undefined && value <= 2n ** 53n && value >= -(2n ** 53n);
}

/**
 * Whether `[`/`test` with these (unexpanded) words needs bash's parse (the hook): false only for
 * forms whose outcome just-bash's builtin gets right for every value — a fixed number of words
 * and one argument, `-n`/`-z`/`!` and a word, or `=`/`==`/`!=` between two words (bash reads a
 * three-word test with a binary operator in the middle as that comparison, whatever the words
 * hold), or an integer comparison of two written integers.
 */
export function needsBashTest(words: WordNode[], bracket: boolean): boolean {
  const shapes = words.map(wordShape);
  if (shapes.some((s) => s === undefined)) return true;
  if (bracket && shapes.pop() !== "]") return true;
  const [first, op, right] = shapes as WordShape[];
  switch (shapes.length) {
    case 1:
      return false;
    case 2:
      return first !== "-n" && first !== "-z" && first !== "!";
    case 3:
      if (op === "=" || op === "==" || op === "!=") return false;
      return !(op !== null && ARITHMETIC.has(op) && exactDouble(first) && exactDouble(right));
    default:
      return true;
  }
}

function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function testHookCommands(fs: ShellFs, user: () => { uid: number; gid: number }): Command[] {
  const world = (ctx: ResolvedCommandContext): TestWorld => {
    const at = (path: string) => (path.startsWith("/") ? path : `${ctx.cwd === "/" ? "" : ctx.cwd}/${path}`);
    const { uid, gid } = user();
    return {
      stat: (path) => fs.stat(at(path)).catch(() => undefined),
      lstat: (path) => fs.lstat(at(path)).catch(() => undefined),
      allows: (path, access) => fs.allows(at(path), access),
      uid,
      gid,
      builtin: async (op, operand) => (await ctx.exec!(`builtin test ${op} ${quoted(operand)}`, { cwd: ctx.cwd })).exitCode === 0,
    };
  };
  return [...TEST_HOOKS].map(([name, hook]) => defineCommand(`__kc_${hook}`, async (args, ctx) => testCommand(name as "test" | "[", args, world(ctx))));
}
