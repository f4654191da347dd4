import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { podManifest, testCluster } from "./harness";

const pv = (name: string, size: string, extra: Record<string, unknown> = {}, labels?: Record<string, string>) => ({
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: { name, ...(labels ? { labels } : {}) },
  spec: { capacity: { storage: size }, accessModes: ["ReadWriteOnce"], persistentVolumeReclaimPolicy: "Retain", hostPath: { path: `/data/${name}` }, ...extra },
});
const pvc = (name: string, size: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name, namespace: "default" },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } }, ...extra },
});
const phase = (o: KubeObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;

describe("PersistentVolume binder", () => {
  it("binds a claim to the smallest matching volume of its class, with the bind annotations", () => {
    const t = testCluster();
    t.client.create(pv("big", "10Gi", { storageClassName: "manual" }));
    t.client.create(pv("small", "1Gi", { storageClassName: "manual" }));
    t.client.create(pv("rwx", "1Gi", { storageClassName: "manual", accessModes: ["ReadWriteMany"] }));
    t.client.create(pvc("data", "500Mi", { storageClassName: "manual" }));
    const claim = t.client.get("", "persistentvolumeclaims", "default", "data")!;
    expect(claim.spec).toMatchObject({ volumeName: "small" });
    expect(claim.metadata.annotations).toMatchObject({ "pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes" });
    expect(claim.status).toMatchObject({ phase: "Bound", capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"] });
    const vol = t.client.get("", "persistentvolumes", undefined, "small")!;
    expect(phase(vol)).toBe("Bound");
    expect((vol.spec as { claimRef: Record<string, unknown> }).claimRef).toMatchObject({ kind: "PersistentVolumeClaim", namespace: "default", name: "data", uid: claim.metadata.uid });
    expect(phase(t.client.get("", "persistentvolumes", undefined, "big"))).toBe("Available");
  });

  it("keeps a claim Pending with the real event until a volume appears, honouring selectors", () => {
    const t = testCluster();
    t.client.create(pvc("data", "1Gi", { storageClassName: "", selector: { matchLabels: { tier: "gold" } } }));
    expect(phase(t.client.get("", "persistentvolumeclaims", "default", "data"))).toBe("Pending");
    expect(t.events().find((e) => e.object === "PersistentVolumeClaim/data")?.message).toBe("no persistent volumes available for this claim and no storage class is set");
    t.client.create(pv("plain", "5Gi"));
    expect(phase(t.client.get("", "persistentvolumeclaims", "default", "data"))).toBe("Pending");
    t.client.create(pv("gold", "5Gi", {}, { tier: "gold" }));
    expect(t.client.get("", "persistentvolumeclaims", "default", "data")!.spec).toMatchObject({ volumeName: "gold" });
  });

  it("releases a Retain volume when its claim is deleted, and starts recycling a Recycle one", () => {
    const t = testCluster();
    t.client.create(pv("keep", "1Gi", { storageClassName: "manual" }));
    t.client.create(pvc("data", "1Gi", { storageClassName: "manual" }));
    t.client.delete("", "persistentvolumeclaims", "default", "data");
    expect(phase(t.client.get("", "persistentvolumes", undefined, "keep"))).toBe("Released");
    t.client.create(pv("again", "1Gi", { storageClassName: "other", persistentVolumeReclaimPolicy: "Recycle" }));
    t.client.create(pvc("tmp", "1Gi", { storageClassName: "other" }));
    t.client.delete("", "persistentvolumeclaims", "default", "tmp");
    // Released until its recycler pod has scrubbed it (recycler.test.ts follows it on real kubelets).
    expect(phase(t.client.get("", "persistentvolumes", undefined, "again"))).toBe("Released");
    expect(t.pod("recycler-for-again")).toBeDefined();
  });

  it("deletes a claim bound to a bigger volume (its finalizer comes off although the request is below the capacity)", () => {
    const t = testCluster();
    t.client.create(pv("pv1", "1Gi", { storageClassName: "manual" }));
    t.client.create(pvc("small", "500Mi", { storageClassName: "manual" }));
    expect(t.client.get("", "persistentvolumeclaims", "default", "small")!.status).toMatchObject({ phase: "Bound", capacity: { storage: "1Gi" } });
    t.client.delete("", "persistentvolumeclaims", "default", "small");
    expect(t.client.get("", "persistentvolumeclaims", "default", "small")).toBeUndefined();
    expect(phase(t.client.get("", "persistentvolumes", undefined, "pv1"))).toBe("Released");
  });

  it("lets a bound claim's request shrink back, but not to its capacity or below", () => {
    const t = testCluster();
    t.client.create(pv("pv1", "1Gi", { storageClassName: "manual" }));
    t.client.create(pvc("c", "1Gi", { storageClassName: "manual" }));
    const claim = t.client.get("", "persistentvolumeclaims", "default", "c")!;
    const resized = (size: string) => ({ ...claim, spec: { ...(claim.spec as object), resources: { requests: { storage: size } } } }) as KubeObject;
    expect(() => t.client.update(resized("512Mi"))).toThrow(/spec.resources.requests.storage: Forbidden: field can not be less than status.capacity/);
  });

  it("gives claims the default local-path class, waits for the first consumer, then provisions on its node", () => {
    const t = testCluster();
    t.client.create(pvc("data", "2Gi"));
    const claim = t.client.get("", "persistentvolumeclaims", "default", "data")!;
    expect(claim.spec).toMatchObject({ storageClassName: "local-path" });
    expect(phase(claim)).toBe("Pending");
    expect(t.events().map((e) => e.message)).toContain("waiting for first consumer to be created before binding");
    t.client.create(podManifest("app", { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }] }));
    const pod = t.pod("app")!;
    const node = (pod.spec as { nodeName: string }).nodeName;
    const bound = t.client.get("", "persistentvolumeclaims", "default", "data")!;
    expect(bound.metadata.annotations).toMatchObject({ "volume.kubernetes.io/selected-node": node, "volume.kubernetes.io/storage-provisioner": "rancher.io/local-path" });
    expect(bound.status).toMatchObject({ phase: "Bound" });
    const vol = t.client.get("", "persistentvolumes", undefined, `pvc-${claim.metadata.uid}`)!;
    expect(vol.spec).toMatchObject({ storageClassName: "local-path", persistentVolumeReclaimPolicy: "Delete", capacity: { storage: "2Gi" } });
    expect(JSON.stringify(vol.spec)).toContain(node);
    expect(t.events().some((e) => e.reason === "ProvisioningSucceeded" && e.message === `Successfully provisioned volume pvc-${claim.metadata.uid}`)).toBe(true);
  });

  it("refuses to schedule a pod whose immediate claim is unbound", () => {
    const t = testCluster();
    t.client.create(pvc("data", "1Gi", { storageClassName: "" }));
    t.client.create(podManifest("app", { volumes: [{ name: "d", persistentVolumeClaim: { claimName: "data" } }] }));
    const cond = ((t.pod("app")!.status as { conditions: { type: string; message: string }[] }).conditions ?? []).find((c) => c.type === "PodScheduled");
    expect(cond?.message).toBe("0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  });
});
