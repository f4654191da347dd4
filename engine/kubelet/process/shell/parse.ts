/**
 * A parser for the shell scripts people put in container commands (`sh -c "…"`): lists, && and ||,
 * pipelines, while/until/for/if, { } and ( ) groups, assignments and redirections. It compiles to
 * a flat instruction list so a running script's position is plain data (it survives snapshots)
 * and the script can pause in `sleep` for clock time. Words are kept as written and expanded when
 * they run. Anything outside this grammar is reported as unsupported rather than guessed at.
 */
export interface Redirect {
  fd: number;
  op: ">" | ">>" | "<" | ">&";
  target: string;
}

export interface SimpleCommand {
  assigns: [string, string][];
  words: string[];
  redirects: Redirect[];
}

export type Instr =
  | { op: "run"; pipeline: SimpleCommand[]; negate?: boolean; background?: boolean }
  | { op: "jmp"; to: number }
  | { op: "jz"; to: number }
  | { op: "jnz"; to: number }
  | { op: "for-init"; var: string; words: string[] }
  | { op: "for-next"; to: number }
  | { op: "for-pop" };

export class UnsupportedShell extends Error {}

type Token = { t: "word"; v: string } | { t: "op"; v: string };

const OPERATORS = ["&&", "||", ";;", ">>", "2>&1", ">&2", "&>", ";", "|", "&", "(", ")", "<", ">", "\n"];

function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let word = "";
  let inWord = false;
  const flush = () => {
    if (inWord) tokens.push({ t: "word", v: word });
    word = "";
    inWord = false;
  };
  const readBalanced = (open: string, close: string): string => {
    // From src[i] (just past the opening), read to the matching close, honouring quotes.
    let depth = 1;
    let out = "";
    while (i < src.length && depth > 0) {
      const c = src[i];
      if (c === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new UnsupportedShell("unterminated quoted string");
        out += src.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      if (c === "\\") {
        out += src.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (src.startsWith(open, i)) depth++;
      else if (src.startsWith(close, i)) depth--;
      if (depth > 0) out += c;
      i++;
    }
    if (depth > 0) throw new UnsupportedShell(`unexpected end of file (expecting "${close}")`);
    return out;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "#" && !inWord) {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === " " || c === "\t") {
      flush();
      i++;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new UnsupportedShell("unterminated quoted string");
      word += src.slice(i, end + 1);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      const start = i;
      let j = i + 1;
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\\") {
          j += 2;
          continue;
        }
        if (src[j] === "$" && src[j + 1] === "(") {
          i = j + 2;
          readBalanced("(", ")");
          j = i;
          continue;
        }
        if (src[j] === "`") {
          const e = src.indexOf("`", j + 1);
          if (e < 0) throw new UnsupportedShell("unterminated backquote");
          j = e + 1;
          continue;
        }
        j++;
      }
      if (j >= src.length) throw new UnsupportedShell("unterminated quoted string");
      word += src.slice(start, j + 1);
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === "\\") {
      word += src.slice(i, i + 2);
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "$" && src[i + 1] === "(") {
      const arith = src[i + 2] === "(";
      i += arith ? 3 : 2;
      const inner = readBalanced("(", ")");
      if (arith) {
        if (src[i] !== ")") throw new UnsupportedShell("malformed arithmetic expansion");
        i++;
        word += `$((${inner.replace(/\)$/, "")}))`;
      } else word += `$(${inner})`;
      inWord = true;
      continue;
    }
    if (c === "$" && src[i + 1] === "{") {
      i += 2;
      word += `\${${readBalanced("{", "}")}}`;
      inWord = true;
      continue;
    }
    if (c === "`") {
      const end = src.indexOf("`", i + 1);
      if (end < 0) throw new UnsupportedShell("unterminated backquote");
      word += `$(${src.slice(i + 1, end)})`;
      inWord = true;
      i = end + 1;
      continue;
    }
    // A digit immediately before a redirection is its file descriptor (2>/dev/null).
    if (/[0-9]/.test(c) && !inWord && (src[i + 1] === ">" || src[i + 1] === "<")) {
      if (src.startsWith("2>&1", i)) {
        tokens.push({ t: "op", v: "2>&1" });
        i += 4;
        continue;
      }
      tokens.push({ t: "op", v: `${c}${src[i + 1]}${src[i + 2] === ">" ? ">" : ""}` });
      i += src[i + 2] === ">" ? 3 : 2;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op) {
      flush();
      tokens.push({ t: "op", v: op });
      i += op.length;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  flush();
  return tokens;
}

