import { stageKind, type PipeStageKind, type PipeStageSpec } from "./pipe-stages";
import type { PipeOut } from "./bridge";
import type { PipeReader } from "./shell-fs";

/**
 * A pipeline whose first command keeps running (`kubectl get pods -w | grep web`, `kubectl logs -f
 * POD | grep err`, `tail -f F | awk '{print $3}'`). just-bash runs the stages one after another, so
 * the downstream stages would see nothing until the producer ends (Ctrl-C). Here the producer writes
 * into this stream and the stages after it answer as its lines arrive, as processes joined by pipes
 * do:
 *
 * - a stage without state between lines (grep, sed s///, cut, tr, awk without END…) runs on each
 *   batch of complete lines; its output reaches the next stage or the terminal at once;
 * - `head -n N` passes N lines, then ends: the stage before it dies of SIGPIPE (141) at its next
 *   write, and so on up to the producer, which stops at its next write, as with real pipes;
 *   `grep -m N` and `grep -q` end the same way once they selected N lines (-q: one);
 * - a `while read …; do …; done` loop after the producer (the last stage) runs once, from the
 *   start: each `read` takes the next line as it arrives, so its variables last from one line to
 *   the next; a `break` ends it, and the producer dies of SIGPIPE at its next write;
 * - a stage with state (sort, wc, uniq, awk END, grep -c) gathers its input and runs once at end of
 *   input; the stages after it run then too;
 * - Ctrl-C stops everything: what was shown stays, gathering stages print nothing (SIGINT kills
 *   them too), status 130.
 */
export interface PipeStreamIO {
  /**
   * Runs a stage's shell text on `stdin`. With `last` it writes where the pipeline's output goes
   * itself; else it returns its stdout. With `lines` (a reader stage) its `read` takes each line
   * from `lines()` ("" at end of input) through PIPE_LINE_DEVICE.
   */
  run(text: string, stdin: string, last: boolean, lines?: PipeReader, feed?: PipeOut, stop?: AbortSignal): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** Output where the pipeline's output goes (a `head` ending the pipeline, a stage's errors). */
  show(data: string, stream: "stdout" | "stderr"): void;
  /** Arranges a flush after the producer's current turn (it may write several chunks in a row). */
  later(flush: () => void): void;
}

/** bash's status for a process killed by SIGPIPE (128 + 13). */
export const SIGPIPE_STATUS = 141;

interface Stage {
  spec: PipeStageSpec;
  kind: PipeStageKind;
  grep: boolean;
  /** Ended: input written to it now kills the writer with SIGPIPE. */
  closed: boolean;
  status: number;
  runs: number;
  /** grep: some batch matched. */
  matched: boolean;
  /** A gathering stage's input so far; a head's (or grep -m's) lines still to pass. */
  held: string;
  remaining: number;
  /** A reader stage: the lines waiting for its `read`, and its one run. */
  lines?: LineQueue;
  running?: Promise<void>;
  /** A reader stage before another: its output on its way down (whole lines), and what ends it (SIGPIPE). */
  fed?: Promise<void>;
  unfed?: string;
  /** Its output went down and the stages after it had end of input. */
  ended?: Promise<void>;
  kill?: AbortController;
}

/** The pipe as a `while read` loop reads it: one line at a time (or a chunk), waiting for the writer. */
class LineQueue implements PipeReader {
  private text = "";
  private ended = false;
  private wake?: () => void;
  private idleWaiters: (() => void)[] = [];
  private waiting = false;

