// One warming thread for all session workers (see template-warming.ts): it makes the setup template
// of every built-in scenario and mock exam once and keeps them as JSON parts; a worker asks it for a
// template only when an attempt there needs one (engine/cluster/setup-templates.ts, "template
// source"), and keeps the few its attempts use. Before, each worker made or took in every template
// (about 2.3 MB of frozen objects each, ~90 of them): hundreds of megabytes per worker, taken in
// while learners' commands ran, most of it surviving the young generation (long scavenges).
import type { MessagePort } from "node:worker_threads";
import { hasSetupTemplate, prefetchSetupTemplate, setSetupTemplateSource, type Pace } from "../../engine/cluster/setup-templates";
import { nameScriptRunner } from "../scenarios/run";
import { shellScriptRunner } from "./script-runner";
import { SESSION_RUNNER_NAME } from "./template-warming";
import { markTask, msSinceWork } from "./workers/health";
import { TemplatePrefetcher, unrefSleep } from "./template-prefetch";

/** A serving thread asks for the template of `key`. */
export type TemplateRequest = { t: "get"; id: number; key: string };
/** The warming thread answers: the template's parts, or null when it has none (not made yet, or its setup failed). */
export type TemplateAnswer = { t: "parts"; id: number; parts: string[] | null };
/** The warming thread tells each serving thread the keys it has templates of, likeliest first (again as it makes more, or learns what learners start). */
export type TemplateOffer = { t: "offer"; keys: string[]; chars: number[] };

/**
 * How long an attempt waits for an answer: the warming thread answers between two templates, and
 * one setup takes it up to a second of CPU at the lowest priority (longer on a busy machine). A
 * late answer is dropped; the attempt runs its setup here instead.
 */
export const ANSWER_WAIT_MS = 2000;

/** The warming thread's side of one serving thread's port: answers each request from `find`. */
export function serveTemplates(port: MessagePort, find: (key: string) => string[] | undefined): void {
  port.on("message", (request: TemplateRequest) => {
    if (request?.t !== "get") return;
    port.postMessage({ t: "parts", id: request.id, parts: find(request.key) ?? null } satisfies TemplateAnswer);
  });
}

/**
 * A serving thread's way to ask over `port`: resolves with the parts, or undefined when the warming
 * thread has none or is gone (the attempt then runs its setup here, as without warming). The port
 * holds the thread's event loop only while a question is open.
 */
export function askTemplatesOver(port: MessagePort, waitMs = ANSWER_WAIT_MS): (key: string) => Promise<string[] | undefined> {
  const open = new Map<number, (parts: string[] | undefined) => void>();
  let nextId = 1;
  let closed = false;
  const settle = (id: number, parts: string[] | undefined) => {
    open.get(id)?.(parts);
    open.delete(id);
    if (open.size === 0) port.unref();
  };
  port.on("message", (answer: TemplateAnswer) => {
    if (answer?.t === "parts") settle(answer.id, answer.parts ?? undefined);
  });
  port.on("close", () => {
    closed = true;
    for (const id of [...open.keys()]) settle(id, undefined);
  });
  port.unref();
  return (key) => {
    if (closed) return Promise.resolve(undefined);
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(id, undefined), waitMs);
      timer.unref();
      open.set(id, (parts) => {
        clearTimeout(timer);
        resolve(parts);
      });
      port.ref();
      port.postMessage({ t: "get", id, key } satisfies TemplateRequest);
    });
  };
}

/**
 * Attempts of the session runner in this thread copy the warming thread's templates (asked over
 * `port`), taking each in one part per `pace`. With `prefetchChars` (session workers, whose messages
 * mark their work in workers/health.ts), the likeliest templates offered, up to that many characters
 * of JSON, are taken in ahead of need while the thread is quiet (template-prefetch.ts). Returns the
 * prefetcher, if any.
 */
export function useSharedTemplates(port: MessagePort, pace: Pace, prefetchChars = 0): TemplatePrefetcher | undefined {
  // Templates are kept per runner: the session runner has the warming thread's name for it here too.
  nameScriptRunner(shellScriptRunner, SESSION_RUNNER_NAME);
  const marked: Pace = async () => {
    await pace();
    markTask("template part");
  };
  const prefetcher =
    prefetchChars > 0
      ? new TemplatePrefetcher({
          budgetChars: prefetchChars,
          fetch: prefetchSetupTemplate,
          has: hasSetupTemplate,
          sinceWork: () => msSinceWork(),
          sleep: unrefSleep,
          turn: pace,
          onPart: () => markTask("template prefetch", true),
        })
      : undefined;
  // Listening before askTemplatesOver unrefs the port: offers alone never keep the thread alive.
  port.on("message", (offer: TemplateOffer) => {
    if (offer?.t === "offer") prefetcher?.offer(offer.keys, offer.chars);
  });
  setSetupTemplateSource(askTemplatesOver(port), marked);
  return prefetcher;
}

/** The warming thread's side: offers `keys` (the templates it has, likeliest first; `chars`: each one's JSON characters) to a serving thread. */
export function offerTemplates(port: MessagePort, keys: string[], chars: number[]): void {
  port.postMessage({ t: "offer", keys, chars } satisfies TemplateOffer);
}
