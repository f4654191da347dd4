// Background warming of setup templates. The first attempt of a scenario in a process (or session
// worker thread) runs its setup.sh and settles the cluster — up to a second of CPU, seconds for a
// new cluster shape — and keeps the result as a template every later attempt copies in a few
// milliseconds (engine/cluster/setup-templates.ts). So that no learner waits for that first run,
// each thread that starts attempts gets the templates of every built-in scenario and mock exam
// when it starts:
// - startTemplateKeeper (the server: for its session workers, or for itself without workers): one
//   warming thread makes them and keeps them; a serving thread asks it for a template when an
//   attempt there needs one, so serving threads do not each hold every template (shared-templates.ts).
// - startTemplateWarming (benchmarks): a warming thread makes them at full
//   speed and posts each as JSON in parts of about 64 kB; the serving thread parses and freezes one
//   part per turn of its event loop (a millisecond or so), so a learner's command never waits
//   behind a setup, a cluster boot or a whole template. An attempt whose template has
//   not arrived yet makes it itself, as without warming.
// - warmTemplates (in the same thread; tests and the bench): one at a time, giving the event loop
//   back between steps (a cluster boot or one setup script is one step); an attempt that arrives
//   while its own template is being made joins it (and that template stops yielding).
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { createRequire } from "node:module";
import path from "node:path";
import type { Logger } from "pino";
import { putSetupTemplateParts, setSetupTemplateLimit, setupTemplateCount, MAX_SETUP_TEMPLATES, type Pace } from "../../engine/cluster/setup-templates";
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { examKey, warmExamTemplate } from "../exams/start";
import type { Catalogue } from "../scenarios/catalogue";
import { nameScriptRunner, setupKey, warmScenarioTemplate } from "../scenarios/run";
import { shellScriptRunner } from "./script-runner";

/** The session runner's part of setup keys in every thread, so templates made in the warming thread are found. */
export const SESSION_RUNNER_NAME = "session-shell";

/** What the warming thread starts with (workerData); `keep`: it keeps the templates and serves them (startTemplateKeeper). */
export type WarmingThreadData = { startTime: number; catalogue: Pick<Catalogue, "scenarios" | "exams">; keep?: boolean };

/** What the warming thread posts: each template (or, when it keeps them, that it made one), each failure, the end. */
export type FromWarmingThread =
  | { t: "template"; id: string; key: string; parts: string[] }
  | { t: "made"; id: string; key: string }
  | { t: "failed"; id: string; error: string }
  | { t: "done" }
  | { t: "heapUsed"; bytes: number };
/**
 * What a keeping warming thread is sent: the port of one more serving thread to answer
 * (shared-templates.ts), a question about its heap, or how many attempts learners started per
 * scenario or exam id (it makes and offers the likeliest templates first: rankTemplateJobs).
 */
export type ToWarmingThread = { t: "serve"; port: MessagePort } | { t: "heapUsed" } | { t: "rank"; starts: Record<string, number> };

export interface WarmingJob {
  /** Scenario or exam id. */
  id: string;
  exam: boolean;
  key: string;
  /** Makes the template unless it exists; resolves with whether it made it. */
  warm(startTime: number, pace: Pace): Promise<boolean>;
}

/** One job per built-in scenario, then per mock exam. */
export function warmingJobs(catalogue: Pick<Catalogue, "scenarios" | "exams">, runScript: ScriptRunner): WarmingJob[] {
  return [
    ...[...catalogue.scenarios.values()].map((s) => ({ id: s.id, exam: false, key: setupKey(s, runScript), warm: (startTime: number, pace: Pace) => warmScenarioTemplate(s, { runScript, startTime, pace }) })),
    ...[...catalogue.exams.values()].map((e) => ({ id: e.meta.id, exam: true, key: examKey(e, runScript), warm: (startTime: number, pace: Pace) => warmExamTemplate(e, { runScript, startTime, pace }) })),
  ];
}

/**
 * `jobs` likeliest to be needed first, which decides the order the warming thread makes templates
 * in and the order session workers prefetch them (template-prefetch.ts): most attempts started
 * (`starts`, by scenario or exam id, from the database) first; on a tie (a new server: none) mock
 * exams first, whose templates are the largest and the slowest to take in, then the catalogue's order.
 */
export function rankTemplateJobs<J extends Pick<WarmingJob, "id" | "exam">>(jobs: readonly J[], starts: Record<string, number> = {}): J[] {
  const index = new Map(jobs.map((job, i) => [job, i]));
  return [...jobs].sort((a, b) => (starts[b.id] ?? 0) - (starts[a.id] ?? 0) || Number(b.exam) - Number(a.exam) || index.get(a)! - index.get(b)!);
}

export interface TemplateWarmingOptions {
  catalogue: Pick<Catalogue, "scenarios" | "exams">;
  /** The runner attempts in this process use (templates are kept per runner). */
  runScript: ScriptRunner;
  /** Wall clock: templates stand for the time they were made (attempts start at wall time). */
  now?: () => number;
  /** How a step gives way to live work; default: the next turn of the event loop after I/O. */
  pace?: Pace;
  log?: Logger;
}

