// A session worker's health report: long tasks are counted by the thread's own CPU time, so a
// command that computes for 150 ms counts and a thread that merely waited as long does not
// (a loaded machine stretches every wall-clock measure; long tasks must not grow with it).
import { describe, expect, it, vi } from "vitest";
import { describeHealth, threadRunMs, watchThreadHealth } from "../health";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Computes until this thread has used `ms` of CPU time. */
function compute(ms: number): void {
  const until = threadRunMs()! + ms;
  let x = 0;
  while (threadRunMs()! < until) for (let i = 0; i < 10_000; i++) x += i;
  expect(x).toBeGreaterThan(0);
}

describe.runIf(threadRunMs() !== undefined)("thread health: long tasks by CPU time", () => {
  it("counts a task that computes for 150 ms in the 100 ms bucket", async () => {
    const health = watchThreadHealth();
    try {
      await pause(60);
      health.read();
      compute(150);
      await pause(60);
      const reading = health.read();
      expect(reading.longTasks?.counts).toEqual([0, 1, 0, 0]);
      expect(reading.longTasks!.maxMs).toBeGreaterThanOrEqual(150);
      expect(describeHealth(reading)).toMatch(/long tasks by CPU ≥50 ms 0×, ≥100 ms 1×, ≥200 ms 0×, ≥500 ms 0×, \d+ ms in all \(max \d+, GC pauses in them \d+ ms\)/);
      // Each reading covers the time since the last one.
      await pause(60);
      expect(health.read().longTasks?.counts).toEqual([0, 0, 0, 0]);
    } finally {
      health.stop();
    }
  });

  it("does not count a thread that was blocked as long without computing (what a loaded machine does to it)", async () => {
    const health = watchThreadHealth();
    try {
      await pause(60);
      health.read();
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
      await pause(60);
      expect(health.read().longTasks?.counts).toEqual([0, 0, 0, 0]);
    } finally {
      health.stop();
    }
  });

  it("with KUBECOACH_TRACE_LONG_TASKS, says what work began in each long task and which collections ran in it", async () => {
    vi.stubEnv("KUBECOACH_TRACE_LONG_TASKS", "1");
    vi.resetModules();
    const traced = await import("../health");
    const health = traced.watchThreadHealth();
    try {
      await pause(60);
      health.read();
      traced.markTask("exec");
      compute(5);
      traced.markTask("exec");
      traced.markTask("save");
      compute(120);
      await pause(60);
      const reading = health.read();
      expect(reading.longTasks?.traced).toHaveLength(1);
      expect(reading.longTasks!.traced![0]).toMatch(/^\d+ ms: exec×2, save×1 \(longest piece: save \d+ ms\)(; GC (scavenge|mark-compact|incremental|weak-callbacks) \d+ ms.*)?$/);
      expect(Number(/save (\d+) ms/.exec(reading.longTasks!.traced![0])![1])).toBeGreaterThanOrEqual(115);
      expect(traced.describeHealth(reading)).toContain("long tasks (KUBECOACH_TRACE_LONG_TASKS): ");
      // Work marked before the long task is not counted in it.
      traced.markTask("input");
      await pause(60);
      compute(60);
      await pause(60);
      expect(health.read().longTasks!.traced![0]).toMatch(/no marked work/);
    } finally {
      health.stop();
      vi.unstubAllEnvs();
    }
  });
});
