import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../cluster/environment";
import { lab, podRow } from "./helpers";

describe("the default lab environment", () => {
  let env: Environment;
  beforeAll(() => {
    env = lab();
  });

  it("registers three Ready nodes with kubeadm's labels, the control-plane taint and their versions", () => {
    const nodes = env.cluster().store.list("/nodes");
    expect(nodes.map((n) => n.metadata.name)).toEqual(["controlplane", "node01", "node02"]);
    for (const node of nodes) {
      const status = node.status as { conditions: { type: string; status: string }[]; nodeInfo: Record<string, string> };
      expect(status.conditions.find((c) => c.type === "Ready")?.status).toBe("True");
      expect(status.nodeInfo.kubeletVersion).toBe("v1.33.2");
      expect(status.nodeInfo.osImage).toBe("Ubuntu 22.04.5 LTS");
      expect(status.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\/1\.7\./);
      expect(node.metadata.labels?.["kubernetes.io/hostname"]).toBe(node.metadata.name);
    }
    const cp = nodes[0];
    expect(cp.metadata.labels).toHaveProperty("node-role.kubernetes.io/control-plane", "");
    expect((cp.spec as { taints: unknown[] }).taints).toEqual([{ effect: "NoSchedule", key: "node-role.kubernetes.io/control-plane" }]);
    expect((nodes[1].spec as { podCIDR: string }).podCIDR).toBe("10.244.1.0/24");
  });

  it("renews each node's lease in kube-node-lease", () => {
    const lease = env.cluster().admin.get("coordination.k8s.io", "leases", "kube-node-lease", "node01")!;
    const renewed = Date.parse((lease.spec as { renewTime: string }).renewTime);
    env.advanceBy(15_000);
    const later = env.cluster().admin.get("coordination.k8s.io", "leases", "kube-node-lease", "node01")!;
    expect(Date.parse((later.spec as { renewTime: string }).renewTime)).toBeGreaterThan(renewed);
  });

  it("runs the control plane as Ready static pods mirrored as <name>-controlplane", () => {
    const cluster = env.cluster();
    for (const component of ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"]) {
      const name = `${component}-controlplane`;
      expect(podRow(cluster, "kube-system", name)).toEqual({ ready: "1/1", status: "Running", restarts: "0" });
      const pod = cluster.admin.get("", "pods", "kube-system", name)!;
      expect(pod.metadata.annotations?.["kubernetes.io/config.source"]).toBe("file");
      expect((pod.status as { podIP: string }).podIP).toBe("172.30.1.2");
    }
    expect(cluster.apiserverUp).toBe(true);
  });

  it("runs CoreDNS with pod IPs from the workers' pod CIDRs", () => {
    const cluster = env.cluster();
    const coredns = cluster.store.list("/pods", "kube-system").filter((p) => p.metadata.name!.startsWith("coredns-"));
    expect(coredns).toHaveLength(2);
    for (const pod of coredns) {
      expect(podRow(cluster, "kube-system", pod.metadata.name!)).toMatchObject({ ready: "1/1", status: "Running" });
      expect((pod.status as { podIP: string }).podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    }
  });
});
