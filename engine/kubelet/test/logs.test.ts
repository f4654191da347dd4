import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../cluster/environment";
import { createPod, lab, podRow, waitFor } from "./helpers";

function logs(env: Environment, name: string, query: Record<string, string> = {}): { status: number; body: string } {
  const c = env.cluster().admin;
  const r = c.request("GET", c.path("", "pods", "default", name, "log"), { query });
  const body = typeof r.body === "string" ? r.body : ((r.body as { message?: string }).message ?? "");
  return { status: r.status, body };
}

describe("pods/log", () => {
  let env: Environment;
  beforeAll(() => {
    env = lab();
    createPod(env.cluster(), { metadata: { name: "counter" }, spec: { containers: [{ name: "count", image: "busybox", command: ["sh", "-c", 'i=0; while true; do echo "$i: tick"; i=$((i+1)); sleep 1; done'] }] } });
    createPod(env.cluster(), { metadata: { name: "dies" }, spec: { containers: [{ name: "app", image: "busybox", command: ["sh", "-c", "echo starting; echo failed to connect to db >&2; exit 2"] }] } });
    createPod(env.cluster(), { metadata: { name: "two" }, spec: { containers: [{ name: "web", image: "nginx:1.27" }, { name: "side", image: "busybox", command: ["sleep", "1d"] }] } });
    waitFor(env, () => podRow(env.cluster(), "default", "counter").status === "Running");
    env.advanceBy(10_000);
  });

  it("returns what the container printed, one line per output line, with --tail and --timestamps", () => {
    const all = logs(env, "counter").body.split("\n").filter(Boolean);
    expect(all[0]).toBe("0: tick");
    expect(all.length).toBeGreaterThanOrEqual(10);
    const tail = logs(env, "counter", { tailLines: "2" }).body.split("\n").filter(Boolean);
    expect(tail).toEqual(all.slice(-2));
    expect(logs(env, "counter", { tailLines: "1", timestamps: "true" }).body).toMatch(/^2026-01-01T\d\d:\d\d:\d\d(\.\d+)?Z \d+: tick\n$/);
  });

  it("keeps the previous container's log for --previous after a crash", () => {
    waitFor(env, () => Number(podRow(env.cluster(), "default", "dies").restarts.split(" ")[0]) >= 1, 30_000);
    expect(logs(env, "dies", { previous: "true" }).body).toBe("starting\nfailed to connect to db\n");
  });

  it("asks for a container name when the pod has several", () => {
    const r = logs(env, "two");
    expect(r.status).toBe(400);
    expect(r.body).toBe("a container name must be specified for pod two, choose one of: [web side]");
    expect(logs(env, "two", { container: "web" }).body).toContain("/docker-entrypoint.sh: Configuration complete; ready for start up");
    expect(logs(env, "two", { container: "nope" }).body).toBe("container nope is not valid for pod two");
  });

  it("says a waiting container has no logs yet", () => {
    createPod(env.cluster(), { metadata: { name: "pulling" }, spec: { containers: [{ name: "app", image: "nginx:0.0.0-missing" }] } });
    env.advanceBy(5000);
    expect(logs(env, "pulling").body).toBe('container "app" in pod "pulling" is waiting to start: trying and failing to pull image');
  });

  it("writes the same lines to /var/log/pods on the node in the CRI format", () => {
    const pod = env.cluster().admin.get("", "pods", "default", "counter")!;
    const node = env.hosts.get((pod.spec as { nodeName: string }).nodeName)!;
    const dir = `/var/log/pods/default_counter_${pod.metadata.uid}/count`;
    const first = node.fs.readFileSync(`${dir}/0.log`)!.split("\n")[0];
    expect(first).toMatch(/^2026-01-01T\S+Z stdout F 0: tick$/);
  });
});
