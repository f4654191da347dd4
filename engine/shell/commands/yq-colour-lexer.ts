/**
 * The tokens of goccy/go-yaml's lexer (v1.19.2, the one yq v4.53 colours with), as far as its
 * printer needs them: each token's kind and its origin, the source text it was cut from. The origin
 * carries the whitespace and line breaks before the token (and, for a plain scalar ended by a line
 * break, the break after it), and yq's colours wrap each line of an origin, so where the scanner
 * puts a space or a line break shows in the bytes: `key:\x1b[32m value\x1b[0m`, or an empty
 * `\x1b[36m\x1b[0m` before a line break that opens a key's origin. The scanning below follows
 * go-yaml's scanner step for step (its state, its buffers, the order of its checks) for that reason;
 * only positions no colour depends on (offsets, indent levels) are left out.
 */
export type TokenKind =
  | "string"
  | "singleQuote"
  | "doubleQuote"
  | "bool"
  | "null"
  | "integer"
  | "float"
  | "binaryInteger"
  | "octetInteger"
  | "hexInteger"
  | "infinity"
  | "nan"
  | "mappingKey"
  | "mappingValue"
  | "sequenceEntry"
  | "collectEntry"
  | "sequenceStart"
  | "sequenceEnd"
  | "mappingStart"
  | "mappingEnd"
  | "comment"
  | "anchor"
  | "alias"
  | "tag"
  | "literal"
  | "folded"
  | "directive"
  | "mergeKey"
  | "documentHeader"
  | "documentEnd"
  | "invalid";

export interface Token {
  kind: TokenKind;
  value: string;
  origin: string;
  column: number;
}

const NULL_WORDS = new Set(["null", "Null", "NULL", "~"]);
const BOOL_WORDS = new Set(["true", "True", "TRUE", "false", "False", "FALSE"]);
const INF_WORDS = new Set([".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF"]);
const NAN_WORDS = new Set([".nan", ".NaN", ".NAN"]);
const RESERVED_TAGS = new Set(["!!int", "!!float", "!!null", "!!seq", "!!map", "!!str", "!!binary", "!!omap", "!!set", "!!timestamp", "!!bool", "!!merge"]);

