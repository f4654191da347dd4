import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { createPod, lab, podRow, waitFor } from "./helpers";

/** `kubectl get … --show-managed-fields` names the kubelet's writes `kubelet`, as the real kubelet's user agent does, on every node. */
describe("the kubelet's field manager", () => {
  it("is kubelet for the node, its lease and the status of the pods it runs", () => {
    const env = lab();
    const c = env.cluster();
    createPod(c, { metadata: { name: "m" }, spec: { containers: [{ name: "m", image: "busybox", command: ["sleep", "1d"] }] } });
    waitFor(env, () => podRow(c, "default", "m").status === "Running");
    const managers = (obj: KubeObject) => (obj.metadata.managedFields ?? []).map((m) => `${m.manager}/${m.operation}${m.subresource ? `/${m.subresource}` : ""}`);
    const nodes = (c.admin.request("GET", "/api/v1/nodes").body as { items: KubeObject[] }).items;
    expect(nodes.length).toBeGreaterThan(1);
    for (const node of nodes) expect(managers(node)).toContain("kubelet/Update/status");
    const leases = (c.admin.request("GET", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases").body as { items: KubeObject[] }).items;
    for (const lease of leases) expect(managers(lease)).toEqual(["kubelet/Update"]);
    const pod = c.admin.request("GET", "/api/v1/namespaces/default/pods/m").body as KubeObject;
    expect(managers(pod)).toContain("kubelet/Update/status");
    expect(managers(pod).some((m) => m.startsWith("kubelet-"))).toBe(false);
  });
});