  push(text: string): void {
    this.text += text;
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  /** The next line with its newline; the last text without one at end of input; "" after that. */
  async next(): Promise<string> {
    for (;;) {
      const nl = this.text.indexOf("\n");
      if (nl >= 0) {
        const line = this.text.slice(0, nl + 1);
        this.text = this.text.slice(nl + 1);
        return line;
      }
      if (this.ended) {
        const rest = this.text;
        this.text = "";
        return rest;
      }
      this.waiting = true;
      this.settleIdle();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.waiting = false;
    }
  }

  async chunk(): Promise<string> {
    while (!this.text && !this.ended) {
      this.waiting = true;
      this.settleIdle();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.waiting = false;
    }
    const text = this.text;
    this.text = "";
    return text;
  }

  unread(text: string): void {
    this.text = text + this.text;
  }

  /**
   * Resolves once the reader took every complete line and waits for more (or ended): the writer
   * goes on only then, so the reader keeps pace with it as a process reading a pipe would, and
   * the virtual clock gives the same interleaving every time.
   */
  idle(): Promise<void> {
    if (this.ended || (this.waiting && !this.text.includes("\n"))) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The reader ended (its loop is over): nobody waits on it any more. */
  finished(): void {
    this.ended = true;
    this.settleIdle();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private settleIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

export class PipeStream {
  private readonly stages: Stage[];
  private pending = "";
  private chain: Promise<void> = Promise.resolve();
  private flushScheduled = false;
  private stopped = false;
  /** The producer wrote into a closed pipe: it is being stopped (status 141). */
  producerKilled = false;

  constructor(
    specs: PipeStageSpec[],
    private readonly io: PipeStreamIO,
    /** Stops the producer (SIGPIPE). */
    private readonly killProducer: () => void,
  ) {
    this.stages = specs.map((spec) => {
      const kind = stageKind(spec);
      const base = spec.name.slice(spec.name.lastIndexOf("/") + 1);
      const remaining = kind.kind === "head" ? kind.lines : kind.kind === "grep-limit" ? kind.max : 0;
      return { spec, kind, grep: /^[ef]?grep$/.test(base), closed: false, status: 0, runs: 0, matched: false, held: "", remaining };
    });
  }

  /**
   * Checks each per-line stage once on no input (a bad pattern, a missing command or file fails at
   * once and only once, as the real stage would before reading), and ends a `head -n 0`.
   */
  async open(): Promise<void> {
    for (let i = 0; i < this.stages.length; i++) {
      const stage = this.stages[i];
      if (stage.kind.kind === "line" || stage.kind.kind === "grep-limit") {
        const probe = await this.runStage(i, "");
        if (stage.grep ? probe.exitCode > 1 : probe.exitCode !== 0) stage.closed = true;
        stage.status = probe.exitCode;
        if (probe.stdout && stage.kind.kind === "line") await this.feed(probe.stdout, i + 1);
        // grep -m 0 reads nothing: it exits 1 at once.
        if (!stage.closed && stage.kind.kind === "grep-limit" && stage.remaining === 0) {
          stage.closed = true;
          await this.endFrom(i + 1);
        }
      } else if (stage.kind.kind === "head" && stage.remaining === 0) {
        stage.closed = true;
        await this.endFrom(i + 1);
      } else if (stage.kind.kind === "reader") {
        this.startReader(i);
      }
    }
  }

  /** The producer's output. */
  write(text: string): void {
    if (!text || this.producerKilled || this.stopped) return;
    if (this.stages[0].closed) {
      this.sigpipe();
      return;
    }
    this.pending += text;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.io.later(() => {
      this.flushScheduled = false;
      this.enqueue(this.takeLines(false));
    });
  }

  /** Lets every complete line written so far through (the producer is about to wait). */
  async drain(): Promise<void> {
    this.enqueue(this.takeLines(false));
    await this.chain;
    for (const stage of this.stages) {
      if (stage.lines && !stage.closed) await stage.lines.idle();
      await stage.fed;
    }
  }

  /**
   * The producer returned with `status`: the rest of its output goes through, the gathering stages
   * get end of input. Returns each command's status (PIPESTATUS) and the pipeline's.
   */
  async finish(status: number, pipefail: boolean): Promise<{ statuses: number[]; exitCode: number }> {
    this.enqueue(this.takeLines(true));
    await this.chain;
    await this.endFrom(0);
    const statuses = [this.producerKilled ? SIGPIPE_STATUS : status, ...this.stages.map((s) => s.status)];
    const failed = statuses.filter((s) => s !== 0);
    const exitCode = pipefail && failed.length ? failed[failed.length - 1] : statuses[statuses.length - 1];
    return { statuses, exitCode };
  }

  /** Ctrl-C: every stage stops where it is; resolves once none runs any more. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending = "";
    for (const stage of this.stages) stage.lines?.end();
    await this.chain;
    for (const stage of this.stages) {
      await stage.running;
      await stage.ended;
    }
  }

  /** A reader stage's output so far, up to its last whole line (all of it at its end). */
  private takeUnfed(stage: Stage, all: boolean): string {
    const text = stage.unfed ?? "";
    const cut = all ? text.length : text.lastIndexOf("\n") + 1;
    stage.unfed = text.slice(cut);
    return text.slice(0, cut);
  }

  private takeLines(all: boolean): string {
    const cut = all ? this.pending.length : this.pending.lastIndexOf("\n") + 1;
    if (cut <= 0) return "";
    const batch = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    return batch;
  }

  private enqueue(batch: string): void {
    if (!batch) return;
    // A stage that failed to run (a limit) ends the stream; the producer learns it at its next write.
    this.chain = this.chain.then(() => this.feed(batch, 0)).catch((err: unknown) => this.fail(err));
  }

  private fail(err: unknown): void {
    if (this.stopped) return;
    this.stopped = true;
    this.io.show(`bash: ${err instanceof Error ? err.message : String(err)}\n`, "stderr");
    this.killProducer();
  }

  private sigpipe(): void {
    if (this.producerKilled) return;
    this.producerKilled = true;
    this.pending = "";
    this.killProducer();
  }

  /** Passes `input` (what the command before stage `from` wrote) down the stages. */
  private async feed(input: string, from: number): Promise<void> {
    let endAfter = -1;
    for (let i = from; i < this.stages.length && input && !this.stopped; i++) {
      const stage = this.stages[i];
      if (stage.closed) {
        this.writerDied(i - 1);
        input = "";
        break;
      }
      const last = i === this.stages.length - 1;
      if (stage.kind.kind === "whole") {
        stage.held += input;
        input = "";
      } else if (stage.kind.kind === "head") {
        const taken = takeHeadLines(input, stage.remaining);
        const unread = taken.text.length < input.length;
        stage.remaining -= taken.lines;
        input = taken.text;
        if (last && input) this.io.show(input, "stdout");
        if (stage.remaining === 0) {
          stage.closed = true;
          endAfter = i;
          // Lines left over were written after head had its N and exited (a batch gathers many
          // writes: kubectl writes each row of a watch on its own): the writer got SIGPIPE then,
          // rather than at a next write that may never come (a quiet watch).
          if (unread) this.writerDied(i - 1);
        }
      } else if (stage.kind.kind === "grep-limit") {
        const limited = await this.limitedGrep(i, input, last);
        input = limited.out;
        if (stage.remaining === 0) {
          stage.closed = true;
          endAfter = i;
          if (limited.unread) this.writerDied(i - 1);
        }
      } else if (stage.kind.kind === "reader") {
        stage.lines!.push(input);
        input = "";
      } else {
        const result = await this.runStage(i, input);
        this.lineStatus(stage, result.exitCode);
        input = last ? "" : result.stdout;
      }
    }
    if (endAfter >= 0) await this.endFrom(endAfter + 1);
  }

  /** Stage `i` (-1: the producer) wrote into a closed stage: it dies of SIGPIPE (the producer at its next write). */
  private writerDied(i: number): void {
    if (i < 0) {
      this.sigpipe();
      return;
    }
    const stage = this.stages[i];
    if (!stage.closed) {
      stage.closed = true;
      stage.status = SIGPIPE_STATUS;
      // A loop stage dies at its write as any process does: its loop stops there.
      stage.kill?.abort();
    }
  }

  /** End of input for stages `from` onward: the gathering ones run now, each once. */
  private async endFrom(from: number): Promise<void> {
    let input = "";
    for (let i = from; i < this.stages.length && !this.stopped; i++) {
      const stage = this.stages[i];
      if (stage.closed) {
        if (input) this.writerDied(i - 1);
        await stage.ended;
        return;
      }
      const last = i === this.stages.length - 1;
      if (stage.kind.kind === "whole") {
        const result = await this.runStage(i, stage.held + input);
        stage.held = "";
        stage.status = result.exitCode;
        input = last ? "" : result.stdout;
      } else if (stage.kind.kind === "head") {
        const taken = takeHeadLines(input, stage.remaining);
        stage.remaining -= taken.lines;
        input = taken.text;
        if (last && input) this.io.show(input, "stdout");
      } else if (stage.kind.kind === "reader") {
        if (input) stage.lines!.push(input);
        stage.lines!.end();
        await stage.running;
        await stage.ended;
        return;
      } else if (stage.kind.kind === "grep-limit") {
        if (input) input = (await this.limitedGrep(i, input, last)).out;
      } else if (input) {
        const result = await this.runStage(i, input);
        this.lineStatus(stage, result.exitCode);
        input = last ? "" : result.stdout;
      }
      stage.closed = true;
    }
  }

  /**
   * `grep -m N` / `grep -q` on a batch: the first of the lines it selected that are still due (its
   * output is captured to count them). Returns what goes to the next stage, and whether its input
   * went on after the last line it was due (so its writer wrote after it had ended).
   */
  private async limitedGrep(i: number, input: string, last: boolean): Promise<{ out: string; unread: boolean }> {
    const stage = this.stages[i];
    const quiet = stage.kind.kind === "grep-limit" && stage.kind.quiet;
    const result = await this.runStage(i, input, false);
    this.lineStatus(stage, result.exitCode);
    let out = "";
    let unread = false;
    if (quiet) {
      if (result.exitCode === 0) stage.remaining = 0;
    } else {
      const taken = takeHeadLines(result.stdout, stage.remaining);
      stage.remaining -= taken.lines;
      out = taken.text;
      if (stage.remaining === 0) unread = linesAfter(input, out);
    }
    if (!last) return { out, unread };
    if (out) this.io.show(out, "stdout");
    return { out: "", unread };
  }

  /**
   * A reader stage runs once, from the start, taking lines as they come (LineQueue). Before another
   * stage, what its commands write goes down as they write it, a whole line at a time.
   */
  private startReader(i: number): void {
    const stage = this.stages[i];
    const last = i === this.stages.length - 1;
    const lines = new LineQueue();
    stage.lines = lines;
    stage.runs++;
    let feed: PipeOut | undefined;
    if (!last) {
      stage.fed = Promise.resolve();
      stage.unfed = "";
      stage.kill = new AbortController();
      feed = {
        write: (data) => {
          if (stage.closed || this.stopped) return;
          stage.unfed += data;
          const batch = this.takeUnfed(stage, false);
          if (batch) stage.fed = stage.fed!.then(() => this.feed(batch, i + 1)).catch((err: unknown) => this.fail(err));
        },
        drain: () => stage.fed!,
      };
    }
    stage.running = this.io
      .run(stage.spec.first, "", last, lines, feed, stage.kill?.signal)
      .then(
        (result) => {
          if (stage.status !== SIGPIPE_STATUS) stage.status = result.exitCode;
          if (result.stdout) {
            if (feed) feed.write(result.stdout);
            else this.io.show(result.stdout, "stdout");
          }
          if (result.stderr) this.io.show(result.stderr.replace(/^(?:bash: )?execution aborted\n?/m, ""), "stderr");
        },
        (err: unknown) => this.fail(err),
      )
      .finally(() => {
        // Its loop is over (a `break`, end of input, an error): the writer dies at its next write,
        // and the stages after it get the rest of its output, then end of input.
        if (feed) {
          stage.ended = stage
            .fed!.then(async () => {
              const rest = this.takeUnfed(stage, true);
              if (rest) await this.feed(rest, i + 1);
              await this.endFrom(i + 1);
            })
            .catch((err: unknown) => this.fail(err));
        }
        stage.closed = true;
        lines.finished();
      });
  }

  private async runStage(i: number, stdin: string, toOutput = i === this.stages.length - 1): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    const stage = this.stages[i];
    const text = stage.runs++ === 0 ? stage.spec.first : stage.spec.later;
    const result = await this.io.run(text, stdin, toOutput);
    if (result.stderr) this.io.show(result.stderr, "stderr");
    return result;
  }

  /** A per-line stage's status over all its runs, as one run over the whole input would give it. */
  private lineStatus(stage: Stage, code: number): void {
    if (stage.grep) {
      if (code === 0) stage.matched = true;
      if (code > 1) stage.status = code;
      else if (stage.status <= 1) stage.status = stage.matched ? 0 : 1;
    } else if (code !== 0) stage.status = code;
  }
}

/** The first `max` lines of `text` (a last line without its newline counts). */
function takeHeadLines(text: string, max: number): { text: string; lines: number } {
  let end = 0;
  let lines = 0;
  while (lines < max && end < text.length) {
    const nl = text.indexOf("\n", end);
    end = nl < 0 ? text.length : nl + 1;
    lines++;
  }
  return { text: text.slice(0, end), lines };
}

/**
 * Whether `input` has lines after the last of the lines `selected` from it. A selected line that
 * is not found as a whole line (`-n`, `-o` reshape it) tells nothing: false.
 */
function linesAfter(input: string, selected: string): boolean {
  const lines = selected.endsWith("\n") ? selected.slice(0, -1) : selected;
  const lastLine = `${lines.slice(lines.lastIndexOf("\n") + 1)}\n`;
  const at = input.lastIndexOf(lastLine);
  if (at < 0 || (at > 0 && input[at - 1] !== "\n")) return false;
  return at + lastLine.length < input.length;
}
