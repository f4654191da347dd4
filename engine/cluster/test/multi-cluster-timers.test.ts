import { describe, expect, it } from "vitest";
import { runScript } from "../../shell/script";
import { Environment } from "../environment";

/** Exam environments hold several clusters on one clock; each cluster's controller timers must reach its own controllers. */
describe("two clusters in one environment", () => {
  it("both pull images, start pods and bring kube-system up", async () => {
    const env = Environment.create({
      clusters: [
        { name: "k1", nodes: [{ name: "c1-controlplane", role: "control-plane", ip: "172.30.1.2" }, { name: "c1-node1", role: "worker", ip: "172.30.2.2" }] },
        { name: "k2", nodes: [{ name: "c2-controlplane", role: "control-plane", ip: "172.30.11.2" }, { name: "c2-node1", role: "worker", ip: "172.30.12.2" }] },
      ],
    });
    for (const cp of ["c1-controlplane", "c2-controlplane"]) expect((await runScript(env, { host: cp, script: "kubectl run web --image=nginx:1.27" })).exitCode).toBe(0);
    env.advanceBy(60_000);
    for (const cp of ["c1-controlplane", "c2-controlplane"]) {
      const out = (await runScript(env, { host: cp, script: "kubectl get pods -A --no-headers | grep -v Running | wc -l; kubectl get pod web -o jsonpath='{.status.phase}'" })).stdout;
      expect(out).toBe("0\nRunning");
    }
  });
});
