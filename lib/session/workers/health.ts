// What holds a thread's event loop: its garbage collection pauses by kind, and how late its
// timers ran (the event-loop delay: the longest stretch the thread could not answer anything).
// A session worker reports these so a benchmark (or an operator) can tell a slow command from a
// thread stalled by a collection or by another session's work. Long tasks are counted by the
// thread's own CPU time, so a loaded machine (other processes holding the cores) does not make them.
import { readFileSync } from "node:fs";
import { constants, monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from "node:perf_hooks";

export type GcKind = "scavenge" | "mark-compact" | "incremental" | "weak-callbacks";
export type GcPauses = { count: number; totalMs: number; maxMs: number };

export type ThreadHealth = {
  /** Pauses per kind of collection since the last reading. */
  gc: Partial<Record<GcKind, GcPauses>>;
  /** Event-loop delay since the last reading (ms): how late a timer due every 10 ms ran. */
  delay: { p50: number; p99: number; max: number };
  /** CPU time this thread used since the last reading (ms; Linux only, in 10 ms ticks): unlike the busy share, not inflated when the machine is loaded. */
  cpuMs?: number;
  /**
   * Long tasks since the last reading (Linux only): stretches of at least LONG_TASK_MS of this
   * thread's CPU time between two turns of a timer due every LONG_TASK_SAMPLE_MS — what a
   * message arriving meanwhile waited behind. Counts per bucket of LONG_TASK_BUCKETS_MS (lower
   * bounds), their CPU in all, the longest, and the garbage-collection pauses that began in them.
   */
  longTasks?: { counts: number[]; totalMs: number; maxMs: number; gcMs: number; traced?: string[] };
};

/**
 * KUBECOACH_TRACE_LONG_TASKS (on: "1", "true", "on"): each long task of the reading also says what
 * began in it: the kinds of work marked with markTask (a worker's messages by kind, saves, template
 * parts), the piece that took the most CPU, and the garbage collections by kind, e.g.
 * "312 ms: exec×40, save×12 (longest piece: save 9 ms); GC scavenge 121 ms". Each mark reads this
 * thread's CPU time (a /proc read, some microseconds). Off, markTask does nothing.
 */
const tracing = ["1", "true", "on"].includes((process.env.KUBECOACH_TRACE_LONG_TASKS ?? "").trim().toLowerCase());
/** Work begun since the sampler's last turn: its kind, and this thread's CPU time (ms) when it began. */
let marks: { label: string; cpu: number }[] = [];

/** When this thread last began foreground work (performance.now()): what background work waits to be quiet after. */
let lastWorkAt = -Infinity;

/**
 * Notes that work of kind `label` begins now (what a long task is made of, when tracing). Work
 * marked `background` (template prefetch) does not count against the thread being quiet.
 */
export function markTask(label: string, background = false): void {
  if (!background) lastWorkAt = performance.now();
  if (tracing) marks.push({ label, cpu: threadRunMs() ?? 0 });
}

/** Milliseconds since this thread last began foreground work (a message, a save, a template an attempt waits for); Infinity before any. */
export function msSinceWork(now = performance.now()): number {
  return now - lastWorkAt;
}

/** Lower bounds (CPU ms) of the long-task buckets; the first is what counts as long. */
export const LONG_TASK_BUCKETS_MS = [50, 100, 200, 500] as const;
const LONG_TASK_MS = LONG_TASK_BUCKETS_MS[0];
const LONG_TASK_SAMPLE_MS = 20;

/** This thread's time on a CPU so far (ms; /proc/thread-self/schedstat counts nanoseconds, Linux); undefined elsewhere. */
export function threadRunMs(): number | undefined {
  try {
    return Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** This thread's CPU time so far (ms), from /proc/thread-self (Linux); undefined elsewhere. */
function threadCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    // The fields after the command name (which may hold spaces) start with the state; utime and stime are the 12th and 13th of them.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

const KINDS: Record<number, GcKind> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "scavenge",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "mark-compact",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weak-callbacks",
};

/** Starts watching this thread; `read()` returns what happened since the previous reading. */
export function watchThreadHealth(): { read(): ThreadHealth; stop(): void } {
  let gc: ThreadHealth["gc"] = {};
  /** Collections since the last reading (start, ms, kind), to tell how much of a long task they were. */
  let collections: { start: number; ms: number; kind?: GcKind }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = KINDS[((entry as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind ?? -1];
      collections.push({ start: entry.startTime, ms: entry.duration, kind });
      if (!kind) continue;
      const pauses = (gc[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
      pauses.count++;
      pauses.totalMs += entry.duration;
      pauses.maxMs = Math.max(pauses.maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const ms = (ns: number) => Math.max(0, ns / 1e6 - 10);
  let cpuBefore = threadCpuMs();
  const long = watchLongTasks();
  return {
    read() {
      const cpuNow = threadCpuMs();
      const reading: ThreadHealth = { gc, delay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) } };
      if (cpuNow !== undefined && cpuBefore !== undefined) reading.cpuMs = cpuNow - cpuBefore;
      const longTasks = long?.read(collections);
      if (longTasks) reading.longTasks = longTasks;
      cpuBefore = cpuNow;
      gc = {};
      collections = [];
      delay.reset();
      return reading;
    },
    stop() {
      observer.disconnect();
      delay.disable();
      long?.stop();
    },
  };
}

/** Long tasks by this thread's CPU time (see ThreadHealth.longTasks); undefined where the thread's CPU time cannot be read. */
function watchLongTasks(): { read(pauses: { start: number; ms: number; kind?: GcKind }[]): NonNullable<ThreadHealth["longTasks"]>; stop(): void } | undefined {
  let lastRun = threadRunMs();
  if (lastRun === undefined) return undefined;
  let lastTurn = performance.now();
  let found: { start: number; end: number; cpuMs: number; began?: Map<string, number>; longest?: { label: string; ms: number } }[] = [];
  const sampler = setInterval(() => {
    const run = threadRunMs()!;
    const now = performance.now();
    if (run - lastRun! >= LONG_TASK_MS) found.push({ start: lastTurn, end: now, cpuMs: run - lastRun!, ...(tracing ? { began: countMarks(), longest: longestPiece(lastRun!, run) } : {}) });
    marks = [];
    lastRun = run;
    lastTurn = now;
  }, LONG_TASK_SAMPLE_MS);
  sampler.unref();
  return {
    read(pauses) {
      const counts = LONG_TASK_BUCKETS_MS.map(() => 0);
      let totalMs = 0;
      let maxMs = 0;
      let gcMs = 0;
      const traced: string[] = [];
      for (const task of found) {
        counts[LONG_TASK_BUCKETS_MS.findLastIndex((bound) => task.cpuMs >= bound)]!++;
        totalMs += task.cpuMs;
        maxMs = Math.max(maxMs, task.cpuMs);
        const gcByKind = new Map<string, number>();
        for (const pause of pauses) {
          if (pause.start < task.start || pause.start >= task.end) continue;
          gcMs += pause.ms;
          gcByKind.set(pause.kind ?? "other", (gcByKind.get(pause.kind ?? "other") ?? 0) + pause.ms);
        }
        if (task.began) traced.push(describeTask(task.cpuMs, task.began, gcByKind, task.longest));
      }
      found = [];
      return { counts, totalMs, maxMs, gcMs, ...(tracing ? { traced } : {}) };
    },
    stop: () => clearInterval(sampler),
  };
}

/** The marks since the sampler's last turn, counted by label. */
function countMarks(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mark of marks) counts.set(mark.label, (counts.get(mark.label) ?? 0) + 1);
  return counts;
}

/**
 * The piece of work that took the most CPU between the sampler's turns (from `fromCpu` to `toCpu`):
 * each mark's piece lasts until the next mark (the last until `toCpu`), and what ran before the
 * first mark is "unmarked" (timers, a command's continuation). A long task of many small pieces is
 * a backlog (work that queued up while the thread was held); one of a single large piece is heavy work.
 */
function longestPiece(fromCpu: number, toCpu: number): { label: string; ms: number } {
  let longest = { label: "unmarked", ms: (marks[0]?.cpu ?? toCpu) - fromCpu };
  marks.forEach((mark, i) => {
    const ms = (marks[i + 1]?.cpu ?? toCpu) - mark.cpu;
    if (ms > longest.ms) longest = { label: mark.label, ms };
  });
  return longest;
}

function describeTask(cpuMs: number, began: Map<string, number>, gcByKind: Map<string, number>, longest?: { label: string; ms: number }): string {
  const work = [...began].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label}×${n}`);
  const gc = [...gcByKind].map(([kind, ms]) => `${kind} ${ms.toFixed(0)} ms`);
  const piece = longest ? ` (longest piece: ${longest.label} ${longest.ms.toFixed(0)} ms)` : "";
  return `${cpuMs.toFixed(0)} ms: ${work.join(", ") || "no marked work"}${piece}${gc.length ? `; GC ${gc.join(", ")}` : ""}`;
}

/** One line for a benchmark: CPU (per command, given how many ran), the pauses and the delay. */
export function describeHealth(health: ThreadHealth, commands?: number): string {
  const pauses = Object.entries(health.gc)
    .map(([kind, p]) => `${kind} ${p.count}× ${p.totalMs.toFixed(0)} ms (max ${p.maxMs.toFixed(0)})`)
    .join(", ");
  const cpu = health.cpuMs === undefined ? "" : `CPU ${health.cpuMs.toFixed(0)} ms${commands ? ` (${(health.cpuMs / commands).toFixed(2)} ms per command)` : ""}; `;
  const long = health.longTasks;
  const longTasks = long
    ? `; long tasks by CPU ${LONG_TASK_BUCKETS_MS.map((bound, i) => `≥${bound} ms ${long.counts[i]}×`).join(", ")}, ${long.totalMs.toFixed(0)} ms in all (max ${long.maxMs.toFixed(0)}, GC pauses in them ${long.gcMs.toFixed(0)} ms)`
    : "";
  const traced = long?.traced?.length ? `\n    long tasks (KUBECOACH_TRACE_LONG_TASKS): ${long.traced.join(" | ")}` : "";
  return `${cpu}loop delay p50 ${health.delay.p50.toFixed(0)}, p99 ${health.delay.p99.toFixed(0)}, max ${health.delay.max.toFixed(0)} ms; GC ${pauses || "none"}${longTasks}${traced}`;
}