const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };
const PREFIX: Record<number, string> = { 2: "0b", 8: "0o", 10: "", 16: "0x" };
/** What Go's strconv.ParseFloat accepts for a text with one dot (no hex float reaches it here). */
const GO_FLOAT = /^[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/** token.ToNumber's kind of number, or undefined when the text is not one go-yaml reads. */
function numberKind(value: string): TokenKind | undefined {
  if (value === "" || value.startsWith("_")) return undefined;
  const dots = value.split(".").length - 1;
  if (dots > 1) return undefined;
  const negative = value.startsWith("-");
  let normalized = value.replace(/^\+/, "").replace(/^-/, "").replaceAll("_", "");
  let base = 10;
  let kind: TokenKind = "integer";
  if (normalized.startsWith("0x")) [normalized, base, kind] = [normalized.slice(2), 16, "hexInteger"];
  else if (normalized.startsWith("0o")) [normalized, base, kind] = [normalized.slice(2), 8, "octetInteger"];
  else if (normalized.startsWith("0b")) [normalized, base, kind] = [normalized.slice(2), 2, "binaryInteger"];
  else if (normalized.startsWith("0") && normalized.length > 1 && dots === 0) [base, kind] = [8, "octetInteger"];
  else if (dots === 1) kind = "float";
  const text = negative ? `-${normalized}` : normalized;
  if (kind === "float") return GO_FLOAT.test(text) ? "float" : undefined;
  if (!DIGITS[base].test(normalized)) return undefined;
  const n = BigInt(`${negative ? "-" : ""}${PREFIX[base] ? PREFIX[base] : ""}${normalized}`.replace(/^-(0[xob])/, "-$1"));
  if (negative ? n < I64_MIN : n > U64_MAX) return undefined;
  return kind;
}

/** token.New: a reserved word, a number, or a string. */
function plainKind(value: string): TokenKind {
  if (NULL_WORDS.has(value)) return "null";
  if (BOOL_WORDS.has(value)) return "bool";
  if (INF_WORDS.has(value)) return "infinity";
  if (NAN_WORDS.has(value)) return "nan";
  return numberKind(value) ?? "string";
}

class InvalidToken extends Error {
  constructor(readonly origin: string) {
    super("invalid token");
  }
}

interface MultiLine {
  opt: string;
  firstLineIndentColumn: number;
  prevLineIndentColumn: number;
  lineIndentColumn: number;
  lastNotSpaceOnlyLineIndentColumn: number;
  spaceOnlyIndentColumn: number;
  foldedNewLine: boolean;
  isRawFolded: boolean;
  isLiteral: boolean;
}

function multiLine(lastDelimColumn: number, opt: string, isLiteral: boolean): MultiLine {
  const state: MultiLine = { opt, firstLineIndentColumn: 0, prevLineIndentColumn: 0, lineIndentColumn: 0, lastNotSpaceOnlyLineIndentColumn: 0, spaceOnlyIndentColumn: 0, foldedNewLine: false, isRawFolded: false, isLiteral };
  const indent = indentByOpt(opt);
  if (indent > 0) state.firstLineIndentColumn = lastDelimColumn + indent;
  return state;
}

function indentByOpt(opt: string): number {
  const digits = opt.replace(/^[-+]/, "").replace(/[-+]$/, "");
  return /^\d+$/.test(digits) ? Number(digits) : 0;
}

function updateIndentColumn(state: MultiLine, column: number): void {
  if (state.firstLineIndentColumn === 0) state.firstLineIndentColumn = column;
  if (state.lineIndentColumn === 0) state.lineIndentColumn = column;
}

const trimsAllEndNewlines = (s: MultiLine) => s.opt.startsWith("-") || s.opt.endsWith("-") || s.isRawFolded;
const keepsAllEndNewlines = (s: MultiLine) => s.opt.startsWith("+") || s.opt.endsWith("+");

/** The scanner's per-run buffers (scanner/context.go). */
class Context {
  idx = 0;
  buf: string[] = [];
  obuf: string[] = [];
  notSpaceCharPos = 0;
  notSpaceOrgCharPos = 0;
  tokens: Token[] = [];
  mstate: MultiLine | undefined;

  constructor(readonly src: string[]) {}

  get size(): number {
    return this.src.length;
  }

  resetBuffer(): void {
    this.buf = [];
    this.obuf = [];
    this.notSpaceCharPos = 0;
    this.notSpaceOrgCharPos = 0;
  }

  clear(): void {
    this.resetBuffer();
    this.mstate = undefined;
  }

  addBuf(r: string): void {
    if (this.buf.length === 0 && (r === " " || r === "\t")) return;
    this.buf.push(r);
    if (r !== " " && r !== "\t") this.notSpaceCharPos = this.buf.length;
  }

  addBufWithTab(r: string): void {
    if (this.buf.length === 0 && r === " ") return;
    this.buf.push(r);
    if (r !== " ") this.notSpaceCharPos = this.buf.length;
  }

  addOriginBuf(r: string): void {
    this.obuf.push(r);
    if (r !== " " && r !== "\t") this.notSpaceOrgCharPos = this.obuf.length;
  }

  removeRightSpaceFromBuf(): void {
    if (this.obuf.length > this.notSpaceOrgCharPos) {
      this.obuf = this.obuf.slice(0, this.notSpaceOrgCharPos);
      this.buf = this.bufferedSrc();
    }
  }

  isEOS(): boolean {
    return this.src.length - 1 <= this.idx;
  }

  isNextEOS(): boolean {
    return this.src.length <= this.idx + 1;
  }

  next(): boolean {
    return this.idx < this.size;
  }

  source(s: number, e: number): string {
    return this.src.slice(s, e).join("");
  }

  previousChar(): string {
    return this.idx > 0 ? this.src[this.idx - 1] : "\0";
  }

  currentChar(): string {
    return this.size > this.idx ? this.src[this.idx] : "\0";
  }

  nextChar(): string {
    return this.size > this.idx + 1 ? this.src[this.idx + 1] : "\0";
  }

  repeatNum(r: string): number {
    let count = 0;
    for (let i = this.idx; i < this.size && this.src[i] === r; i++) count++;
    return count;
  }

  existsBuffer(): boolean {
    return this.bufferedSrc().length !== 0;
  }

  bufferedSrc(): string[] {
    let src = this.buf.slice(0, this.notSpaceCharPos);
    const state = this.mstate;
    if (state) {
      let text = src.join("");
      if (trimsAllEndNewlines(state)) text = text.replace(/\n+$/, "");
      else if (!keepsAllEndNewlines(state)) text = text.replace(/\n+$/, (m) => (m.length > 0 ? "\n" : ""));
      if (trimsAllEndNewlines(state)) text = text.replace(/ +$/, "");
      if (text === "\n") text = "";
      if (keepsAllEndNewlines(state) && text === "") text = "\n";
      src = [...text];
    }
    return src;
  }

  lastToken(): Token | undefined {
    return this.tokens[this.tokens.length - 1];
  }

  /** Context.bufferedToken: the buffered text as a token, or nothing when it is blank. */
  bufferedToken(column: number): Token | undefined {
    if (this.idx === 0) return undefined;
    const source = this.bufferedSrc().join("");
    if (source.length === 0) {
      this.buf = [];
      return undefined;
    }
    const origin = this.obuf.join("");
    let kind: TokenKind = this.mstate ? "string" : plainKind(source);
    const last = this.lastToken();
    if (last?.kind === "tag" && !RESERVED_TAGS.has(last.value)) kind = "string";
    this.resetBuffer();
    return { kind, value: source, origin, column };
  }

  addToken(token: Token | undefined): void {
    if (token) this.tokens.push(token);
  }
}

const isNewLineChar = (c: string) => c === "\n" || c === "\r";

/** scanner.Scanner: the state kept across one text. */
class Scanner {
  private sourcePos = 0;
  private line = 1;
  private column = 1;
  private lastDelimColumn = 0;
  private indentNum = 0;
  private isFirstCharAtLine = true;
  private isAnchor = false;
  private isAlias = false;
  private isDirective = false;
  private startedFlowSequenceNum = 0;
  private startedFlowMapNum = 0;
  private indentState: "equal" | "up" | "down" | "keep" = "equal";
  private savedColumn: number | undefined;

  constructor(private readonly source: string[]) {}

  /** lexer.Tokenize: every token, an invalid one where scanning stopped and then went on. */
  tokenize(): Token[] {
    const tokens: Token[] = [];
    while (this.sourcePos < this.source.length) {
      const start = this.sourcePos;
      const ctx = new Context(this.source.slice(this.sourcePos));
      try {
        this.scan(ctx);
        tokens.push(...ctx.tokens);
      } catch (err) {
        if (!(err instanceof InvalidToken)) throw err;
        tokens.push(...ctx.tokens, { kind: "invalid", value: "", origin: err.origin, column: this.column });
        if (this.sourcePos === start) break;
      }
    }
    return tokens;
  }

  private progressColumn(ctx: Context, n: number): void {
    this.column += n;
    this.progress(ctx, n);
  }

  private progressLine(ctx: Context): void {
    this.column = 1;
    this.line++;
    this.indentNum = 0;
    this.isFirstCharAtLine = true;
    this.isAnchor = false;
    this.isAlias = false;
    this.isDirective = false;
    this.progress(ctx, 1);
  }

  private progress(ctx: Context, n: number): void {
    ctx.idx += n;
    this.sourcePos += n;
  }

  private bufferedToken(ctx: Context): Token | undefined {
    if (this.savedColumn !== undefined) {
      const column = this.savedColumn;
      this.savedColumn = undefined;
      return ctx.bufferedToken(column);
    }
    let column = this.column - ctx.buf.length;
    if (ctx.mstate) column = ctx.obuf.join("").indexOf(ctx.buf.join("")) + 1;
    return ctx.bufferedToken(column);
  }

  private addBufferedTokenIfExists(ctx: Context): void {
    ctx.addToken(this.bufferedToken(ctx));
  }

  private invalid(ctx: Context): InvalidToken {
    return new InvalidToken(ctx.obuf.join(""));
  }

  private updateIndent(c: string): void {
    if (this.isFirstCharAtLine && isNewLineChar(c)) return;
    if (this.isFirstCharAtLine && c === " ") {
      this.indentNum++;
      return;
    }
    if (this.isFirstCharAtLine && c === "\t") return;
    if (!this.isFirstCharAtLine) {
      this.indentState = "keep";
      return;
    }
    if (this.lastDelimColumn !== 0) this.indentState = this.lastDelimColumn < this.column ? "up" : "down";
    this.isFirstCharAtLine = false;
  }

  private scanQuoted(ctx: Context, quote: "'" | '"'): Token {
    ctx.addOriginBuf(quote);
    const column = this.column;
    const src = ctx.src;
    let isFirstLineChar = false;
    let isNewLine = false;
    for (let idx = ctx.idx + 1; idx < src.length; idx++) {
      if (!isNewLine) this.progressColumn(ctx, 1);
      else isNewLine = false;
      const c = src[idx];
      ctx.addOriginBuf(c);
      if (isNewLineChar(c)) {
        isFirstLineChar = true;
        isNewLine = true;
        this.progressLine(ctx);
        if (idx + 1 < src.length && documentSeparatorAt(src, idx + 1)) throw this.invalid(ctx);
        continue;
      }
      if (isFirstLineChar && (c === " " || c === "\t")) continue;
      if (quote === "'") {
        if (c !== "'") {
          isFirstLineChar = false;
          continue;
        }
        if (idx + 1 < src.length && src[idx + 1] === "'") {
          ctx.addOriginBuf(c);
          idx++;
          this.progressColumn(ctx, 1);
          continue;
        }
      } else if (c === "\\") {
        isFirstLineChar = false;
        if (idx + 1 >= src.length) continue;
        const next = src[idx + 1];
        let progress = 0;
        if ("0abtnvfre \"/\\N_LP\t".includes(next)) {
          progress = 1;
          ctx.addOriginBuf(next);
        } else if (next === "x") {
          // go-yaml leaves the hex digits (and the x) out of the origin.
          if (idx + 3 >= src.length) {
            progress = 1;
            ctx.addOriginBuf(next);
          } else progress = 3;
        } else if (next === "u") {
          if (idx + 5 >= src.length) throw this.invalid(ctx);
          progress = 5;
          const code = parseInt(src.slice(idx + 2, idx + 6).join(""), 16);
          if (code >= 0xd800 && code <= 0xdbff) {
            if (idx + 11 >= src.length || src[idx + 6] !== "\\" || src[idx + 7] !== "u") throw this.invalid(ctx);
            progress += 6;
          }
        } else if (next === "U") {
          if (idx + 9 >= src.length) throw this.invalid(ctx);
          progress = 9;
        } else if (next === "\n") {
          isFirstLineChar = true;
          isNewLine = true;
          ctx.addOriginBuf(next);
          this.progressColumn(ctx, 1);
          this.progressLine(ctx);
          idx++;
          continue;
        } else if (next === "\r") {
          isFirstLineChar = true;
          isNewLine = true;
          ctx.addOriginBuf(next);
          this.progressLine(ctx);
          progress = 1;
          if (idx + 2 < src.length && src[idx + 2] === "\n") {
            ctx.addOriginBuf("\n");
            progress = 2;
          }
        } else {
          this.progressColumn(ctx, 1);
          throw this.invalid(ctx);
        }
        idx += progress;
        this.progressColumn(ctx, progress);
        continue;
      } else if (c === "\t") {
        let found = false;
        let progress = 0;
        for (let i = idx + 1; i < src.length; i++) {
          if (src[i] === " " || src[i] === "\t") {
            progress++;
            continue;
          }
          if (isNewLineChar(src[i])) break;
          found = true;
        }
        if (found) {
          if (src[idx + 1] !== '"') this.progressColumn(ctx, 1);
        } else {
          idx += progress;
          this.progressColumn(ctx, progress);
        }
        continue;
      } else if (c !== '"') {
        isFirstLineChar = false;
        continue;
      }
      this.progressColumn(ctx, 1);
      return { kind: quote === "'" ? "singleQuote" : "doubleQuote", value: "", origin: ctx.obuf.join(""), column };
    }
    this.progressColumn(ctx, 1);
    throw this.invalid(ctx);
  }

  private scanWhiteSpace(ctx: Context): boolean {
    if (ctx.mstate) return false;
    if (!this.isAnchor && !this.isDirective && !this.isAlias && !this.isFirstCharAtLine) return false;
    if (this.isFirstCharAtLine) {
      this.progressColumn(ctx, 1);
      ctx.addOriginBuf(" ");
      return true;
    }
    if (this.isDirective) {
      this.addBufferedTokenIfExists(ctx);
      this.progressColumn(ctx, 1);
      ctx.addOriginBuf(" ");
      return true;
    }
    // After an anchor or alias name the space goes into no token's origin.
    this.addBufferedTokenIfExists(ctx);
    this.isAnchor = false;
    this.isAlias = false;
    return true;
  }

  private isMergeKey(ctx: Context): boolean {
    if (ctx.repeatNum("<") !== 2) return false;
    const src = ctx.src;
    for (let idx = ctx.idx + 2; idx < src.length; idx++) {
      const c = src[idx];
      if (c === " ") continue;
      if (c !== ":") return false;
      if (idx + 1 < src.length && (src[idx + 1] === " " || isNewLineChar(src[idx + 1]))) return true;
    }
    return false;
  }

  private scanTag(ctx: Context): boolean {
    if (ctx.existsBuffer() || this.isDirective) return false;
    ctx.addOriginBuf("!");
    this.progress(ctx, 1);
    let progress = 0;
    // Indexes from ctx.idx (go-yaml ranges over the rest of the source; a slice would cost its length).
    const start = ctx.idx;
    for (let idx = 0; start + idx < ctx.size; idx++) {
      const c = ctx.src[start + idx];
      progress = idx + 1;
      const tag = (endIdx: number) => ctx.source(ctx.idx - 1, ctx.idx + endIdx);
      if (c === " ") {
        ctx.addOriginBuf(c);
        const value = tag(idx);
        ctx.addToken({ kind: "tag", value, origin: ctx.obuf.join(""), column: this.column });
        this.progressColumn(ctx, [...value].length);
        ctx.clear();
        return true;
      }
      if (c === ",") {
        if (this.startedFlowSequenceNum > 0 || this.startedFlowMapNum > 0) {
          const value = tag(idx);
          ctx.addToken({ kind: "tag", value, origin: ctx.obuf.join(""), column: this.column });
          this.progressColumn(ctx, [...value].length - 1);
          ctx.clear();
          return true;
        }
        ctx.addOriginBuf(c);
      } else if (c === "\n" || c === "\r") {
        ctx.addOriginBuf(c);
        const value = tag(idx);
        ctx.addToken({ kind: "tag", value, origin: ctx.obuf.join(""), column: this.column });
        this.progressColumn(ctx, [...value].length - 1);
        ctx.clear();
        return true;
      } else if (c === "{" || c === "}") {
        ctx.addOriginBuf(c);
        this.progressColumn(ctx, progress);
        throw this.invalid(ctx);
      } else ctx.addOriginBuf(c);
    }
    this.progressColumn(ctx, progress);
    ctx.clear();
    return true;
  }

  private scanComment(ctx: Context): boolean {
    if (ctx.existsBuffer()) {
      const c = ctx.previousChar();
      if (c !== " " && c !== "\t" && !isNewLineChar(c)) return false;
    }
    this.addBufferedTokenIfExists(ctx);
    ctx.addOriginBuf("#");
    this.progress(ctx, 1);
    const start = ctx.idx;
    for (let idx = 0; start + idx < ctx.size; idx++) {
      const c = ctx.src[start + idx];
      ctx.addOriginBuf(c);
      if (!isNewLineChar(c)) continue;
      if (ctx.previousChar() === "\\") continue;
      const value = ctx.source(ctx.idx, ctx.idx + idx);
      ctx.addToken({ kind: "comment", value, origin: ctx.obuf.join(""), column: this.column });
      this.progressColumn(ctx, [...value].length);
      this.progressLine(ctx);
      ctx.clear();
      return true;
    }
    const value = ctx.source(start, ctx.size);
    ctx.addToken({ kind: "comment", value, origin: ctx.obuf.join(""), column: this.column });
    this.progressColumn(ctx, ctx.size - start);
    this.progressLine(ctx);
    ctx.clear();
    return true;
  }

  private scanMultiLine(ctx: Context, ch: string): void {
    const state = ctx.mstate!;
    let c = ch;
    ctx.addOriginBuf(c);
    if (c === "\r") {
      if (ctx.nextChar() === "\n") {
        ctx.addOriginBuf("\n");
        this.progress(ctx, 1);
      }
      c = "\n";
    }
    if (ctx.isEOS()) {
      if (this.isFirstCharAtLine && c === " ") addIndent(state, ctx, this.column);
      else ctx.addBuf(c);
      updateIndentColumn(state, this.column);
      if (indentByOpt(state.opt) !== 0 && state.firstLineIndentColumn > state.lineIndentColumn) {
        this.progressColumn(ctx, 1);
        throw this.invalid(ctx);
      }
      ctx.addToken({ kind: "string", value: ctx.bufferedSrc().join(""), origin: ctx.obuf.join(""), column: this.column });
      ctx.clear();
      this.progressColumn(ctx, 1);
    } else if (isNewLineChar(c)) {
      ctx.addBuf(c);
      if (state.firstLineIndentColumn === 0) state.spaceOnlyIndentColumn = this.column - 1;
      state.prevLineIndentColumn = state.lineIndentColumn;
      if (state.lineIndentColumn !== 0) state.lastNotSpaceOnlyLineIndentColumn = state.lineIndentColumn;
      state.foldedNewLine = true;
      state.lineIndentColumn = 0;
      this.progressLine(ctx);
      if (ctx.next() && documentSeparatorAt(ctx.src, ctx.idx)) {
        ctx.addToken({ kind: "string", value: ctx.bufferedSrc().join(""), origin: ctx.obuf.join(""), column: this.column });
        ctx.clear();
      }
    } else if (this.isFirstCharAtLine && c === " ") {
      addIndent(state, ctx, this.column);
      this.progressColumn(ctx, 1);
    } else if (this.isFirstCharAtLine && c === "\t" && isIndentColumn(state, this.column)) {
      this.progressColumn(ctx, 1);
      throw this.invalid(ctx);
    } else if (c === "\t" && !isIndentColumn(state, this.column)) {
      ctx.addBufWithTab(c);
      this.progressColumn(ctx, 1);
    } else {
      if (state.firstLineIndentColumn === 0 && state.spaceOnlyIndentColumn > this.column) {
        this.progressColumn(ctx, 1);
        throw this.invalid(ctx);
      }
      updateIndentColumn(state, this.column);
      if (indentByOpt(state.opt) !== 0 && state.firstLineIndentColumn > state.lineIndentColumn) {
        this.progressColumn(ctx, 1);
        throw this.invalid(ctx);
      }
      if (state.firstLineIndentColumn > 1) this.lastDelimColumn = state.firstLineIndentColumn - 1;
      updateNewLineInFolded(state, ctx, this.column);
      ctx.addBufWithTab(c);
      this.progressColumn(ctx, 1);
    }
  }

  private scanNewLine(ctx: Context, ch: string): void {
    let c = ch;
    if (ctx.buf.length > 0 && this.savedColumn === undefined) this.savedColumn = this.column - ctx.bufferedSrc().length;
    ctx.removeRightSpaceFromBuf();
    if (c === "\r" && ctx.nextChar() === "\n") {
      ctx.addOriginBuf("\r");
      this.progress(ctx, 1);
      c = "\n";
    }
    if (ctx.isEOS()) this.addBufferedTokenIfExists(ctx);
    else if (this.isAnchor || this.isAlias || this.isDirective) this.addBufferedTokenIfExists(ctx);
    if (ctx.existsBuffer() && this.isFirstCharAtLine) {
      if (ctx.buf[ctx.buf.length - 1] === " ") ctx.buf[ctx.buf.length - 1] = "\n";
      else ctx.buf.push("\n");
    } else ctx.addBuf(" ");
    ctx.addOriginBuf(c);
    this.progressLine(ctx);
  }

  private isFlowMode(): boolean {
    return this.startedFlowSequenceNum > 0 || this.startedFlowMapNum > 0;
  }

  /** A one-character token ({ } [ ] ,) that first ends any buffered scalar. */
  private indicator(ctx: Context, c: string, kind: TokenKind): void {
    this.addBufferedTokenIfExists(ctx);
    ctx.addOriginBuf(c);
    ctx.addToken({ kind, value: c, origin: ctx.obuf.join(""), column: this.column });
    this.progressColumn(ctx, 1);
    ctx.clear();
  }

  private scanMapDelim(ctx: Context): boolean {
    const nc = ctx.nextChar();
    if (this.isDirective || this.isAnchor || this.isAlias) return false;
    if (this.startedFlowMapNum <= 0 && nc !== " " && nc !== "\t" && !isNewLineChar(nc) && !ctx.isNextEOS()) return false;
    if (this.startedFlowMapNum > 0 && nc === "/") return false;
    if (this.startedFlowMapNum > 0 && ctx.lastToken()?.kind === "mappingValue") return false;
    const origin = ctx.obuf.join("");
    if (origin.replace(/^ /, "").startsWith("\t") && !ctx.buf.join("").startsWith("\t")) {
      this.progressColumn(ctx, 1);
      throw this.invalid(ctx);
    }
    const token = this.bufferedToken(ctx);
    if (token) {
      this.lastDelimColumn = token.column;
      ctx.addToken(token);
    } else {
      const last = ctx.lastToken();
      if (last && (last.kind === "singleQuote" || last.kind === "doubleQuote")) this.lastDelimColumn = last.column;
    }
    ctx.addToken({ kind: "mappingValue", value: ":", origin: ":", column: this.column });
    this.progressColumn(ctx, 1);
    ctx.clear();
    return true;
  }

  private scanDocumentMarker(ctx: Context, c: "-" | "."): boolean {
    if (this.indentNum !== 0 || this.column !== 1 || ctx.repeatNum(c) !== 3) return false;
    if (c === "-" && ctx.size > ctx.idx + 3 && !" \t\n\r".includes(ctx.src[ctx.idx + 3])) return false;
    this.addBufferedTokenIfExists(ctx);
    const marker = c.repeat(3);
    ctx.addToken({ kind: c === "-" ? "documentHeader" : "documentEnd", value: marker, origin: ctx.obuf.join("") + marker, column: this.column });
    this.progressColumn(ctx, 3);
    ctx.clear();
    if (c === "-") {
      this.lastDelimColumn = 0;
      this.indentNum = 0;
    }
    return true;
  }

  private scanSequence(ctx: Context): boolean {
    if (ctx.existsBuffer()) return false;
    const nc = ctx.nextChar();
    if (nc !== "\0" && nc !== " " && nc !== "\t" && !isNewLineChar(nc)) return false;
    if (ctx.obuf.join("").replace(/^ /, "").startsWith("\t")) {
      this.progressColumn(ctx, 1);
      throw this.invalid(ctx);
    }
    this.addBufferedTokenIfExists(ctx);
    ctx.addOriginBuf("-");
    this.lastDelimColumn = this.column;
    ctx.addToken({ kind: "sequenceEntry", value: "-", origin: ctx.obuf.join(""), column: this.column });
    this.progressColumn(ctx, 1);
    ctx.clear();
    return true;
  }

  private scanMultiLineHeader(ctx: Context): boolean {
    if (ctx.existsBuffer()) return false;
    const header = ctx.currentChar();
    ctx.addOriginBuf(header);
    this.progress(ctx, 1);
    let progress = 0;
    let crlf = false;
    const start = ctx.idx;
    for (let idx = 0; start + idx < ctx.size; idx++) {
      const c = ctx.src[start + idx];
      progress = idx;
      ctx.addOriginBuf(c);
      if (isNewLineChar(c)) {
        if (c === "\r" && ctx.src[start + idx + 1] === "\n") {
          crlf = true;
          continue;
        }
        break;
      }
    }
    const value = ctx.source(ctx.idx, ctx.idx + progress - (crlf ? 1 : 0)).replace(/ +$/, "");
    const commentValueIndex = value.indexOf("#");
    const opt = (commentValueIndex > 0 ? value.slice(0, commentValueIndex) : value).replace(/[ \t]+$/, "");
    if (opt !== "" && !validHeaderOption(opt)) {
      this.progressColumn(ctx, progress);
      throw this.invalid(ctx);
    }
    if (this.column === 1) this.lastDelimColumn = 1;
    const origin = ctx.obuf.join("");
    const commentIndex = origin.indexOf("#");
    const headerBuf = commentIndex > 0 ? origin.slice(0, commentIndex) : origin;
    ctx.addToken({ kind: header === "|" ? "literal" : "folded", value: header + opt, origin: headerBuf, column: this.column });
    ctx.mstate = multiLine(this.lastDelimColumn, opt, header === "|");
    if (commentIndex > 0) {
      this.column += headerBuf.length;
      ctx.addToken({ kind: "comment", value: value.slice(commentValueIndex + 1), origin: origin.slice(headerBuf.length), column: this.column });
    }
    this.indentState = "keep";
    ctx.resetBuffer();
    this.progressColumn(ctx, progress);
    this.progressLine(ctx);
    return true;
  }

  /** `&`, `*`, `%`, `?`: a token of the indicator alone when nothing is buffered. */
  private scanPrefixed(ctx: Context, c: string, kind: TokenKind): boolean {
    if (ctx.existsBuffer()) return false;
    if (kind === "directive" && this.indentNum !== 0) return false;
    if (kind === "mappingKey") {
      const nc = ctx.nextChar();
      if (nc !== " " && nc !== "\t") return false;
      this.lastDelimColumn = this.column;
      ctx.addToken({ kind, value: c, origin: c, column: this.column });
    } else {
      this.addBufferedTokenIfExists(ctx);
      ctx.addOriginBuf(c);
      ctx.addToken({ kind, value: c, origin: ctx.obuf.join(""), column: this.column });
    }
    this.progressColumn(ctx, 1);
    if (kind === "anchor") this.isAnchor = true;
    if (kind === "alias") this.isAlias = true;
    if (kind === "directive") this.isDirective = true;
    ctx.clear();
    return true;
  }

  private scan(ctx: Context): void {
    while (ctx.next()) {
      const c = ctx.currentChar();
      this.updateIndent(c);
      if (this.indentState === "down") this.addBufferedTokenIfExists(ctx);
      if (ctx.mstate) {
        if (this.indentState === "down") {
          const last = ctx.lastToken();
          if (last) {
            if (last.column === 1) throw this.invalid(ctx);
            if (last.kind !== "string") ctx.addToken({ kind: "string", value: "", origin: "", column: this.column });
          }
          ctx.mstate = undefined;
        } else {
          this.scanMultiLine(ctx, c);
          continue;
        }
      }
      if (this.scanCharacter(ctx, c)) continue;
      ctx.addBuf(c);
      ctx.addOriginBuf(c);
      this.progressColumn(ctx, 1);
    }
    this.addBufferedTokenIfExists(ctx);
  }

  /** The switch of Scanner.scan: true when the character was taken as (part of) a token. */
  private scanCharacter(ctx: Context, c: string): boolean {
    switch (c) {
      case "{":
        if (ctx.existsBuffer() && !this.isFlowMode()) return false;
        this.indicator(ctx, c, "mappingStart");
        this.startedFlowMapNum++;
        return true;
      case "}":
        if (this.startedFlowMapNum <= 0) return false;
        this.indicator(ctx, c, "mappingEnd");
        this.startedFlowMapNum--;
        return true;
      case ".":
        return this.scanDocumentMarker(ctx, ".");
      case "<":
        if (!this.isMergeKey(ctx)) return false;
        this.lastDelimColumn = this.column;
        ctx.addToken({ kind: "mergeKey", value: "<<", origin: ctx.obuf.join("") + "<<", column: this.column });
        this.progressColumn(ctx, 2);
        ctx.clear();
        return true;
      case "-":
        if (this.scanDocumentMarker(ctx, "-")) return true;
        if (ctx.existsBuffer() && this.indentState === "up") {
          ctx.mstate = { ...multiLine(0, "", false), isRawFolded: true };
          updateIndentColumn(ctx.mstate, this.column);
          ctx.addBuf("-");
          ctx.addOriginBuf("-");
          this.progressColumn(ctx, 1);
          return true;
        }
        return this.scanSequence(ctx);
      case "[":
        if (ctx.existsBuffer() && !this.isFlowMode()) return false;
        this.indicator(ctx, c, "sequenceStart");
        this.startedFlowSequenceNum++;
        return true;
      case "]":
        if (ctx.existsBuffer() && this.startedFlowSequenceNum <= 0) return false;
        this.indicator(ctx, c, "sequenceEnd");
        this.startedFlowSequenceNum--;
        return true;
      case ",":
        if (!this.isFlowMode()) return false;
        this.indicator(ctx, c, "collectEntry");
        return true;
      case ":":
        return this.scanMapDelim(ctx);
      case "|":
      case ">":
        return this.scanMultiLineHeader(ctx);
      case "!":
        return this.scanTag(ctx);
      case "%":
        return this.scanPrefixed(ctx, c, "directive");
      case "?":
        return this.scanPrefixed(ctx, c, "mappingKey");
      case "&":
        return this.scanPrefixed(ctx, c, "anchor");
      case "*":
        return this.scanPrefixed(ctx, c, "alias");
      case "#":
        return this.scanComment(ctx);
      case "'":
      case '"':
        if (ctx.existsBuffer()) return false;
        ctx.addToken(this.scanQuoted(ctx, c));
        ctx.clear();
        return true;
      case "\r":
      case "\n":
        this.scanNewLine(ctx, c);
        return true;
      case " ":
        return this.scanWhiteSpace(ctx);
      case "@":
      case "`":
        if (ctx.existsBuffer()) return false;
        ctx.addBuf(c);
        ctx.addOriginBuf(c);
        this.progressColumn(ctx, 1);
        throw this.invalid(ctx);
      case "\t":
        if ((ctx.existsBuffer() && this.lastDelimColumn === 0) || this.lastDelimColumn < this.column) {
          this.indentNum++;
          ctx.addOriginBuf(c);
          this.progress(ctx, 1);
          return true;
        }
        if (!this.isFlowMode() && this.isFirstCharAtLine) {
          ctx.addBuf(c);
          ctx.addOriginBuf(c);
          this.progressColumn(ctx, 1);
          throw this.invalid(ctx);
        }
        return false;
      default:
        return false;
    }
  }
}

function addIndent(state: MultiLine, ctx: Context, column: number): void {
  if (state.firstLineIndentColumn === 0 || column < state.firstLineIndentColumn) return;
  if (!state.isLiteral && state.foldedNewLine) state.foldedNewLine = false;
  ctx.buf.push(" ");
  ctx.notSpaceCharPos = ctx.buf.length;
}

function isIndentColumn(state: MultiLine, column: number): boolean {
  return state.firstLineIndentColumn === 0 ? column === 1 : state.firstLineIndentColumn > column;
}

function updateNewLineInFolded(state: MultiLine, ctx: Context, column: number): void {
  if (state.isLiteral || !state.foldedNewLine) return;
  const last = ctx.buf[ctx.buf.length - 1];
  const beforeLast = ctx.buf[ctx.buf.length - 2];
  if (state.lineIndentColumn === state.prevLineIndentColumn) {
    if (last === "\n") ctx.buf[ctx.buf.length - 1] = " ";
  } else if (state.prevLineIndentColumn === 0 && state.lastNotSpaceOnlyLineIndentColumn === column) {
    if (last === "\n" && beforeLast === "\n") {
      ctx.buf.pop();
      ctx.notSpaceCharPos = ctx.buf.length;
    }
  }
  state.foldedNewLine = false;
}

function validHeaderOption(opt: string): boolean {
  const digits = opt.replace(/^[-+]/, "").replace(/[-+]$/, "");
  if (digits === "") return true;
  return /^\d+$/.test(digits) && digits !== "0" && Number(digits) <= 9;
}

/** scanner.foundDocumentSeparatorMarker: `---` or `...` (then blanks) starting at `at`. */
function documentSeparatorAt(src: string[], at: number): boolean {
  const rest = src.slice(at, at + 4);
  if (rest.length < 3) return false;
  const marker = rest.length === 3 ? rest.join("") : rest.join("").replace(/[ \t\n\r]+$/, "");
  return marker === "---" || marker === "...";
}

/** goccy/go-yaml's lexer.Tokenize. */
export function tokenize(text: string): Token[] {
  return new Scanner([...text]).tokenize();
}
