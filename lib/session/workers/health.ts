// What holds a thread's event loop: its garbage collection pauses by kind, and how late its
// timers ran (the event-loop delay: the longest stretch the thread could not answer anything).
// A session worker reports these so a benchmark (or an operator) can tell a slow command from a
// thread stalled by a collection or by another session's work.
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
};

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
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = KINDS[((entry as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind ?? -1];
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
  return {
    read() {
      const cpuNow = threadCpuMs();
      const reading: ThreadHealth = { gc, delay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) } };
      if (cpuNow !== undefined && cpuBefore !== undefined) reading.cpuMs = cpuNow - cpuBefore;
      cpuBefore = cpuNow;
      gc = {};
      delay.reset();
      return reading;
    },
    stop() {
      observer.disconnect();
      delay.disable();
    },
  };
}

/** One line for a benchmark: CPU (per command, given how many ran), the pauses and the delay. */
export function describeHealth(health: ThreadHealth, commands?: number): string {
  const pauses = Object.entries(health.gc)
    .map(([kind, p]) => `${kind} ${p.count}× ${p.totalMs.toFixed(0)} ms (max ${p.maxMs.toFixed(0)})`)
    .join(", ");
  const cpu = health.cpuMs === undefined ? "" : `CPU ${health.cpuMs.toFixed(0)} ms${commands ? ` (${(health.cpuMs / commands).toFixed(2)} ms per command)` : ""}; `;
  return `${cpu}loop delay p50 ${health.delay.p50.toFixed(0)}, p99 ${health.delay.p99.toFixed(0)}, max ${health.delay.max.toFixed(0)} ms; GC ${pauses || "none"}`;
}
