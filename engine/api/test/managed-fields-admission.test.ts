import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";

/** The paths a managedFields entry owns, as dotted names (k:/v: keys kept as written). */
function ownedPaths(fields: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(fields).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    const children = v && typeof v === "object" ? Object.keys(v) : [];
    return children.length === 0 ? [path] : ownedPaths(v as Record<string, unknown>, path);
  });
}

describe("managedFields of a create record the writer's fields, not what admission adds", () => {
  it("a pod's service-account volume, default tolerations and priority belong to no manager", () => {
    const env = Environment.create();
    const api = [...env.clusters.values()][0].admin.as({ username: "kubernetes-admin", groups: ["system:masters"] }, "kubectl-run/v1.33.2");
    api.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "web", image: "nginx" }] } });
    const pod = api.get("", "pods", "default", "web")!;
    const spec = pod.spec as { volumes?: unknown[]; tolerations?: unknown[]; serviceAccountName?: string };
    expect(spec.volumes?.length).toBe(1);
    expect(spec.tolerations?.length).toBe(2);
    expect(spec.serviceAccountName).toBe("default");
    const entry = (pod.metadata.managedFields ?? []).find((m) => m.manager === "kubectl-run")!;
    const owned = ownedPaths(entry.fieldsV1 as Record<string, unknown>);
    expect(owned).toContain("f:spec.f:dnsPolicy");
    expect(owned).toContain('f:spec.f:containers.k:{"name":"web"}.f:image');
    expect(owned.filter((p) => /volume|toleration|serviceAccount|priority|preemption/i.test(p))).toEqual([]);
  });

  it("a claim's default storage class is not owned by its writer", () => {
    const env = Environment.create();
    const api = [...env.clusters.values()][0].admin.as({ username: "kubernetes-admin", groups: ["system:masters"] }, "kubectl-create/v1.33.2");
    api.create({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "default" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } });
    const claim = api.get("", "persistentvolumeclaims", "default", "data")!;
    expect((claim.spec as { storageClassName?: string }).storageClassName).toBeTruthy();
    const entry = (claim.metadata.managedFields ?? []).find((m) => m.manager === "kubectl-create")!;
    expect(ownedPaths(entry.fieldsV1 as Record<string, unknown>)).not.toContain("f:spec.f:storageClassName");
  });
});