export interface WarmingReport {
  /** Templates made by warming. */
  made: number;
  /** Templates that already existed (an attempt made them first). */
  existing: number;
  /** Setups that cannot run in the simulation yet: their attempts fail as they would unwarmed. */
  failed: { id: string; error: string }[];
  /** Wall milliseconds from start to end of the warm-up. */
  ms: number;
  /** Setup templates this process holds afterwards. */
  templates: number;
  /** Per template from the warming thread: the longest wall milliseconds this thread was held taking in one part of it (parse, freeze): what a live command can wait behind. */
  handovers: number[];
  /** Per template from the warming thread: wall milliseconds of all its parts together. */
  handoverTotals: number[];
}

/** Gives way to I/O and timers already due: setImmediate runs after the poll phase. */
export const yieldToEventLoop: Pace = () => new Promise((resolve) => setImmediate(resolve));

/**
 * KUBECOACH_WARM_TEMPLATES: on unless "0", "false" or "off"; off by default under Vitest, where
 * every test process (and its session workers) would otherwise set up the whole catalogue.
 */
export function templateWarmingEnabled(value = process.env.KUBECOACH_WARM_TEMPLATES, underTest = process.env.VITEST !== undefined): boolean {
  if (value === undefined || value.trim() === "") return !underTest;
  return !["0", "false", "off", "no"].includes(value.trim().toLowerCase());
}

/**
 * Makes the template of every scenario and mock exam of `catalogue`, one after the other. The
 * template limit is raised first so they all stay (with room for scenarios written in the browser).
 */
export async function warmTemplates(options: TemplateWarmingOptions): Promise<WarmingReport> {
  const now = options.now ?? Date.now;
  const pace = options.pace ?? yieldToEventLoop;
  const { scenarios, exams } = options.catalogue;
  const started = performance.now();
  setSetupTemplateLimit(scenarios.size + exams.size + MAX_SETUP_TEMPLATES);
  const report: WarmingReport = { made: 0, existing: 0, failed: [], ms: 0, templates: 0, handovers: [], handoverTotals: [] };
  for (const job of warmingJobs(options.catalogue, options.runScript)) {
    await pace();
    try {
      if (await job.warm(now(), pace)) report.made++;
      else report.existing++;
    } catch (e) {
      report.failed.push({ id: job.id, error: (e instanceof Error ? e.message : String(e)).split("\n")[0] });
    }
  }
  report.ms = Math.round(performance.now() - started);
  report.templates = setupTemplateCount();
  logDone(options.log, report);
  return report;
}

/**
 * The templates of the built-in scenarios and mock exams made in the background, when
 * KUBECOACH_WARM_TEMPLATES allows it (a server or session worker starting): by a warming thread
 * for the session runner, else in this thread (warmTemplates).
 */
export function startTemplateWarming(options: TemplateWarmingOptions): Promise<WarmingReport> | undefined {
  if (!templateWarmingEnabled()) {
    options.log?.info("setup template warming is off (KUBECOACH_WARM_TEMPLATES): the first attempt of each scenario runs its setup");
    return undefined;
  }
  let warming: Promise<WarmingReport>;
  try {
    if (options.runScript !== shellScriptRunner) throw new Error("only the session runner is warmed in a thread");
    nameScriptRunner(shellScriptRunner, SESSION_RUNNER_NAME);
    warming = warmInThread(options);
  } catch {
    warming = warmTemplates(options);
  }
  warming.catch((err: unknown) => options.log?.error({ err }, "setup template warming stopped"));
  return warming;
}

/** A worker thread makes the templates; this thread keeps each as it arrives. */
function warmInThread(options: TemplateWarmingOptions): Promise<WarmingReport> {
  const { scenarios, exams } = options.catalogue;
  setSetupTemplateLimit(scenarios.size + exams.size + MAX_SETUP_TEMPLATES);
  const expected = new Set(warmingJobs(options.catalogue, options.runScript).map((job) => job.key));
  const started = performance.now();
  const report: WarmingReport = { made: 0, existing: 0, failed: [], ms: 0, templates: 0, handovers: [], handoverTotals: [] };
  const pace = options.pace ?? yieldToEventLoop;
  const takingIn: Promise<void>[] = [];
  let done = false;
  // The catalogue goes along (structured-cloned), so the thread does not read every file again.
  const workerData: WarmingThreadData = { startTime: (options.now ?? Date.now)(), catalogue: { scenarios, exams } };
  const worker = new Worker(threadBootstrap(), { eval: true, workerData });
  // The warming thread must never keep a server from exiting.
  worker.unref();
  return new Promise((resolve, reject) => {
    worker.on("message", (message: FromWarmingThread) => {
      if (message.t === "template") {
        // Only templates of this thread's own jobs are kept: no attempt here would use another.
        if (!expected.has(message.key)) {
          report.existing++;
          return;
        }
        takingIn.push(takeIn(message.key, message.parts, pace, report).catch((err: unknown) => void report.failed.push({ id: message.id, error: String(err) })));
      } else if (message.t === "failed") {
        report.failed.push({ id: message.id, error: message.error });
      } else if (message.t === "done") {
        done = true;
        void Promise.all(takingIn).then(() => {
          report.ms = Math.round(performance.now() - started);
          report.templates = setupTemplateCount();
          logDone(options.log, report);
          resolve(report);
        });
      }
    });
    worker.on("error", reject);
    worker.on("exit", (code) => {
      if (!done) reject(new Error(`the template warming thread exited with code ${code} before it was done`));
    });
  });
}

