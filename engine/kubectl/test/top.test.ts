import { beforeAll, describe, expect, it } from "vitest";
import { installMetricsServer } from "../../kubelet/metrics/install";
import { KubectlBench } from "./harness";

/**
 * kubectl top against metrics.k8s.io: the real error while metrics-server is missing, then the
 * columns (with the tabwriter's trailing padding), sorting, containers, sums and the messages for
 * empty results once it runs.
 */
let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  expect((await k.run("top nodes")).stderr).toBe("error: Metrics API not available\n");
  installMetricsServer(k.env.cluster(), { insecureTls: true });
  expect((await k.run("create namespace compute")).code).toBe(0);
  expect((await k.run(["run", "cruncher", "-n", "compute", "--image=busybox:1.36", "--", "sh", "-c", "while true; do :; done"])).code).toBe(0);
  expect((await k.run("run idle -n compute --image=busybox:1.36 -- sleep 3600")).code).toBe(0);
  k.env.advanceBy(180_000);
}, 60_000);

describe("kubectl top", () => {
  it("says the Metrics API is not available without metrics-server", async () => {
    const bare = new KubectlBench();
    expect(await bare.run("top pods")).toEqual({ stdout: "", stderr: "error: Metrics API not available\n", code: 1 });
  });

  it("lists nodes with CPU and memory and their share of allocatable", async () => {
    const r = await k.run("top nodes");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("NAME           CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ");
    expect(lines.slice(1, -1).map((l) => l.split(/\s+/)[0])).toEqual(["controlplane", "node01", "node02"]);
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^\S+\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s+$/);
  });

  it("sorts pods by CPU with the busy one first, and --no-headers drops the header", async () => {
    const r = await k.run("top pods -n compute --sort-by=cpu --no-headers");
    const names = r.stdout.trim().split("\n").map((l) => l.split(/\s+/)[0]);
    expect(names).toEqual(["cruncher", "idle"]);
    const cpu = Number(/^cruncher\s+(\d+)m/.exec(r.stdout)![1]);
    expect(cpu).toBeGreaterThan(500);
  });

  it("shows containers and the sum like kubectl", async () => {
    const r = await k.run("top pods -n compute --containers --sum");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("POD        NAME       CPU(cores)   MEMORY(bytes)   ");
    expect(lines[1]).toMatch(/^cruncher   cruncher   \d+m +\d+Mi +$/);
    expect(lines[3]).toMatch(/^ {22}________ {5}________ {8}$/);
  });

  it("adds the namespace column with -A", async () => {
    const r = await k.run("top pods -A");
    expect(r.stdout.split("\n")[0]).toMatch(/^NAMESPACE +NAME +CPU\(cores\) +MEMORY\(bytes\) +$/);
    expect(r.stdout).toMatch(/\ncompute +cruncher +\d+m/);
    expect(r.stdout).toMatch(/\nkube-system +metrics-server-/);
  });

  it("answers empty results and bad flags as kubectl does", async () => {
    expect(await k.run("top pods")).toEqual({ stdout: "", stderr: "No resources found in default namespace.\n", code: 0 });
    expect((await k.run("top pods -n compute -l app=none")).stderr).toBe("No resources found in compute namespace.\n");
    expect((await k.run("top pod nope -n compute")).stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "nope" not found\n');
    expect((await k.run("top node --sort-by=disk")).stderr).toBe("error: --sort-by accepts only cpu or memory\n");
    expect((await k.run("top pod a -l x=y")).stderr).toBe("error: only one of NAME or selector can be provided\n");
  });

  it("says metrics are not available yet for pods too young to have been scraped", async () => {
    await k.run("run fresh -n compute --image=busybox:1.36 -- sleep 3600");
    k.env.advanceBy(5_000);
    expect((await k.run("top pod fresh -n compute")).stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "fresh" not found\n');
    expect((await k.run("top pods -n compute -l run=fresh")).stderr).toBe("error: metrics not available yet\n");
  });
});
