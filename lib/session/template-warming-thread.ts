// The warming thread (see template-warming.ts): makes the setup template of every built-in scenario
// and mock exam at the lowest CPU priority, away from the threads that serve learners. Either it
// posts each one as JSON parts to the thread that started it, keeping none (its memory stays small),
// and exits when done; or (`keep`, the session workers' shared thread) it keeps the parts and
// answers the serving threads' requests for them (shared-templates.ts) for as long as the process runs.
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { shellScriptRunner } from "./script-runner";
import { rankTemplateJobs, SESSION_RUNNER_NAME, warmingJobs, type FromWarmingThread, type ToWarmingThread, type WarmingThreadData } from "./template-warming";
import { offerTemplates, serveTemplates } from "./shared-templates";
import { nameScriptRunner } from "../scenarios/run";
import { NO_PACE, takeSetupTemplateParts } from "../../engine/cluster/setup-templates";
import { yieldCpuToOtherThreads } from "./thread-priority";

const port = parentPort;
if (!port) throw new Error("lib/session/template-warming-thread.ts runs as a worker thread (see template-warming.ts)");
const post = (message: FromWarmingThread) => port.postMessage(message);

// Warming is ahead-of-time work: learners' commands on the serving threads come first.
yieldCpuToOtherThreads();
nameScriptRunner(shellScriptRunner, SESSION_RUNNER_NAME);
/** The time the templates stand for: when warming started (attempts within 30 days of it copy them). */
const { startTime, catalogue, keep } = workerData as WarmingThreadData;
const kept = new Map<string, string[]>();
/** Every job, likeliest first; the ones not made yet, in the order they will be. */
let ranked = rankTemplateJobs(warmingJobs(catalogue, shellScriptRunner));
const queue = [...ranked];
/** The serving threads: each is offered the kept templates, likeliest first, as more are made. */
const serving = new Set<MessagePort>();
/** Characters of each kept template's JSON (what it will cost a thread that takes it in). */
const sizes = new Map<string, number>();
const offer = (to: Iterable<MessagePort>) => {
  const keys = ranked.filter((job) => kept.has(job.key)).map((job) => job.key);
  const chars = keys.map((key) => sizes.get(key) ?? 0);
  if (keys.length > 0) for (const p of to) offerTemplates(p, keys, chars);
};
if (keep) {
  port.on("message", (message: ToWarmingThread) => {
    if (message.t === "serve") {
      const served = message.port as MessagePort;
      serveTemplates(served, (key) => kept.get(key));
      serving.add(served);
      served.on("close", () => serving.delete(served));
      offer([served]);
    } else if (message.t === "rank") {
      ranked = rankTemplateJobs(ranked, message.starts);
      queue.splice(0, queue.length, ...rankTemplateJobs(queue, message.starts));
      offer(serving);
    } else post({ t: "heapUsed", bytes: heapAfterCollection() });
  });
}
for (let job = queue.shift(); job; job = queue.shift()) {
  // A turn of the event loop between templates: requests that came meanwhile are answered.
  if (keep) await new Promise((resolve) => setImmediate(resolve));
  try {
    await job.warm(startTime, NO_PACE);
    const parts = takeSetupTemplateParts(job.key);
    if (parts && keep) {
      kept.set(job.key, parts);
      sizes.set(job.key, parts.reduce((sum, part) => sum + part.length, 0));
      post({ t: "made", id: job.id, key: job.key });
      offer(serving);
    } else if (parts) post({ t: "template", id: job.id, key: job.key, parts });
  } catch (e) {
    post({ t: "failed", id: job.id, error: (e instanceof Error ? e.message : String(e)).split("\n")[0] });
  }
}
post({ t: "done" });

function heapAfterCollection(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return getHeapStatistics().used_heap_size;
}