const KEYWORDS = new Set(["while", "until", "for", "if", "then", "elif", "else", "fi", "do", "done", "in", "{", "}", "!", "case", "esac", "function"]);

class Parser {
  private pos = 0;
  readonly code: Instr[] = [];
  /** Open loops: where `break` and `continue` go, and whether a for-stack entry must be popped. */
  private loops: { breaks: number[]; continueTo: number; isFor: boolean }[] = [];

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isWord(v: string): boolean {
    const t = this.peek();
    return t?.t === "word" && t.v === v;
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t?.t === "op" && t.v === v;
  }

  private skipNewlines(): void {
    while (this.isOp("\n") || this.isOp(";")) this.pos++;
  }

  private expectWord(v: string): void {
    this.skipNewlines();
    if (!this.isWord(v)) throw new UnsupportedShell(`syntax error: expected "${v}"`);
    this.pos++;
  }

  parseProgram(): Instr[] {
    this.list(new Set());
    if (this.pos < this.tokens.length) {
      const t = this.peek()!;
      throw new UnsupportedShell(`syntax error: unexpected "${t.v === "\n" ? "newline" : t.v}"`);
    }
    return this.code;
  }

  /** Parses and_or lists until one of the terminator keywords (not consumed). */
  private list(terminators: Set<string>): void {
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (!t) return;
      if (t.t === "word" && terminators.has(t.v)) return;
      if (t.t === "op" && t.v === ")") return;
      this.andOr();
      if (this.isOp("&")) {
        const last = this.code[this.code.length - 1];
        if (last?.op === "run") last.background = true;
        this.pos++;
      }
    }
  }

  private andOr(): void {
    this.pipeline();
    const jumps: Instr[] = [];
    while (this.isOp("&&") || this.isOp("||")) {
      const op = (this.peek() as { v: string }).v;
      this.pos++;
      while (this.isOp("\n")) this.pos++;
      const jump: Instr = op === "&&" ? { op: "jnz", to: -1 } : { op: "jz", to: -1 };
      this.code.push(jump);
      jumps.push(jump);
      this.pipeline();
    }
    for (const j of jumps) (j as { to: number }).to = this.code.length;
  }

  private pipeline(): void {
    let negate = false;
    if (this.isWord("!")) {
      negate = true;
      this.pos++;
    }
    const t = this.peek();
    if (t?.t === "word" && ["while", "until", "for", "if", "{", "break", "continue"].includes(t.v)) {
      if (negate) throw new UnsupportedShell("negated compound commands are not simulated");
      this.compound(t.v);
      return;
    }
    if (this.isOp("(")) {
      this.pos++;
      this.list(new Set());
      if (!this.isOp(")")) throw new UnsupportedShell('syntax error: expected ")"');
      this.pos++;
      return;
    }
    const pipeline: SimpleCommand[] = [this.simple()];
    while (this.isOp("|")) {
      this.pos++;
      while (this.isOp("\n")) this.pos++;
      pipeline.push(this.simple());
    }
    this.code.push({ op: "run", pipeline, ...(negate ? { negate } : {}) });
  }

  private simple(): SimpleCommand {
    const cmd: SimpleCommand = { assigns: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.t === "op") {
        const redirect = /^([0-9]?)(>>|>|<)$/.exec(t.v) ?? (t.v === "&>" ? ["", "1", ">"] : undefined);
        if (t.v === "2>&1" || t.v === ">&2") {
          cmd.redirects.push({ fd: t.v === "2>&1" ? 2 : 1, op: ">&", target: t.v === "2>&1" ? "1" : "2" });
          this.pos++;
          continue;
        }
        if (redirect) {
          this.pos++;
          const target = this.peek();
          if (target?.t !== "word") throw new UnsupportedShell("syntax error: redirection without a target");
          this.pos++;
          const fd = redirect[1] ? Number(redirect[1]) : redirect[2] === "<" ? 0 : 1;
          cmd.redirects.push({ fd, op: redirect[2] as Redirect["op"], target: target.v });
          if (t.v === "&>") cmd.redirects.push({ fd: 2, op: ">&", target: "1" });
          continue;
        }
        break;
      }
      if (cmd.words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.v)) {
        const eq = t.v.indexOf("=");
        cmd.assigns.push([t.v.slice(0, eq), t.v.slice(eq + 1)]);
        this.pos++;
        continue;
      }
      if (cmd.words.length === 0 && KEYWORDS.has(t.v) && t.v !== "!" && t.v !== "{") {
        if (t.v === "case" || t.v === "function") throw new UnsupportedShell(`"${t.v}" is not simulated in container commands yet`);
        break;
      }
      if (cmd.words.length === 0 && this.tokens[this.pos + 1]?.t === "op" && this.tokens[this.pos + 1].v === "(" && this.tokens[this.pos + 2]?.v === ")") {
        throw new UnsupportedShell("shell functions are not simulated in container commands yet");
      }
      cmd.words.push(t.v);
      this.pos++;
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      const t = this.peek();
      throw new UnsupportedShell(`syntax error: unexpected "${t ? (t.v === "\n" ? "newline" : t.v) : "end of file"}"`);
    }
    return cmd;
  }

  private compound(kind: string): void {
    this.pos++;
    switch (kind) {
      case "{": {
        this.list(new Set(["}"]));
        this.expectWord("}");
        return;
      }
      case "break":
      case "continue": {
        const loop = this.loops[this.loops.length - 1];
        if (this.peek()?.t === "word" && /^\d+$/.test((this.peek() as { v: string }).v)) this.pos++;
        if (!loop) return;
        if (kind === "continue") {
          this.code.push({ op: "jmp", to: loop.continueTo });
          return;
        }
        if (loop.isFor) this.code.push({ op: "for-pop" });
        const jump: Instr = { op: "jmp", to: -1 };
        loop.breaks.push(this.code.length);
        this.code.push(jump);
        return;
      }
      case "while":
      case "until": {
        const top = this.code.length;
        this.list(new Set(["do"]));
        this.expectWord("do");
        const exit: Instr = kind === "while" ? { op: "jnz", to: -1 } : { op: "jz", to: -1 };
        this.code.push(exit);
        this.loops.push({ breaks: [], continueTo: top, isFor: false });
        this.list(new Set(["done"]));
        this.expectWord("done");
        this.code.push({ op: "jmp", to: top });
        const loop = this.loops.pop()!;
        (exit as { to: number }).to = this.code.length;
        for (const b of loop.breaks) (this.code[b] as { to: number }).to = this.code.length;
        return;
      }
      case "for": {
        const name = this.peek();
        if (name?.t !== "word") throw new UnsupportedShell("syntax error: bad for loop variable");
        this.pos++;
        const words: string[] = [];
        while (this.isOp("\n")) this.pos++;
        if (this.isWord("in")) {
          this.pos++;
          while (this.peek()?.t === "word" && !this.isWord("do")) {
            words.push((this.peek() as { v: string }).v);
            this.pos++;
          }
        } else words.push('"$@"');
        this.code.push({ op: "for-init", var: name.v, words });
        const top = this.code.length;
        const next: Instr = { op: "for-next", to: -1 };
        this.code.push(next);
        this.expectWord("do");
        this.loops.push({ breaks: [], continueTo: top, isFor: true });
        this.list(new Set(["done"]));
        this.expectWord("done");
        this.code.push({ op: "jmp", to: top });
        const loop = this.loops.pop()!;
        (next as { to: number }).to = this.code.length;
        for (const b of loop.breaks) (this.code[b] as { to: number }).to = this.code.length;
        return;
      }
      case "if": {
        const ends: Instr[] = [];
        for (;;) {
          this.list(new Set(["then"]));
          this.expectWord("then");
          const skip: Instr = { op: "jnz", to: -1 };
          this.code.push(skip);
          this.list(new Set(["elif", "else", "fi"]));
          const end: Instr = { op: "jmp", to: -1 };
          this.code.push(end);
          ends.push(end);
          (skip as { to: number }).to = this.code.length;
          this.skipNewlines();
          if (this.isWord("elif")) {
            this.pos++;
            continue;
          }
          if (this.isWord("else")) {
            this.pos++;
            this.list(new Set(["fi"]));
          }
          this.expectWord("fi");
          break;
        }
        for (const e of ends) (e as { to: number }).to = this.code.length;
        return;
      }
    }
  }
}

const cache = new Map<string, Instr[]>();

/** Compiles a script (cached by text); throws UnsupportedShell with a message for what it cannot run. */
export function compileScript(source: string): Instr[] {
  let code = cache.get(source);
  if (!code) {
    code = new Parser(lex(source)).parseProgram();
    if (cache.size > 500) cache.clear();
    cache.set(source, code);
  }
  return code;
}
