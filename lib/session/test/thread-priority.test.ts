import { existsSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";

/** The nice value of one thread of this process, from /proc (field 19 of its stat line). */
function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
}

describe.runIf(existsSync("/proc/thread-self"))("yieldCpuToOtherThreads", () => {
  it("lowers only the calling thread's priority, as the template-warming thread does", async () => {
    const api = import.meta.resolve("tsx/esm/api");
    const util = new URL("../thread-priority.ts", import.meta.url).href;
    const code = `
      const { parentPort } = await import("node:worker_threads");
      const { readlinkSync } = await import("node:fs");
      (await import(${JSON.stringify(api)})).register();
      const { yieldCpuToOtherThreads } = await import(${JSON.stringify(util)});
      const lowered = yieldCpuToOtherThreads();
      parentPort.postMessage({ lowered, tid: Number(readlinkSync("/proc/thread-self").split("/").pop()) });
      await new Promise((resolve) => parentPort.once("message", resolve));
    `;
    const worker = new Worker(`import(${JSON.stringify(`data:text/javascript,${encodeURIComponent(code)}`)})`, { eval: true });
    try {
      const reply = await new Promise<{ lowered: boolean; tid: number }>((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      });
      expect(reply.lowered).toBe(true);
      expect(niceOf(reply.tid)).toBe(19);
      // This thread, which serves, keeps its priority.
      const self = Number(readFileSync("/proc/thread-self/stat", "utf8").split(" ")[0]);
      expect(niceOf(self)).toBe(0);
      worker.postMessage("done");
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});
