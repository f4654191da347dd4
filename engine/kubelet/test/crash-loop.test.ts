import { describe, expect, it } from "vitest";
import { createPod, lab, podRow } from "./helpers";

describe("a crash-looping container", () => {
  it("counts every restart and waits out a back-off doubling from 10 s between them, in CrashLoopBackOff", () => {
    const env = lab();
    const cluster = env.cluster();
    createPod(cluster, { metadata: { name: "crasher" }, spec: { containers: [{ name: "c", image: "busybox:1.36", command: ["sh", "-c", "echo starting; sleep 3; exit 1"] }] } });
    // Second by second, as `kubectl get pod -w` would show it: when RESTARTS goes up, and what STATUS says just before.
    const restarts: { at: number; before: string }[] = [];
    let previous = podRow(cluster, "default", "crasher");
    for (let second = 1; second <= 400; second++) {
      env.advanceBy(1000);
      const row = podRow(cluster, "default", "crasher");
      // RESTARTS reads "2 (5s ago)": the count is what changes at a restart.
      if (row.restarts.split(" ")[0] !== previous.restarts.split(" ")[0]) restarts.push({ at: second, before: previous.status });
      previous = row;
    }
    const gaps = restarts.slice(1).map((r, i) => r.at - restarts[i].at);
    // Each run lasts 3 s; the back-off after it doubles: 10 s, 20 s, 40 s, 80 s, 160 s.
    expect(gaps).toEqual([13, 23, 43, 83, 163]);
    expect(restarts.slice(1).map((r) => r.before)).toEqual(Array(5).fill("CrashLoopBackOff"));
    expect(previous.restarts).toMatch(/^6 \(\d+s ago\)$/);
    // 400 simulated seconds, each read as a table: slow on a loaded machine.
  }, 60_000);
});
