import { stageKind, type PipeStageKind, type PipeStageSpec } from "./pipe-stages";

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
 * - a stage with state (sort, wc, uniq, awk END, grep -c) gathers its input and runs once at end of
 *   input; the stages after it run then too;
 * - Ctrl-C stops everything: what was shown stays, gathering stages print nothing (SIGINT kills
 *   them too), status 130.
 */
export interface PipeStreamIO {
  /** Runs a stage's shell text on `stdin`. The last stage writes to the terminal itself; others return their stdout. */
  run(text: string, stdin: string, last: boolean): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  /** Output for the terminal (a `head` ending the pipeline). */
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
  /** A gathering stage's input so far; a head's lines still to pass. */
  held: string;
  remaining: number;
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
      return { spec, kind, grep: /^[ef]?grep$/.test(base), closed: false, status: 0, runs: 0, matched: false, held: "", remaining: kind.kind === "head" ? kind.lines : 0 };
    });
  }

  /**
   * Checks each per-line stage once on no input (a bad pattern, a missing command or file fails at
   * once and only once, as the real stage would before reading), and ends a `head -n 0`.
   */
  async open(): Promise<void> {
    for (let i = 0; i < this.stages.length; i++) {
      const stage = this.stages[i];
      if (stage.kind.kind === "line") {
        const probe = await this.runStage(i, "");
        if (stage.grep ? probe.exitCode > 1 : probe.exitCode !== 0) stage.closed = true;
        stage.status = probe.exitCode;
        if (probe.stdout) await this.feed(probe.stdout, i + 1);
      } else if (stage.kind.kind === "head" && stage.remaining === 0) {
        stage.closed = true;
        await this.endFrom(i + 1);
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
  drain(): Promise<void> {
    this.enqueue(this.takeLines(false));
    return this.chain;
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
    await this.chain;
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
        stage.remaining -= taken.lines;
        input = taken.text;
        if (last && input) this.io.show(input, "stdout");
        if (stage.remaining === 0) {
          stage.closed = true;
          endAfter = i;
        }
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
    }
  }

  /** End of input for stages `from` onward: the gathering ones run now, each once. */
  private async endFrom(from: number): Promise<void> {
    let input = "";
    for (let i = from; i < this.stages.length && !this.stopped; i++) {
      const stage = this.stages[i];
      if (stage.closed) {
        if (input) this.writerDied(i - 1);
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
      } else if (input) {
        const result = await this.runStage(i, input);
        this.lineStatus(stage, result.exitCode);
        input = last ? "" : result.stdout;
      }
      stage.closed = true;
    }
  }

  private async runStage(i: number, stdin: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    const stage = this.stages[i];
    const text = stage.runs++ === 0 ? stage.spec.first : stage.spec.later;
    const result = await this.io.run(text, stdin, i === this.stages.length - 1);
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
