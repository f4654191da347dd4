import { describe, expect, it } from "vitest";
import { DEFAULT_ENVIRONMENT, Environment } from "../../cluster/environment";
import { createPod, podRow, waitFor } from "../../kubelet/test/helpers";
import { runScript } from "../../shell";

/**
 * The TTL ping prints is 64 less the routers the reply crossed: pods on one node talk through the
 * node's routing table under Calico (63) but through the cni0 bridge under Flannel (64); between
 * nodes the reply is routed out of one node and into the other (62).
 */
function labWith(networkPolicy: boolean): Environment {
  const env = Environment.create({ clusters: DEFAULT_ENVIRONMENT.clusters.map((c) => ({ ...c, networkPolicy })) });
  const c = env.cluster();
  for (const [name, node] of [["a", "node01"], ["b", "node01"], ["c", "node02"]]) {
    createPod(c, { metadata: { name }, spec: { nodeName: node, containers: [{ name: "box", image: "busybox", command: ["sleep", "1d"] }] } });
  }
  waitFor(env, () => ["a", "b", "c"].every((p) => podRow(c, "default", p).status === "Running"));
  return env;
}

async function ttls(env: Environment, fromPod: string, targets: string[]): Promise<string[]> {
  const c = env.cluster();
  const ip = (pod: string) => (c.store.get("/pods", "default", pod)?.status as { podIP: string }).podIP;
  const out: string[] = [];
  for (const target of targets) {
    const address = /^\d/.test(target) ? target : ip(target);
    const script = fromPod ? `kubectl exec ${fromPod} -- ping -c 1 ${address}` : `ping -c 1 ${address}`;
    const r = await runScript(env, { script });
    out.push(/ttl=(\d+)/.exec(r.stdout)?.[1] ?? r.stdout + r.stderr);
  }
  return out;
}

describe("ping's TTL follows the routing between pods and nodes", () => {
  it("Calico routes pods of one node through the node; other nodes add a router each way", async () => {
    const env = labWith(true);
    // b (same node), c (other node), a itself, node01 (its node), node02 (another node)
    expect(await ttls(env, "a", ["b", "c", "a", "172.30.2.2", "172.30.2.3"])).toEqual(["63", "62", "64", "64", "63"]);
    // From the nodes: the pod's own node reaches it directly, another node through one router.
    expect(await ttls(env, "", ["a", "c"])).toEqual(["63", "63"]);
    // Hosts: node01 and node02 share a /24; the control plane's is another, behind the gateway.
    const hosts = await runScript(env, { script: "ping -c 1 node01\nssh node01 ping -c 1 node02\n" });
    expect([...hosts.stdout.matchAll(/ttl=(\d+)/g)].map((m) => m[1])).toEqual(["63", "64"]);
  });

  it("Flannel bridges pods of one node (no router), and routes between nodes", async () => {
    const env = labWith(false);
    expect(await ttls(env, "a", ["b", "c"])).toEqual(["64", "62"]);
  });
});
