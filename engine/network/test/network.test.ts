import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../cluster/environment";
import { createPod, lab, podRow, waitFor } from "../../kubelet/test/helpers";
import type { NetworkOrigin } from "../types";

describe("the cluster network model", () => {
  let env: Environment;
  const fromPod = (pod: string, namespace = "default"): NetworkOrigin => ({ type: "pod", cluster: "kubernetes", namespace, pod });
  const net = () => env.network!;

  beforeAll(() => {
    env = lab();
    const c = env.cluster();
    createPod(c, { metadata: { name: "web", labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80, name: "http" }] }] } });
    createPod(c, { metadata: { name: "client", labels: { role: "client" } }, spec: { containers: [{ name: "c", image: "busybox", command: ["sleep", "1d"] }] } });
    c.admin.create({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { clusterIP: "10.96.100.10", selector: { app: "web" }, ports: [{ port: 80, targetPort: 80 }] } });
    c.admin.create({ apiVersion: "v1", kind: "Service", metadata: { name: "web-wrong-port", namespace: "default" }, spec: { clusterIP: "10.96.100.11", selector: { app: "web" }, ports: [{ port: 80, targetPort: 8080 }] } });
    c.admin.create({ apiVersion: "v1", kind: "Service", metadata: { name: "nobody", namespace: "default" }, spec: { clusterIP: "10.96.100.12", selector: { app: "nothing" }, ports: [{ port: 80 }] } });
    c.admin.create({ apiVersion: "v1", kind: "Service", metadata: { name: "web-np", namespace: "default" }, spec: { type: "NodePort", clusterIP: "10.96.100.13", selector: { app: "web" }, ports: [{ port: 80, nodePort: 30080 }] } });
    c.admin.create({ apiVersion: "v1", kind: "Service", metadata: { name: "docs", namespace: "default" }, spec: { type: "ExternalName", externalName: "kubernetes.io" } });
    waitFor(env, () => podRow(c, "default", "web").status === "Running" && podRow(c, "default", "client").status === "Running");
    env.advanceBy(2000);
  });

  it("resolves service names through CoreDNS with the pod's search path", () => {
    const short = net().resolve(fromPod("client"), "web");
    expect(short).toEqual({ ok: true, name: "web.default.svc.cluster.local", addresses: ["10.96.100.10"], server: "10.96.0.10" });
    expect(net().resolve(fromPod("client"), "kube-dns.kube-system")).toMatchObject({ ok: true, addresses: ["10.96.0.10"] });
    expect(net().resolve(fromPod("client"), "nope")).toMatchObject({ ok: false, error: "NXDOMAIN" });
    expect(net().resolve(fromPod("client"), "docs")).toMatchObject({ ok: true, canonical: "kubernetes.io" });
    // Nodes use their own resolver, which knows nothing of cluster names.
    expect(net().resolve({ type: "host", host: "controlplane" }, "web.default.svc.cluster.local")).toMatchObject({ ok: false, error: "NXDOMAIN" });
  });

  it("serves nginx's page through the service, and answers wrong ports the way they fail", () => {
    const ok = net().http(fromPod("client"), "http://web", { method: "GET", headers: {} });
    expect(ok.ok && ok.response.status).toBe(200);
    expect(ok.ok && ok.response.body).toContain("<title>Welcome to nginx!</title>");
    expect(net().connect(fromPod("client"), "web-wrong-port", 80)).toMatchObject({ ok: false, error: "refused" });
    expect(net().connect(fromPod("client"), "nobody", 80)).toMatchObject({ ok: false, error: "refused" });
    expect(net().connect(fromPod("client"), "web", 8080)).toMatchObject({ ok: false, error: "timeout" });
    const missing = net().http(fromPod("client"), "http://web/missing.html", { method: "GET", headers: {} });
    expect(missing.ok && missing.response.status).toBe(404);
  });

  it("reaches a NodePort on any node from the workstation side and the nodes", () => {
    const r = net().http({ type: "host", host: "controlplane" }, "http://172.30.2.3:30080/", { method: "GET", headers: {} });
    expect(r.ok && r.response.status).toBe(200);
  });

  it("enforces NetworkPolicies: default deny drops traffic (timeout), an allow rule lets it through", () => {
    const c = env.cluster();
    c.admin.create({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "deny-all", namespace: "default" }, spec: { podSelector: {}, policyTypes: ["Ingress"] } });
    expect(net().connect(fromPod("client"), "web", 80)).toMatchObject({ ok: false, error: "timeout" });
    c.admin.create({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow-client", namespace: "default" },
      spec: { podSelector: { matchLabels: { app: "web" } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: "client" } } }], ports: [{ port: 80 }] }] },
    });
    expect(net().connect(fromPod("client"), "web", 80)).toMatchObject({ ok: true });
    // Egress default deny also blocks DNS.
    c.admin.create({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "no-egress", namespace: "default" }, spec: { podSelector: { matchLabels: { role: "client" } }, policyTypes: ["Egress"] } });
    expect(net().resolve(fromPod("client"), "web")).toMatchObject({ ok: false, error: "timeout" });
    c.admin.delete("networking.k8s.io", "networkpolicies", "default", "no-egress");
    c.admin.delete("networking.k8s.io", "networkpolicies", "default", "deny-all");
    c.admin.delete("networking.k8s.io", "networkpolicies", "default", "allow-client");
  });

  it("fails DNS when CoreDNS is gone", () => {
    const c = env.cluster();
    c.admin.patch("apps", "deployments", "kube-system", "coredns", { spec: { replicas: 0 } });
    waitFor(env, () => c.store.list("/pods", "kube-system").every((p) => !p.metadata.name!.startsWith("coredns")), 60_000);
    expect(net().resolve(fromPod("client"), "web")).toMatchObject({ ok: false, error: "timeout" });
    c.admin.patch("apps", "deployments", "kube-system", "coredns", { spec: { replicas: 2 } });
    expect(waitFor(env, () => net().resolve(fromPod("client"), "web").ok, 60_000)).toBe(true);
  });

  it("pings pods and nodes but not service VIPs", () => {
    expect(net().ping(fromPod("client"), "172.30.1.2").ok).toBe(true);
    expect(net().ping(fromPod("client"), "10.96.100.10").ok).toBe(false);
  });
});
