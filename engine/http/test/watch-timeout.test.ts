import { request } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { SYSTEM_ADMIN } from "../../api/types";
import { serveEnvironment, type RunningServer } from "../serve";
import { watchTimeoutMs } from "../handler";

const PORT = 7103;
let server: RunningServer | undefined;
let token = "";

interface WatchResult {
  status: number;
  chunked: boolean;
  events: { type: string; object: { metadata?: { name?: string } } }[];
  /** The response ended normally (the chunked terminator arrived), not by a reset. */
  completed: boolean;
}

function watch(query: string): Promise<WatchResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server!.url}/clusters/kubernetes/api/v1/namespaces/kube-system/pods?${query}`,
      { ca: server!.caPem, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            chunked: res.headers["transfer-encoding"] === "chunked",
            events: text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as WatchResult["events"][number]),
            completed: res.complete,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("watch requests over HTTP", () => {
  beforeAll(async () => {
    const env = Environment.create(undefined, { startTime: Date.UTC(2031, 0, 1), seed: 3 });
    token = "watch-timeout-test-token";
    env.cluster().authenticator.add(token, SYSTEM_ADMIN);
    server = await serveEnvironment(env, { port: PORT });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it("end at timeoutSeconds with the chunked stream closed cleanly, after the initial events", async () => {
    const result = await watch("watch=true&timeoutSeconds=1");
    expect(result.status).toBe(200);
    expect(result.chunked).toBe(true);
    expect(result.completed).toBe(true);
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.events.every((e) => e.type === "ADDED")).toBe(true);
    expect(result.events.map((e) => e.object.metadata?.name)).toContain("etcd-controlplane");
  }, 30_000);
});

describe("a watch's timeout", () => {
  it("is timeoutSeconds when given, else between the minimum request timeout (30 min) and twice it", () => {
    expect(watchTimeoutMs(new URLSearchParams("timeoutSeconds=42"))).toBe(42_000);
    for (let i = 0; i < 50; i++) {
      const ms = watchTimeoutMs(new URLSearchParams("timeoutSeconds=0"), i);
      expect(ms).toBeGreaterThanOrEqual(1_800_000);
      expect(ms).toBeLessThan(3_600_000);
    }
    expect(watchTimeoutMs(new URLSearchParams(), 1)).not.toBe(watchTimeoutMs(new URLSearchParams(), 2));
  });
});
