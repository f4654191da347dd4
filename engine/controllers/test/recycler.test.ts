import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { Environment } from "../../cluster/environment";
import { waitFor } from "../../kubelet/test/helpers";

const pv = (name: string, source: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name },
    spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], persistentVolumeReclaimPolicy: "Recycle", storageClassName: "manual", ...source, ...extra },
  }) as KubeObject;
const pvc = (name: string) =>
  ({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name, namespace: "default" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: "manual", resources: { requests: { storage: "1Gi" } } } }) as KubeObject;

function lab() {
  const env = Environment.create();
  const cluster = env.cluster();
  const client = cluster.admin;
  const volume = (name: string) => client.get("", "persistentvolumes", undefined, name) as KubeObject & { spec: Record<string, unknown>; status: { phase: string; message?: string } };
  const pvEvents = (name: string) =>
    client
      .list("", "events", "default")
      .filter((e) => (e.involvedObject as { kind: string; name: string }).kind === "PersistentVolume" && (e.involvedObject as { name: string }).name === name)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => `${e.type as string} ${e.reason as string}: ${e.message as string}${(e.count as number) > 1 ? ` (x${e.count as number})` : ""}`);
  const node = (name: string) => env.hosts.get(name)!.fs;
  /** Binds a claim to the volume, then deletes the claim: the volume is released. */
  const release = (volumeName: string, claimName = "data") => {
    client.create(pvc(claimName));
    expect(volume(volumeName).status.phase).toBe("Bound");
    client.delete("", "persistentvolumeclaims", "default", claimName);
  };
  return { env, cluster, client, volume, pvEvents, node, release };
}

describe("PersistentVolume Recycle", () => {
  it("scrubs a hostPath volume with a recycler pod, relays its events, then makes the volume Available", () => {
    const t = lab();
    for (const n of ["node01", "node02"]) {
      t.node(n).mkdirSync("/data/pv1/sub", { recursive: true });
      t.node(n).writeFileSync("/data/pv1/keep.txt", "data\n");
      t.node(n).writeFileSync("/data/pv1/.hidden", "x\n");
      t.node(n).writeFileSync("/data/pv1/sub/deep.txt", "y\n");
    }
    t.client.create(pv("pv1", { hostPath: { path: "/data/pv1" } }));
    t.release("pv1");
    expect(t.volume("pv1").status.phase).toBe("Released");
    const pod = t.client.get("", "pods", "default", "recycler-for-pv1")!;
    expect((pod.spec as { volumes: unknown[] }).volumes[0]).toEqual({ name: "vol", hostPath: { path: "/data/pv1", type: "" } });
    expect(pod.spec).toMatchObject({ activeDeadlineSeconds: 60, restartPolicy: "Never" });
    expect((pod.spec as { containers: unknown[] }).containers[0]).toMatchObject({
      name: "pv-recycler",
      image: "registry.k8s.io/build-image/debian-base:bookworm-v1.0.4",
      command: ["/bin/sh"],
      args: ["-c", 'test -e /scrub && find /scrub -mindepth 1 -delete && test -z "$(ls -A /scrub)" || exit 1'],
    });
    expect((pod.spec as { containers: { volumeMounts: unknown[] }[] }).containers[0].volumeMounts[0]).toEqual({ name: "vol", mountPath: "/scrub" });
    expect(waitFor(t.env, () => t.volume("pv1").status.phase === "Available", 60_000)).toBe(true);
    const nodeName = (pod.spec as { nodeName?: string }).nodeName ?? (t.pvEvents("pv1").find((e) => e.includes("Successfully assigned"))!.match(/to (\S+)$/)![1]);
    expect(t.node(nodeName).readdirSync("/data/pv1")).toEqual([]);
    const other = nodeName === "node01" ? "node02" : "node01";
    expect(t.node(other).readdirSync("/data/pv1").sort()).toEqual([".hidden", "keep.txt", "sub"]);
    expect(t.client.get("", "pods", "default", "recycler-for-pv1")).toBeUndefined();
    const vol = t.volume("pv1");
    expect(vol.spec.claimRef).toBeUndefined();
    expect(vol.metadata.annotations?.["pv.kubernetes.io/bound-by-controller"]).toBeUndefined();
    const ev = t.pvEvents("pv1");
    expect(ev[0]).toBe(`Normal RecyclerPod: Recycler pod: Successfully assigned default/recycler-for-pv1 to ${nodeName}`);
    expect(ev).toContain('Normal RecyclerPod: Recycler pod: Pulling image "registry.k8s.io/build-image/debian-base:bookworm-v1.0.4"');
    expect(ev).toContain("Normal RecyclerPod: Recycler pod: Created container: pv-recycler");
    expect(ev).toContain("Normal RecyclerPod: Recycler pod: Started container pv-recycler");
    expect(ev[ev.length - 1]).toBe("Normal VolumeRecycled: Volume recycled");
    // The volume binds again.
    t.client.create(pvc("again"));
    expect(t.volume("pv1").status.phase).toBe("Bound");
  });

  it("fails the volume when the scrub fails, and tries again on the next resync", () => {
    const t = lab();
    // A file, not a directory: the pod mounts it at /scrub and `ls -A /scrub` is not empty.
    for (const n of ["node01", "node02"]) {
      t.node(n).mkdirSync("/data", { recursive: true });
      t.node(n).writeFileSync("/data/file", "x\n");
    }
    t.client.create(pv("pvf", { hostPath: { path: "/data/file" } }));
    t.release("pvf");
    expect(waitFor(t.env, () => t.volume("pvf").status.phase === "Failed", 60_000)).toBe(true);
    const message = "Recycle failed: failed to recycle volume: pod failed, pod.Status.Message unknown";
    expect(t.volume("pvf").status.message).toBe(message);
    expect(t.pvEvents("pvf")).toContain(`Warning VolumeFailedRecycle: ${message}`);
    expect(t.client.get("", "pods", "default", "recycler-for-pvf")).toBeUndefined();
    // Another recycler pod runs on the next resync and fails the same way: the relayed events count up.
    t.env.advanceBy(16_000);
    expect(t.pvEvents("pvf")).toContain("Normal RecyclerPod: Recycler pod: Started container pv-recycler (x2)");
    expect(t.volume("pvf").status.phase).toBe("Failed");
    expect(t.pvEvents("pvf").filter((e) => e.includes("VolumeFailedRecycle"))).toEqual([`Warning VolumeFailedRecycle: ${message}`]);
    expect(t.volume("pvf").status.phase).toBe("Failed");
  });

  it("removes the recycler pod of a volume deleted while it ran, once the pod has finished", () => {
    const t = lab();
    t.client.create(pv("gone", { hostPath: { path: "/data/gone" } }));
    t.release("gone");
    expect(t.client.get("", "pods", "default", "recycler-for-gone")).toBeDefined();
    t.client.delete("", "persistentvolumes", undefined, "gone");
    expect(waitFor(t.env, () => !t.client.get("", "pods", "default", "recycler-for-gone"), 60_000)).toBe(true);
  });

  it("fails a volume no recycler can scrub with the real message", () => {
    const t = lab();
    t.client.create(pv("csi1", { csi: { driver: "example.csi.k8s.io", volumeHandle: "h1" } }));
    t.release("csi1");
    expect(t.volume("csi1").status).toMatchObject({ phase: "Failed", message: "No recycler plugin found for the volume!" });
    expect(t.pvEvents("csi1")).toEqual(["Warning VolumeFailedRecycle: No recycler plugin found for the volume!"]);
    expect(t.client.get("", "pods", "default", "recycler-for-csi1")).toBeUndefined();
  });
});