export interface TemplateKeeper {
  /** A port for one more serving thread (transfer it there and pass it to useSharedTemplates). */
  serve(): MessagePort;
  /** The warming thread's heap bytes after a collection (benchmarks: the templates it keeps). */
  heapUsed(): Promise<number>;
  /** Attempts started per scenario or exam id: the thread makes, and workers prefetch, the likeliest first. */
  rank(starts: Record<string, number>): void;
  /** Resolves once every template is made (or failed); never if the thread stops first. */
  readonly warmed: Promise<WarmingReport>;
  stop(): Promise<void>;
}

/**
 * One warming thread for several serving threads (the session workers): it makes every template
 * once and keeps them; each serving thread asks it for the one an attempt needs (shared-templates.ts).
 * Undefined when KUBECOACH_WARM_TEMPLATES turns warming off.
 */
export function startTemplateKeeper(options: Omit<TemplateWarmingOptions, "runScript" | "pace">): TemplateKeeper | undefined {
  if (!templateWarmingEnabled()) {
    options.log?.info("setup template warming is off (KUBECOACH_WARM_TEMPLATES): the first attempt of each scenario on each worker runs its setup");
    return undefined;
  }
  const started = performance.now();
  const workerData: WarmingThreadData = { startTime: (options.now ?? Date.now)(), catalogue: options.catalogue, keep: true };
  const worker = new Worker(threadBootstrap(), { eval: true, workerData, name: "kubecoach-template-warming" });
  worker.unref();
  const report: WarmingReport = { made: 0, existing: 0, failed: [], ms: 0, templates: 0, handovers: [], handoverTotals: [] };
  let stopping = false;
  const heapAnswers: ((bytes: number) => void)[] = [];
  let markWarmed = (_: WarmingReport): void => undefined;
  const warmed = new Promise<WarmingReport>((resolve) => (markWarmed = resolve));
  worker.on("message", (message: FromWarmingThread) => {
    if (message.t === "heapUsed") heapAnswers.shift()?.(message.bytes);
    else if (message.t === "made" || message.t === "template") report.made++;
    else if (message.t === "failed") report.failed.push({ id: message.id, error: message.error });
    else {
      report.ms = Math.round(performance.now() - started);
      report.templates = report.made;
      logDone(options.log, report);
      markWarmed(report);
    }
  });
  worker.on("error", (err) => options.log?.error({ err }, "setup template warming stopped: attempts run their setups themselves"));
  worker.on("exit", (code) => {
    if (!stopping) options.log?.error({ code }, "the template warming thread exited: attempts run their setups themselves");
  });
  return {
    warmed,
    serve() {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ t: "serve", port: port1 } satisfies ToWarmingThread, [port1]);
      return port2;
    },
    heapUsed() {
      return new Promise((resolve) => {
        heapAnswers.push(resolve);
        worker.postMessage({ t: "heapUsed" } satisfies ToWarmingThread);
      });
    },
    rank(starts) {
      worker.postMessage({ t: "rank", starts } satisfies ToWarmingThread);
    },
    async stop() {
      stopping = true;
      await worker.terminate();
    },
  };
}

/** Takes in one template's parts, a part per `pace`, timing how long each held this thread. */
async function takeIn(key: string, parts: string[], pace: Pace, report: WarmingReport): Promise<void> {
  let longest = 0;
  let total = 0;
  let since = performance.now();
  const timed: Pace = async () => {
    const held = performance.now() - since;
    longest = Math.max(longest, held);
    total += held;
    await pace();
    since = performance.now();
  };
  const kept = await putSetupTemplateParts(key, parts, timed);
  const held = performance.now() - since;
  if (kept) report.made++;
  else report.existing++;
  report.handovers.push(Math.max(longest, held));
  report.handoverTotals.push(total + held);
}

function logDone(log: Logger | undefined, report: WarmingReport): void {
  log?.info(
    {
      made: report.made,
      existing: report.existing,
      failed: report.failed.map((f) => f.id),
      templates: report.templates,
      ms: report.ms,
      ...(report.handovers.length ? { slowestHandoverMs: Math.round(Math.max(...report.handovers)) } : {}),
    },
    "setup templates warmed: attempts of every built-in scenario and mock exam start from a copy",
  );
}

/** As the session workers do (workers/pool.ts): tsx's loader is registered in the thread before its TypeScript entry is imported. */
function threadBootstrap(): string {
  let api: string;
  try {
    api = import.meta.resolve("tsx/esm/api");
  } catch {
    api = "file://" + path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs");
  }
  const entry = new URL("./template-warming-thread.ts", import.meta.url).href;
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}
