import { describe, expect, it } from "vitest";
import { testCluster } from "./harness";

const sts = (replicas: number, extra: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "web", namespace: "default" },
  spec: {
    replicas,
    serviceName: "web",
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } },
    volumeClaimTemplates: [{ metadata: { name: "www" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
    ...extra,
  },
});
type T = ReturnType<typeof testCluster>;
const names = (t: T) => t.pods().filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
const images = (t: T) => Object.fromEntries(t.pods().map((p) => [p.metadata.name, (p.spec as { containers: { image: string }[] }).containers[0].image]));

describe("StatefulSet controller", () => {
  it("creates pods in order, each after the previous is Running and Ready, with claims per ordinal", () => {
    const t = testCluster();
    t.client.create(sts(3));
    expect(names(t)).toEqual(["web-0"]);
    const pod = t.pod("web-0")!;
    expect(pod.spec).toMatchObject({ hostname: "web-0", subdomain: "web" });
    expect((pod.spec as { volumes: unknown[] }).volumes).toContainEqual({ name: "www", persistentVolumeClaim: { claimName: "www-web-0" } });
    expect(pod.metadata.labels).toMatchObject({ app: "web", "statefulset.kubernetes.io/pod-name": "web-0", "apps.kubernetes.io/pod-index": "0", "controller-revision-hash": expect.stringMatching(/^web-/) });
    expect(t.client.get("", "persistentvolumeclaims", "default", "www-web-0")!.metadata.labels).toEqual({ app: "web" });
    t.advance(1000);
    expect(names(t)).toEqual(["web-0", "web-1"]);
    t.advance(1000);
    expect(names(t)).toEqual(["web-0", "web-1", "web-2"]);
    const messages = t.events().filter((e) => e.object === "StatefulSet/web").map((e) => e.message);
    expect(messages.slice(0, 2)).toEqual(["create Claim www-web-0 Pod web-0 in StatefulSet web success", "create Pod web-0 in StatefulSet web successful"]);
  });

  it("Parallel creates and removes all at once; OrderedReady scales down from the highest ordinal, keeping claims", () => {
    const t = testCluster({ kubelet: { terminationDelayMs: 1000 } });
    t.client.create(sts(3, { podManagementPolicy: "Parallel" }));
    expect(names(t)).toEqual(["web-0", "web-1", "web-2"]);
    t.advance(1000);
    t.client.patch("apps", "statefulsets", "default", "web", { spec: { replicas: 1 } });
    expect(t.pods().filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort()).toEqual(["web-1", "web-2"]);

    const o = testCluster({ kubelet: { terminationDelayMs: 1000 } });
    o.client.create(sts(3));
    o.advance(3000);
    o.client.patch("apps", "statefulsets", "default", "web", { spec: { replicas: 1 } });
    expect(o.pods().filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(["web-2"]);
    o.advance(1000);
    expect(o.pods().filter((p) => p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(["web-1"]);
    o.advance(1000);
    expect(names(o)).toEqual(["web-0"]);
    expect(o.client.list("", "persistentvolumeclaims", "default")).toHaveLength(3);
  });

  it("rolls updates from the highest ordinal down to the partition", () => {
    const t = testCluster();
    t.client.create(sts(3));
    t.advance(3000);
    t.client.patch(
      "apps",
      "statefulsets",
      "default",
      "web",
      { spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 1 } }, template: { spec: { containers: [{ name: "nginx", image: "nginx:1.28" }] } } } },
      "strategic",
    );
    t.advance(10_000);
    expect(images(t)).toEqual({ "web-0": "nginx:1.27", "web-1": "nginx:1.28", "web-2": "nginx:1.28" });
    const status = t.client.get("apps", "statefulsets", "default", "web")!.status as Record<string, unknown>;
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, updatedReplicas: 2, currentReplicas: 1 });
    expect(status.currentRevision).not.toBe(status.updateRevision);
  });
});
