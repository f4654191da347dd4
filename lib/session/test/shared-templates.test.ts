import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { SYSTEM_ADMIN } from "../../../engine/api/types";
import { DEFAULT_ENVIRONMENT, DEFAULT_START_TIME, type Environment } from "../../../engine/cluster/environment";
import { createPrepared, setSetupTemplateSource, takeSetupTemplateParts, warmPrepared } from "../../../engine/cluster/setup-templates";
import { askTemplatesOver, serveTemplates } from "../shared-templates";

const START = DEFAULT_START_TIME + 9 * 3600_000;

/** A setup that counts its runs: a deployment, then a minute of settling. */
function setup(counter: { runs: number }) {
  return async (env: Environment) => {
    counter.runs++;
    env.cluster().admin.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } },
    });
    env.advanceBy(60_000);
    return { exitCode: 0 };
  };
}
const pods = (env: Environment) => env.cluster().clientFor(SYSTEM_ADMIN).list("", "pods", "default");

afterEach(() => setSetupTemplateSource(undefined));

describe("setup templates shared by one warming thread", () => {
  it("an attempt copies the template the warming thread kept, taking it in a part per turn; one it does not have is made here", async () => {
    const counter = { runs: 0 };
    // The warming thread's side: it made the template and keeps its parts.
    await warmPrepared("test:shared", DEFAULT_ENVIRONMENT, START, setup(counter), () => Promise.resolve());
    const reference = await createPrepared("test:shared", DEFAULT_ENVIRONMENT, { startTime: START + 3600_000, seed: 4 }, setup(counter));
    const parts = takeSetupTemplateParts("test:shared")!;
    expect(parts.length).toBeGreaterThan(5);
    const { port1, port2 } = new MessageChannel();
    const asked: string[] = [];
    serveTemplates(port1, (key) => (asked.push(key), key === "test:shared" ? parts : undefined));
    let turns = 0;
    setSetupTemplateSource(askTemplatesOver(port2), () => (turns++, new Promise((resolve) => setImmediate(resolve))));

    const attempt = await createPrepared("test:shared", DEFAULT_ENVIRONMENT, { startTime: START + 3600_000, seed: 4 }, setup(counter));
    expect(counter.runs).toBe(1);
    expect(attempt.cold).toBe(false);
    expect(turns).toBe(parts.length - 1);
    expect(JSON.stringify(attempt.env.snapshot())).toBe(JSON.stringify(reference.env.snapshot()));
    expect(pods(attempt.env)).toHaveLength(2);
    // Kept here from then on: the next attempt does not ask again.
    await createPrepared("test:shared", DEFAULT_ENVIRONMENT, { startTime: START + 7200_000, seed: 5 }, setup(counter));
    expect(asked).toEqual(["test:shared"]);

    const unknown = await createPrepared("test:unknown", DEFAULT_ENVIRONMENT, { startTime: START, seed: 1 }, setup(counter));
    expect(asked).toEqual(["test:shared", "test:unknown"]);
    expect([unknown.cold, counter.runs]).toEqual([true, 2]);
    port1.close();
  });

  it("a warming thread that is gone or does not answer in time leaves the attempt to run its setup", async () => {
    const gone = new MessageChannel();
    const ask = askTemplatesOver(gone.port2, 5000);
    gone.port1.close();
    await new Promise((resolve) => setImmediate(resolve));
    const asked = performance.now();
    expect(await ask("test:any")).toBeUndefined();
    expect(performance.now() - asked).toBeLessThan(1000);

    const silent = new MessageChannel();
    const started = performance.now();
    expect(await askTemplatesOver(silent.port2, 30)("test:any")).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    silent.port1.close();

    const counter = { runs: 0 };
    setSetupTemplateSource(askTemplatesOver(new MessageChannel().port2, 30));
    expect((await createPrepared("test:silent", DEFAULT_ENVIRONMENT, { startTime: START, seed: 1 }, setup(counter))).cold).toBe(true);
    expect(counter.runs).toBe(1);
  });
});
