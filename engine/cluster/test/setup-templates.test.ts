import { describe, expect, it } from "vitest";
import { SYSTEM_ADMIN, type KubeObject } from "../../api/types";
import { DEFAULT_ENVIRONMENT, DEFAULT_START_TIME, type Environment } from "../environment";
import { createPrepared, putSetupTemplate, putSetupTemplateParts, takeSetupTemplate, takeSetupTemplateParts, warmPrepared } from "../setup-templates";

const DAY = 24 * 3600 * 1000;

/** A setup as scenarios write them: a deployment, a file on the node, then a minute of settling. */
function setup(counter: { runs: number }) {
  return async (env: Environment) => {
    counter.runs++;
    env.cluster().admin.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } } },
    });
    env.hosts.get("controlplane")!.fs.writeFileSync("/root/notes.txt", "set up\n");
    env.advanceBy(60_000);
    return { exitCode: 0, stdout: "deployment.apps/web created\n", stderr: "" };
  };
}

const pods = (env: Environment) => env.cluster().clientFor(SYSTEM_ADMIN).list("", "pods", "default");
const start = (startTime = DEFAULT_START_TIME + 9 * 3600_000, seed = 1) => ({ startTime, seed });

function createPod(env: Environment, name: string): KubeObject {
  return env.cluster().clientFor(SYSTEM_ADMIN).create({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx:1.27" }] } });
}

describe("environments prepared from a setup template", () => {
  it("run the setup once per key; every attempt is the same cluster, with the setup's result", async () => {
    const counter = { runs: 0 };
    const first = await createPrepared("test:once", DEFAULT_ENVIRONMENT, start(), setup(counter));
    const second = await createPrepared("test:once", DEFAULT_ENVIRONMENT, start(), setup(counter));
    expect(counter.runs).toBe(1);
    expect([first.cold, second.cold]).toEqual([true, false]);
    expect(second.result.stdout).toBe("deployment.apps/web created\n");
    expect(JSON.stringify(second.env.snapshot())).toBe(JSON.stringify(first.env.snapshot()));
    expect(pods(second.env).map((p) => (p.status as { phase?: string }).phase)).toEqual(["Running", "Running"]);
    expect(second.env.hosts.get("controlplane")!.fs.readFileSync("/root/notes.txt")).toBe("set up\n");
  });

  it("are independent: what one attempt does never shows in another", async () => {
    const counter = { runs: 0 };
    const first = await createPrepared("test:independent", DEFAULT_ENVIRONMENT, start(), setup(counter));
    createPod(first.env, "only-in-first");
    first.env.hosts.get("controlplane")!.fs.writeFileSync("/root/notes.txt", "changed\n");
    first.env.advanceBy(30_000);
    const second = await createPrepared("test:independent", DEFAULT_ENVIRONMENT, start(), setup(counter));
    expect(pods(second.env).map((p) => p.metadata.name)).not.toContain("only-in-first");
    expect(second.env.hosts.get("controlplane")!.fs.readFileSync("/root/notes.txt")).toBe("set up\n");
    expect(JSON.stringify(second.env.snapshot().clusters[0].extra)).not.toContain("only-in-first");
  });

  it("start at their own time: setup's objects are as old as they were, the clock as far on", async () => {
    const counter = { runs: 0 };
    const first = await createPrepared("test:time", DEFAULT_ENVIRONMENT, start(), setup(counter));
    const later = await createPrepared("test:time", DEFAULT_ENVIRONMENT, start(DEFAULT_START_TIME + 9 * 3600_000 + 2 * DAY), setup(counter));
    expect(counter.runs).toBe(1);
    expect(later.env.clock.now() - first.env.clock.now()).toBe(2 * DAY);
    const created = (env: Environment) => Date.parse(pods(env)[0].metadata.creationTimestamp!);
    expect(created(later.env) - created(first.env)).toBe(2 * DAY);
  });

  it("follow their own seed after setup, and never reuse a uid setup handed out", async () => {
    const counter = { runs: 0 };
    const attempt = async (seed: number) => {
      const { env } = await createPrepared("test:seeds", DEFAULT_ENVIRONMENT, start(undefined, seed), setup(counter));
      const setupUids = new Set(env.cluster().store.snapshot().objects.map(([, o]) => o.metadata.uid));
      const pod = createPod(env, "mine");
      return { uid: pod.metadata.uid!, reused: setupUids.has(pod.metadata.uid) };
    };
    const [one, five, fiveAgain, seven] = [await attempt(1), await attempt(5), await attempt(5), await attempt(7)];
    expect(fiveAgain.uid).toBe(five.uid);
    expect(new Set([one.uid, five.uid, seven.uid]).size).toBe(3);
    expect([one.reused, five.reused, seven.reused]).toEqual([false, false, false]);
  });

  it("are made again for a new key (an edited setup), and not kept when setup fails", async () => {
    const counter = { runs: 0 };
    await createPrepared("test:v1", DEFAULT_ENVIRONMENT, start(), setup(counter));
    await createPrepared("test:v2", DEFAULT_ENVIRONMENT, start(), setup(counter));
    expect(counter.runs).toBe(2);
    let failures = 0;
    const failing = async () => {
      failures++;
      throw new Error("setup exited with 1");
    };
    await expect(createPrepared("test:failing", DEFAULT_ENVIRONMENT, start(), failing)).rejects.toThrow("setup exited with 1");
    await expect(createPrepared("test:failing", DEFAULT_ENVIRONMENT, start(), failing)).rejects.toThrow("setup exited with 1");
    expect(failures).toBe(2);
  });

  it("handed to another thread as JSON, give the same attempts as where they were made", async () => {
    const counter = { runs: 0 };
    const later = start(DEFAULT_START_TIME + 9 * 3600_000 + 5 * DAY + 321, 11);
    expect(await warmPrepared("test:moved", DEFAULT_ENVIRONMENT, start().startTime, setup(counter), () => new Promise((r) => setImmediate(r)))).toBe(true);
    const here = await createPrepared("test:moved", DEFAULT_ENVIRONMENT, later, setup(counter));
    const json = takeSetupTemplate("test:moved")!;
    expect(takeSetupTemplate("test:moved")).toBeUndefined();
    expect(putSetupTemplate("test:moved", json)).toBe(true);
    expect(putSetupTemplate("test:moved", json)).toBe(false);
    const there = await createPrepared("test:moved", DEFAULT_ENVIRONMENT, later, setup(counter));
    expect(counter.runs).toBe(1);
    expect([here.cold, there.cold]).toEqual([false, false]);
    expect(there.result.stdout).toBe("deployment.apps/web created\n");
    expect(JSON.stringify(there.env.snapshot())).toBe(JSON.stringify(here.env.snapshot()));
  });

  it("handed over in parts, one part per turn of the event loop, give the same attempts; an attempt arriving meanwhile takes in the rest at once", async () => {
    const counter = { runs: 0 };
    const later = start(DEFAULT_START_TIME + 9 * 3600_000 + 2 * DAY + 777, 5);
    await warmPrepared("test:parts", DEFAULT_ENVIRONMENT, start().startTime, setup(counter), () => Promise.resolve());
    const here = await createPrepared("test:parts", DEFAULT_ENVIRONMENT, later, setup(counter));
    const parts = takeSetupTemplateParts("test:parts")!;
    expect(parts.length).toBeGreaterThan(5);
    let turns = 0;
    const stalled: (() => void)[] = [];
    // The receiver's turns never come back on their own: only the attempt's hurry finishes the take-in.
    const kept = putSetupTemplateParts("test:parts", parts, () => {
      turns++;
      return new Promise<void>((resolve) => stalled.push(resolve));
    });
    expect(turns).toBe(1);
    expect(await putSetupTemplateParts("test:parts", parts, () => Promise.resolve())).toBe(false);
    const attempt = createPrepared("test:parts", DEFAULT_ENVIRONMENT, later, setup(counter));
    stalled.shift()!();
    const there = await attempt;
    expect(await kept).toBe(true);
    expect(turns).toBe(1);
    expect(counter.runs).toBe(1);
    expect(there.cold).toBe(false);
    expect(JSON.stringify(there.env.snapshot())).toBe(JSON.stringify(here.env.snapshot()));
  });
});
