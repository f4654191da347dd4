import { describe, expect, it } from "vitest";
import type { KubeObject } from "../types";
import { adminSetup, errorOf } from "./support";

// Expectations follow the admission plugins of plugin/pkg/admission (serviceaccount, limitranger,
// resourcequota, storage/storageclass/setdefault, storage/storageobjectinuseprotection,
// network/defaultingressclass) and the objects a v1.33 kube-apiserver maintains.

const setup = adminSetup;

const pod = (name: string, containers: Record<string, unknown>[], extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec: { containers, ...extra },
});

describe("ServiceAccount admission", () => {
  it("assigns the default account and mounts the kube-api-access projected volume", () => {
    const { client } = setup();
    const created = client.create(pod("web", [{ name: "web", image: "nginx" }]), { dryRun: "All" });
    const spec = created.spec as Record<string, unknown>;
    expect(spec.serviceAccountName).toBe("default");
    expect(spec.serviceAccount).toBe("default");
    const volumes = spec.volumes as { name: string; projected: unknown }[];
    expect(volumes).toHaveLength(1);
    expect(volumes[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volumes[0].projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
      ],
    });
    expect((spec.containers as { volumeMounts: unknown[] }[])[0].volumeMounts).toEqual([
      { name: volumes[0].name, readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" },
    ]);
  });

  it("refuses an unknown service account and honours automountServiceAccountToken: false", () => {
    const { client } = setup();
    const err = errorOf(() => client.create(pod("p", [{ name: "c", image: "nginx" }], { serviceAccountName: "robot" })));
    expect(err.code).toBe(403);
    expect(err.message).toBe('pods "p" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
    const quiet = client.create(pod("q", [{ name: "c", image: "nginx" }], { automountServiceAccountToken: false }), { dryRun: "All" });
    expect((quiet.spec as Record<string, unknown>).volumes).toBeUndefined();
  });
});

describe("LimitRanger", () => {
  it("fills container defaults, notes them, and enforces max", () => {
    const { client } = setup();
    client.create({
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "limits", namespace: "default" },
      spec: { limits: [{ type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "100m" }, max: { cpu: "1" } }] },
    });
    const created = client.create(pod("d", [{ name: "nginx", image: "nginx" }]), { dryRun: "All" });
    expect((created.spec as { containers: { resources: unknown }[] }).containers[0].resources).toEqual({
      limits: { cpu: "500m", memory: "256Mi" },
      requests: { cpu: "100m", memory: "256Mi" },
    });
    expect(created.metadata.annotations?.["kubernetes.io/limit-ranger"]).toBe("LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx");
    expect(created.status).toMatchObject({ qosClass: "Burstable" });
    const err = errorOf(() => client.create(pod("big", [{ name: "c", image: "nginx", resources: { limits: { cpu: "2" } } }])));
    expect(err.message).toBe('pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
  });
});

describe("ResourceQuota", () => {
  it("keeps status current and refuses what would exceed it", () => {
    const { client } = setup();
    client.create({ apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "q", namespace: "default" }, spec: { hard: { pods: "2", "requests.cpu": "1", configmaps: "10" } } });
    const quota = () => client.get("", "resourcequotas", "default", "q")!;
    expect(quota().status).toEqual({ hard: { configmaps: "10", pods: "2", "requests.cpu": "1" }, used: { configmaps: "1", pods: "0", "requests.cpu": "0" } });
    const missing = errorOf(() => client.create(pod("nocpu", [{ name: "c", image: "nginx" }])));
    expect(missing.message).toBe('pods "nocpu" is forbidden: failed quota: q: must specify requests.cpu');
    client.create(pod("a", [{ name: "c", image: "nginx", resources: { requests: { cpu: "600m" } } }]));
    expect((quota().status as { used: Record<string, string> }).used).toMatchObject({ pods: "1", "requests.cpu": "600m" });
    const over = errorOf(() => client.create(pod("b", [{ name: "c", image: "nginx", resources: { requests: { cpu: "500m" } } }])));
    expect(over.code).toBe(403);
    expect(over.message).toBe('pods "b" is forbidden: exceeded quota: q, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1');
    client.delete("", "pods", "default", "a", { gracePeriodSeconds: 0 });
    expect((quota().status as { used: Record<string, string> }).used).toMatchObject({ pods: "0", "requests.cpu": "0" });
  });
});

describe("storage and ingress admission", () => {
  it("gives claims the default class and the pvc-protection finalizer, which lets go once unused", () => {
    const { client } = setup();
    client.create({
      apiVersion: "storage.k8s.io/v1",
      kind: "StorageClass",
      metadata: { name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
      provisioner: "rancher.io/local-path",
    } as KubeObject);
    const claim = client.create({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data", namespace: "default" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    });
    expect(claim.spec).toMatchObject({ storageClassName: "standard", volumeMode: "Filesystem" });
    expect(claim.metadata.finalizers).toEqual(["kubernetes.io/pvc-protection"]);
    expect(claim.status).toEqual({ phase: "Pending" });
    client.delete("", "persistentvolumeclaims", "default", "data");
    expect(client.get("", "persistentvolumeclaims", "default", "data")).toBeUndefined();
  });

  it("gives ingresses the default IngressClass", () => {
    const { client } = setup();
    client.create({
      apiVersion: "networking.k8s.io/v1",
      kind: "IngressClass",
      metadata: { name: "nginx", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } },
      spec: { controller: "k8s.io/ingress-nginx" },
    });
    const ing = client.create({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "web", namespace: "default" },
      spec: { rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }] },
    });
    expect(ing.spec).toMatchObject({ ingressClassName: "nginx" });
    expect(ing.metadata.generation).toBe(1);
  });
});

describe("apiserver-maintained objects", () => {
  it("has the default ServiceCIDR, the kubernetes endpoints and an IPAddress per ClusterIP", () => {
    const { client } = setup();
    const cidr = client.get("networking.k8s.io", "servicecidrs", undefined, "kubernetes")!;
    expect(cidr.spec).toEqual({ cidrs: ["10.96.0.0/12"] });
    expect((cidr.status as { conditions: { type: string; status: string }[] }).conditions[0]).toMatchObject({ type: "Ready", status: "True", message: "Kubernetes Service CIDR is ready" });
    const ep = client.get("", "endpoints", "default", "kubernetes")!;
    expect(ep.subsets).toEqual([{ addresses: [{ ip: "172.30.1.2" }], ports: [{ name: "https", port: 6443, protocol: "TCP" }] }]);
    const slice = client.get("discovery.k8s.io", "endpointslices", "default", "kubernetes")!;
    expect(slice).toMatchObject({ addressType: "IPv4", ports: [{ name: "https", port: 6443, protocol: "TCP" }] });
    const ip = client.get("networking.k8s.io", "ipaddresses", undefined, "10.96.0.1")!;
    expect(ip.spec).toEqual({ parentRef: { group: "", resource: "services", namespace: "default", name: "kubernetes" } });
    const svc = client.create({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { ports: [{ port: 80 }] } });
    const clusterIP = (svc.spec as { clusterIP: string }).clusterIP;
    expect(client.get("networking.k8s.io", "ipaddresses", undefined, clusterIP)).toBeDefined();
    client.delete("", "services", "default", "web");
    expect(client.get("networking.k8s.io", "ipaddresses", undefined, clusterIP)).toBeUndefined();
  });
});
