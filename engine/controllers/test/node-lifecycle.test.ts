import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { Environment } from "../../cluster/environment";
import { clone } from "../../util/freeze";
import { lab } from "../../kubelet/test/helpers";
import { NODE_MONITOR_GRACE_MS } from "../node-lifecycle";

type Condition = { type: string; status: string; reason: string; message: string };
type Taint = { key: string; effect: string; timeAdded?: string };

const readyOf = (env: Environment, node: string) => ((env.cluster().admin.get("", "nodes", undefined, node)!.status as { conditions: Condition[] }).conditions.find((c) => c.type === "Ready")!);
const taintsOf = (env: Environment, node: string) => ((env.cluster().admin.get("", "nodes", undefined, node)!.spec as { taints?: Taint[] }).taints ?? []);
const renewTime = (env: Environment, node: string) => Date.parse((env.cluster().admin.get("coordination.k8s.io", "leases", "kube-node-lease", node)!.spec as { renewTime: string }).renewTime);
const pendingChecks = (env: Environment, node: string) => env.clock.pendingTimers().filter((t) => t.key === `node-lifecycle-controller|${node}`).length;

/** What a learner sees of node01 and its pods when it goes quiet: `kubectl get nodes`, `describe`, `get pods`. */
function outcome(env: Environment) {
  const pods = env.cluster().store.list("/pods").filter((p) => (p.spec as { nodeName?: string }).nodeName === "node01");
  return {
    ready: readyOf(env, "node01"),
    taints: taintsOf(env, "node01"),
    notReadyPods: pods.filter((p) => (p.status as { conditions?: Condition[] }).conditions?.some((c) => c.type === "Ready" && c.status === "False")).map((p: KubeObject) => p.metadata.name).sort(),
    events: env.cluster().store.list("/events").filter((e) => e.reason === "NodeNotReady").map((e) => `${(e.involvedObject as { name: string }).name}: ${e.message as string}`).sort(),
  };
}

describe("the node lifecycle controller", () => {
  it("keeps one pending health check per node while the node is healthy", () => {
    const env = lab();
    env.advanceBy(120_000);
    for (const node of ["controlplane", "node01", "node02"]) expect(pendingChecks(env, node)).toBe(1);
    env.advanceBy(95_000);
    for (const node of ["controlplane", "node01", "node02"]) expect(pendingChecks(env, node)).toBe(1);
  });

  it("marks a node whose kubelet stopped Unknown one second after the grace period, with its taints, pod readiness and event; a restore on the way changes nothing", () => {
    const env = lab();
    env.advanceBy(60_000);
    env.hosts.get("node01")!.services.stop("kubelet");
    const lastRenewal = renewTime(env, "node01");
    const markedAt = lastRenewal + NODE_MONITOR_GRACE_MS + 1000;
    const copy = Environment.restore(clone(env.snapshot()));
    for (const e of [env, copy]) {
      e.advanceTo(markedAt - 1);
      expect(readyOf(e, "node01")).toMatchObject({ status: "True", reason: "KubeletReady" });
      expect(taintsOf(e, "node01")).toEqual([]);
      e.advanceTo(markedAt);
      expect(readyOf(e, "node01")).toMatchObject({ status: "Unknown", reason: "NodeStatusUnknown", message: "Kubelet stopped posting node status." });
      expect(taintsOf(e, "node01")).toEqual([
        { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" },
        { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: new Date(markedAt).toISOString().replace(/\.\d{3}Z$/, "Z") },
      ]);
      expect(readyOf(e, "node02").status).toBe("True");
      expect(pendingChecks(e, "node01")).toBe(0);
    }
    expect(outcome(copy)).toEqual(outcome(env));
    expect(outcome(env).notReadyPods.length).toBeGreaterThan(0);
    const seen = outcome(env);
    expect(seen.events).toEqual(["node01: Node node01 status is now: NodeNotReady", ...seen.notReadyPods.map((pod) => `${pod}: Node is not ready`)].sort());

    // Back: the kubelet posts Ready, the controller lifts the taints and checks the node again.
    env.hosts.get("node01")!.services.start("kubelet");
    env.advanceBy(1000);
    expect(readyOf(env, "node01").status).toBe("True");
    expect(taintsOf(env, "node01")).toEqual([]);
    expect(pendingChecks(env, "node01")).toBe(1);
  });

  it("a lease renewal moved back in time is seen at once: the node goes Unknown at the earlier deadline", () => {
    const env = lab();
    env.advanceBy(60_000);
    env.hosts.get("node01")!.services.stop("kubelet");
    const admin = env.cluster().admin;
    // The node's own status heartbeat also counts; move it back too.
    const node = admin.get("", "nodes", undefined, "node01")!;
    const old = new Date(env.clock.now() - 30_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const conditions = (node.status as { conditions: (Condition & { lastHeartbeatTime: string })[] }).conditions.map((c) => ({ ...c, lastHeartbeatTime: old }));
    admin.request("PUT", admin.path("", "nodes", undefined, "node01", "status"), { body: { ...node, status: { ...(node.status as object), conditions } }, contentType: "application/json" });
    const lease = admin.get("coordination.k8s.io", "leases", "kube-node-lease", "node01")!;
    admin.update({ ...lease, spec: { ...(lease.spec as object), renewTime: old.replace("Z", ".000000Z") } });
    const deadline = Date.parse(old) + NODE_MONITOR_GRACE_MS + 1000;
    env.advanceTo(deadline - 1);
    expect(readyOf(env, "node01").status).toBe("True");
    env.advanceTo(deadline);
    expect(readyOf(env, "node01").status).toBe("Unknown");
  });
});
