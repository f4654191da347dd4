import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { JQ_WORKER_SOURCE } from "./jq-worker-source";

/**
 * Runs jq's own code (jq-web, jq compiled to WebAssembly) in one worker thread per process.
 *
 * The module is loaded once and shared by every terminal; calls take turns. A WebAssembly call
 * cannot be interrupted, so each bound is enforced by ending the thread: a call that runs past
 * `timeMs`, prints more than `outputBytes`, grows jq's heap past `memoryBytes` (malloc fails, jq
 * stops) or is interrupted (Ctrl-C) ends the worker, and the next call starts a fresh one. jq sees
 * only its in-memory filesystem, filled with the files the call names (JqRequest.files).
 */
export interface JqRequest {
  /** jq's argv without the program name. */
  args: string[];
  /** Absolute working directory (relative file operands resolve against it). */
  cwd: string;
  /** Files jq may open this call, at absolute paths. */
  files: { path: string; bytes: Uint8Array }[];
  /** jq source loaded as ~/.jq before the program (definitions that shadow builtins). */
  library: string;
}

export type JqResult =
  | { kind: "done"; exitCode: number; output: JqOutput[] }
  | { kind: "stopped"; reason: string };

/** What jq wrote, in the order it wrote it. */
export interface JqOutput {
  stream: "stdout" | "stderr";
  text: string;
}

export interface JqLimits {
  timeMs: number;
  outputBytes: number;
  memoryBytes: number;
}

export const JQ_LIMITS: JqLimits = { timeMs: 5_000, outputBytes: 8 * 1024 * 1024, memoryBytes: 256 * 1024 * 1024 };

/** The worker ends itself with this code when the output limit is passed (see jq-worker-source.ts). */
const EXIT_OUTPUT_LIMIT = 86;
const WORKER_HOME = "/home/web_user";

interface Reply {
  id?: number;
  ready?: boolean;
  exitCode?: number;
  fatal?: string;
  output?: JqOutput[];
}

/** jq-web's script: from this module, or from the working directory where a bundler moved it. */
function resolveJqWeb(): string {
  try {
    return createRequire(import.meta.url).resolve("jq-web/jq.js");
  } catch {
    return createRequire(`${process.cwd()}/package.json`).resolve("jq-web/jq.js");
  }
}

class JqWorker {
  private readonly worker: Worker;
  readonly ready: Promise<void>;
  private pending?: { id: number; settle: (r: JqResult) => void };
  private ended = false;
  private stopReason = "";

  constructor(limits: JqLimits) {
    const script = resolveJqWeb();
    const wasm = script.replace(/jq\.js$/, "jq.wasm");
    this.worker = new Worker(JQ_WORKER_SOURCE, {
      eval: true,
      workerData: { script, wasm, outputLimit: limits.outputBytes, memoryLimit: limits.memoryBytes, home: WORKER_HOME },
      stdout: true,
      stderr: true,
    });
    // An idle thread must not keep a finished script or test alive; a call in progress must.
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: Reply) => {
        if (m.ready) resolve();
      };
      this.worker.on("message", onMessage);
      this.worker.once("error", reject);
      this.worker.once("exit", () => reject(new Error("jq's worker ended while starting")));
    });
    this.worker.on("message", (m: Reply) => {
      if (m.id === undefined || this.pending?.id !== m.id) return;
      const { settle } = this.pending;
      this.pending = undefined;
      if (m.fatal !== undefined) {
        // jq aborted (malloc failed at the heap limit, a trap): its runtime cannot serve another call.
        this.end();
        const text = (m.output ?? []).map((o) => o.text).join("");
        const memory = /allocate memory|out of memory|OOM/i.test(`${text} ${m.fatal}`);
        settle({ kind: "stopped", reason: memory ? `jq used more than ${limits.memoryBytes / (1024 * 1024)} MiB of memory` : "jq stopped unexpectedly" });
        return;
      }
      settle({ kind: "done", exitCode: m.exitCode ?? 0, output: m.output ?? [] });
    });
    this.worker.on("error", () => this.fail("jq stopped unexpectedly"));
    this.worker.on("exit", (code) => {
      this.ended = true;
      this.fail(this.stopReason || (code === EXIT_OUTPUT_LIMIT ? `output over ${limits.outputBytes / (1024 * 1024)} MiB` : "jq stopped unexpectedly"));
    });
  }

  get alive(): boolean {
    return !this.ended;
  }

  async run(id: number, request: JqRequest): Promise<JqResult> {
    this.worker.ref();
    try {
      await this.ready;
      return await new Promise<JqResult>((settle) => {
        this.pending = { id, settle };
        this.worker.postMessage({ id, ...request });
      });
    } finally {
      if (!this.ended) this.worker.unref();
    }
  }

  /** Ends the thread; a call in progress resolves as stopped for `reason`. */
  stop(reason: string): void {
    this.stopReason = reason;
    this.fail(reason);
    this.end();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    void this.worker.terminate();
  }

  private fail(reason: string): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.settle({ kind: "stopped", reason });
  }
}

export class JqRunner {
  private worker?: JqWorker;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(private readonly limits: JqLimits = JQ_LIMITS) {}

  /** Runs one jq invocation after the calls already waiting; `signal` (Ctrl-C) stops it. */
  run(request: JqRequest, signal?: AbortSignal): Promise<JqResult> {
    const turn = this.queue.then(() => this.runNow(request, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async runNow(request: JqRequest, signal?: AbortSignal): Promise<JqResult> {
    if (signal?.aborted) return { kind: "stopped", reason: "interrupted" };
    if (!this.worker?.alive) this.worker = new JqWorker(this.limits);
    const worker = this.worker;
    const timer = setTimeout(() => worker.stop(`jq ran longer than ${this.limits.timeMs / 1000} s`), this.limits.timeMs);
    const onAbort = () => worker.stop("interrupted");
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      return await worker.run(this.nextId++, request);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }
  }
}

/** The process's jq: one worker thread shared by every terminal. */
export const JQ = new JqRunner();
