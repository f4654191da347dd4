import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { finishPod } from "./fake-kubelet";
import { testCluster } from "./harness";

type T = ReturnType<typeof testCluster>;
const job = (name: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name, namespace: "default" },
  spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox" }] } }, ...spec },
});
const jobPods = (t: T, name: string) => t.pods().filter((p) => p.metadata.labels?.["job-name"] === name);
const running = (t: T, name: string) => jobPods(t, name).filter((p) => (p.status as { phase?: string })?.phase === "Running");
const finishAll = (t: T, name: string, code: number) => {
  for (const p of running(t, name)) finishPod(t.client, p, t.env.clock.nowRfc3339(), code);
};
const conditions = (o: KubeObject) => ((o.status as { conditions?: { type: string; reason: string; message: string }[] }).conditions ?? []).map((c) => `${c.type} ${c.reason}: ${c.message}`);
const getJob = (t: T, name: string) => t.client.get("batch", "jobs", "default", name)!;

describe("Job controller", () => {
  it("runs completions with parallelism and reports SuccessCriteriaMet then Complete", () => {
    const t = testCluster();
    t.client.create(job("pi", { completions: 3, parallelism: 2 }));
    expect(jobPods(t, "pi")).toHaveLength(2);
    expect(jobPods(t, "pi")[0].metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    t.advance(1000);
    expect(getJob(t, "pi").status).toMatchObject({ active: 2, ready: 2, terminating: 0, uncountedTerminatedPods: {} });
    finishAll(t, "pi", 0);
    expect(getJob(t, "pi").status).toMatchObject({ active: 1, succeeded: 2 });
    t.advance(1000);
    finishAll(t, "pi", 0);
    const done = getJob(t, "pi");
    expect(conditions(done)).toEqual([
      "SuccessCriteriaMet CompletionsReached: Reached expected number of succeeded pods",
      "Complete CompletionsReached: Reached expected number of succeeded pods",
    ]);
    expect(done.status).toMatchObject({ succeeded: 3, completionTime: expect.any(String) });
    expect(t.events().filter((e) => e.object === "Job/pi").map((e) => e.reason)).toEqual(["SuccessfulCreate", "SuccessfulCreate", "SuccessfulCreate", "Completed"]);
    expect(jobPods(t, "pi").every((p) => !p.metadata.finalizers)).toBe(true);
  });

  it("retries failed pods with backoff and fails with BackoffLimitExceeded", () => {
    const t = testCluster();
    t.client.create(job("flaky", { backoffLimit: 1 }));
    t.advance(1000);
    finishAll(t, "flaky", 1);
    expect(jobPods(t, "flaky")).toHaveLength(1);
    t.advance(10_000);
    expect(jobPods(t, "flaky")).toHaveLength(2);
    t.advance(1000);
    finishAll(t, "flaky", 1);
    expect(conditions(getJob(t, "flaky"))).toEqual([
      "FailureTarget BackoffLimitExceeded: Job has reached the specified backoff limit",
      "Failed BackoffLimitExceeded: Job has reached the specified backoff limit",
    ]);
    expect(getJob(t, "flaky").status).toMatchObject({ failed: 2 });
  });

  it("gives Indexed jobs one pod per completion index and records completedIndexes", () => {
    const t = testCluster();
    t.client.create(job("idx", { completions: 3, parallelism: 3, completionMode: "Indexed" }));
    const pods = jobPods(t, "idx");
    expect(pods.map((p) => p.metadata.labels?.["batch.kubernetes.io/job-completion-index"]).sort()).toEqual(["0", "1", "2"]);
    expect(pods.map((p) => p.metadata.name).every((n) => /^idx-[012]-[a-z0-9]{5}$/.test(n!))).toBe(true);
    t.advance(1000);
    const one = running(t, "idx").filter((p) => p.metadata.labels?.["batch.kubernetes.io/job-completion-index"] !== "1");
    for (const p of one) finishPod(t.client, p, t.env.clock.nowRfc3339(), 0);
    expect(getJob(t, "idx").status).toMatchObject({ completedIndexes: "0,2", succeeded: 2 });
  });

  it("fails at activeDeadlineSeconds and deletes its pods", () => {
    const t = testCluster();
    t.client.create(job("slow", { activeDeadlineSeconds: 30 }));
    t.advance(31_000);
    expect(conditions(getJob(t, "slow"))).toContain("Failed DeadlineExceeded: Job was active longer than specified deadline");
    expect(jobPods(t, "slow")).toHaveLength(0);
  });

  it("applies podFailurePolicy FailJob on a matching exit code", () => {
    const t = testCluster();
    t.client.create(job("policy", { podFailurePolicy: { rules: [{ action: "FailJob", onExitCodes: { containerName: "main", operator: "In", values: [42] } }] } }));
    t.advance(1000);
    const [pod] = running(t, "policy");
    finishAll(t, "policy", 42);
    expect(conditions(getJob(t, "policy"))).toContain(`Failed PodFailurePolicy: Container main for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 0`);
  });

  it("deletes a finished job after ttlSecondsAfterFinished", () => {
    const t = testCluster();
    t.client.create(job("short", { ttlSecondsAfterFinished: 60 }));
    t.advance(1000);
    finishAll(t, "short", 0);
    t.advance(59_000);
    expect(t.client.get("batch", "jobs", "default", "short")).toBeDefined();
    t.advance(2000);
    expect(t.client.get("batch", "jobs", "default", "short")).toBeUndefined();
  });
});

describe("CronJob controller", () => {
  const cronjob = (spec: Record<string, unknown> = {}) => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "hello", namespace: "default" },
    spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template: { spec: { restartPolicy: "OnFailure", containers: [{ name: "c", image: "busybox" }] } } } }, ...spec },
  });

  it("creates <name>-<minutes since epoch> at each scheduled time and tracks it as active", () => {
    const t = testCluster();
    t.client.create(cronjob());
    t.advance(5 * 60_000 - 1000);
    expect(t.client.list("batch", "jobs", "default")).toHaveLength(0);
    t.advance(2000);
    const [created] = t.client.list("batch", "jobs", "default");
    const minutes = Math.floor(Date.UTC(2026, 0, 1, 0, 5) / 60_000);
    expect(created.metadata.name).toBe(`hello-${minutes}`);
    expect(created.metadata.annotations).toEqual({ "batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-01-01T00:05:00Z" });
    const cj = t.client.get("batch", "cronjobs", "default", "hello")!;
    expect(cj.status).toMatchObject({ lastScheduleTime: "2026-01-01T00:05:00Z", active: [{ kind: "Job", name: created.metadata.name }] });
    expect(t.events().filter((e) => e.object === "CronJob/hello").map((e) => e.message)).toEqual([`Created job hello-${minutes}`]);
  });

  it("Forbid skips a run while one is active; Replace replaces the running one", () => {
    const t = testCluster();
    t.client.create(cronjob({ concurrencyPolicy: "Forbid" }));
    t.advance(10 * 60_000 + 1000);
    expect(t.client.list("batch", "jobs", "default")).toHaveLength(1);
    expect(t.events().some((e) => e.reason === "JobAlreadyActive")).toBe(true);
    t.client.patch("batch", "cronjobs", "default", "hello", { spec: { concurrencyPolicy: "Replace" } });
    t.advance(5 * 60_000);
    const jobs = t.client.list("batch", "jobs", "default");
    expect(jobs).toHaveLength(1);
    expect(jobs[0].metadata.name).toBe(`hello-${Math.floor(Date.UTC(2026, 0, 1, 0, 15) / 60_000)}`);
  });

  it("keeps successfulJobsHistoryLimit finished jobs, deleting the oldest with an event", () => {
    const t = testCluster();
    t.client.create(cronjob({ successfulJobsHistoryLimit: 2 }));
    const names: string[] = [];
    t.advance(2000);
    for (let run = 1; run <= 4; run++) {
      t.advance(5 * 60_000);
      const fresh = t.client.list("batch", "jobs", "default").find((j) => !names.includes(j.metadata.name!))!;
      names.push(fresh.metadata.name!);
      finishAll(t, fresh.metadata.name!, 0);
      t.advance(1000);
    }
    // The fourth run's completion leaves three complete jobs: the oldest two are gone by now.
    expect(t.client.list("batch", "jobs", "default").map((j) => j.metadata.name).sort()).toEqual(names.slice(2).sort());
    expect(t.events().filter((e) => e.object === "CronJob/hello" && e.reason === "SuccessfulDelete").map((e) => e.message)).toEqual(names.slice(0, 2).map((n) => `Deleted job ${n}`));
  });

  it("reads the schedule in spec.timeZone and does nothing while suspended", () => {
    // A day of cluster time: no kubelet heartbeats needed to watch the schedule.
    const t = testCluster({ kubelet: { heartbeat: false } });
    t.client.create(cronjob({ schedule: "0 9 * * *", timeZone: "Europe/Berlin", suspend: true }));
    // Hour by hour: the environment catches up longer gaps coarsely (as a cluster that was off would).
    const hours = (n: number) => {
      for (let i = 0; i < n; i++) t.advance(3600_000);
    };
    hours(9);
    expect(t.client.list("batch", "jobs", "default")).toHaveLength(0);
    t.client.patch("batch", "cronjobs", "default", "hello", { spec: { suspend: false, startingDeadlineSeconds: 60 } });
    hours(24);
    const [created] = t.client.list("batch", "jobs", "default");
    // 09:00 in Berlin (UTC+1 in January) is 08:00 UTC.
    expect(created.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe("2026-01-02T09:00:00+01:00");
  });
});
