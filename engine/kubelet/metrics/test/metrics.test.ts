import { beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../../api/types";
import type { Environment } from "../../../cluster/environment";
import { createPod, events, lab, waitFor } from "../../test/helpers";
import { installMetricsServer } from "../install";

/** metrics.k8s.io as `kubectl top` and the HPA see it: absent, broken (TLS to kubelets), fixed, loaded. */
let env: Environment;
const get = (path: string, query = "") => env.cluster().apiserver.handle({ method: "GET", path, query: new URLSearchParams(query), user: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] } });
const available = () => (env.cluster().admin.get("apiregistration.k8s.io", "apiservices", undefined, "v1beta1.metrics.k8s.io")?.status as { conditions?: { status: string; reason: string; message: string }[] } | undefined)?.conditions?.[0];
const metricsPod = () => env.cluster().admin.list("", "pods", "kube-system", { labelSelector: "k8s-app=metrics-server" });
const ready = (pod: KubeObject) => ((pod.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
const millicores = (cpu: string) => Number(cpu.replace(/n$/, "")) / 1e6;

beforeAll(() => {
  env = lab();
});

describe("metrics.k8s.io", () => {
  it("is not served in a cluster without metrics-server (kubectl top: Metrics API not available)", () => {
    expect(get("/apis/metrics.k8s.io/v1beta1/nodes").status).toBe(404);
    const groups = (get("/apis").body as { groups: { name: string }[] }).groups.map((g) => g.name);
    expect(groups).not.toContain("metrics.k8s.io");
  });

  it("stays unavailable while metrics-server cannot verify the kubelets' certificates", () => {
    installMetricsServer(env.cluster());
    waitFor(env, () => metricsPod().length === 1 && (metricsPod()[0].status as { phase?: string }).phase === "Running", 120_000);
    env.advanceBy(60_000);
    const pod = metricsPod()[0];
    expect(ready(pod)).toBe(false);
    expect(events(env.cluster(), "kube-system", pod.metadata.name!)).toContain("Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 500");
    const logs = get(`/api/v1/namespaces/kube-system/pods/${pod.metadata.name}/log`).body as string;
    expect(logs).toContain(`"Failed to scrape node" err="Get \\"https://172.30.2.2:10250/metrics/resource\\": tls: failed to verify certificate: x509: cannot validate certificate for 172.30.2.2 because it doesn't contain any IP SANs" node="node01"`);
    expect(available()).toMatchObject({ status: "False", reason: "MissingEndpoints", message: 'endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"' });
    expect(get("/apis/metrics.k8s.io/v1beta1/nodes").status).toBe(404);
  });

  it("serves node and pod usage once --kubelet-insecure-tls is added", () => {
    const c = env.cluster();
    const d = c.admin.get("apps", "deployments", "kube-system", "metrics-server")!;
    const spec = structuredClone(d.spec) as { template: { spec: { containers: { args: string[] }[] } } };
    spec.template.spec.containers[0].args.push("--kubelet-insecure-tls");
    c.admin.update({ ...d, spec });
    expect(waitFor(env, () => metricsPod().length === 1 && ready(metricsPod()[0]), 180_000)).toBe(true);
    expect(available()).toMatchObject({ status: "True", reason: "Passed" });
    const groups = (get("/apis").body as { groups: { name: string }[] }).groups.map((g) => g.name);
    expect(groups).toContain("metrics.k8s.io");
    const nodes = get("/apis/metrics.k8s.io/v1beta1/nodes").body as { kind: string; items: { metadata: { name: string }; usage: { cpu: string; memory: string }; window: string }[] };
    expect(nodes.kind).toBe("NodeMetricsList");
    expect(nodes.items.map((n) => n.metadata.name)).toEqual(["controlplane", "node01", "node02"]);
    for (const n of nodes.items) {
      expect(n.usage.cpu).toMatch(/^\d+n$/);
      expect(n.usage.memory).toMatch(/^\d+Ki$/);
    }
    // The control plane runs the API server and etcd: it is the busiest node.
    expect(millicores(nodes.items[0].usage.cpu)).toBeGreaterThan(millicores(nodes.items[1].usage.cpu));
    const system = get("/apis/metrics.k8s.io/v1beta1/namespaces/kube-system/pods").body as { items: { metadata: { name: string }; containers: { name: string }[] }[] };
    const apiserver = system.items.find((p) => p.metadata.name === "kube-apiserver-controlplane")!;
    expect(apiserver.containers.map((x) => x.name)).toEqual(["kube-apiserver"]);
  });

  it("has no figures for a pod until two scrapes saw it, then reports its containers", () => {
    createPod(env.cluster(), { metadata: { name: "duo" }, spec: { containers: [{ name: "web", image: "nginx" }, { name: "side", image: "busybox", command: ["sleep", "1d"] }] } });
    env.advanceBy(5_000);
    expect(get("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/duo")).toMatchObject({ status: 404, body: { message: 'podmetrics.metrics.k8s.io "duo" not found' } });
    env.advanceBy(40_000);
    const duo = get("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/duo").body as { containers: { name: string; usage: { memory: string } }[] };
    expect(duo.containers.map((x) => x.name)).toEqual(["web", "side"]);
  });

  it("reports CPU that follows load, capped by the container's limit", () => {
    const c = env.cluster();
    createPod(c, { metadata: { name: "php-apache", labels: { run: "php-apache" } }, spec: { containers: [{ name: "php-apache", image: "registry.k8s.io/hpa-example", resources: { requests: { cpu: "200m" }, limits: { cpu: "500m" } } }] } });
    c.admin.create({ apiVersion: "v1", kind: "Service", metadata: { name: "php-apache", namespace: "default" }, spec: { selector: { run: "php-apache" }, ports: [{ port: 80 }] } });
    env.advanceBy(60_000);
    const cpu = () => millicores((get("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/php-apache").body as { containers: { usage: { cpu: string } }[] }).containers[0].usage.cpu);
    expect(cpu()).toBeLessThan(5);
    createPod(c, { metadata: { name: "load-generator" }, spec: { containers: [{ name: "load", image: "busybox", command: ["/bin/sh", "-c", "while sleep 0.05; do wget -q -O- http://php-apache; done"] }] } });
    env.advanceBy(35_000);
    expect(cpu()).toBe(500);
    const selected = get("/apis/metrics.k8s.io/v1beta1/namespaces/default/pods", "labelSelector=run%3Dphp-apache").body as { items: { metadata: { name: string } }[] };
    expect(selected.items.map((p) => p.metadata.name)).toEqual(["php-apache"]);
    c.admin.delete("", "pods", "default", "load-generator", { gracePeriodSeconds: 0 });
    env.advanceBy(90_000);
    expect(cpu()).toBeLessThan(5);
  });
});
