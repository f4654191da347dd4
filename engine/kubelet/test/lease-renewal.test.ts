import { describe, expect, it } from "vitest";
import type { KubeObject, ManagedFieldsEntry } from "../../api/types";
import { recordUpdate, recordUpdateInFull, type WriteIdentity } from "../../api/patch/apply/managed-fields";
import { deepFreeze } from "../../util/freeze";
import { lab } from "./helpers";

const lease = (env: ReturnType<typeof lab>) => env.cluster().admin.get("coordination.k8s.io", "leases", "kube-node-lease", "node01")!;

describe("the node lease renewal as the API server records it", () => {
  it("each renewal is a new resourceVersion whose managedFields keep the kubelet's field set and take the renewal time", () => {
    const env = lab();
    env.advanceBy(30_000);
    const before = lease(env);
    const owned = before.metadata.managedFields!;
    env.advanceBy(10_000);
    const after = lease(env);
    expect(Number(after.metadata.resourceVersion)).toBeGreaterThan(Number(before.metadata.resourceVersion));
    const renewTime = (after.spec as { renewTime: string }).renewTime;
    expect(renewTime).not.toBe((before.spec as { renewTime: string }).renewTime);
    // One Update entry of the kubelet, owning ownerReferences and the spec, at the renewal's second.
    const renewedAt = renewTime.replace(/\.\d{6}Z$/, "Z");
    expect(after.metadata.managedFields).toEqual(owned.map((e) => ({ ...e, time: renewedAt })));
    expect(after.metadata.managedFields!.map((e) => [e.operation, e.time])).toEqual([["Update", renewedAt]]);
    expect(Object.keys((after.metadata.managedFields![0].fieldsV1 as { "f:spec": object })["f:spec"])).toEqual(["f:holderIdentity", "f:leaseDurationSeconds", "f:renewTime"]);
  });

  it("another writer taking over renewTime moves its ownership, and the kubelet's next renewal takes it back", () => {
    const env = lab();
    const admin = env.cluster().admin;
    env.advanceBy(30_000);
    const current = lease(env);
    admin.update({ ...current, spec: { ...(current.spec as object), renewTime: "2026-01-01T00:00:35.000000Z" } });
    const taken = lease(env).metadata.managedFields!;
    expect(taken).toHaveLength(2);
    expect((taken[1].fieldsV1 as { "f:spec": object })["f:spec"]).toEqual({ "f:renewTime": {} });
    expect((taken[0].fieldsV1 as { "f:spec": object })["f:spec"]).toEqual({ "f:holderIdentity": {}, "f:leaseDurationSeconds": {} });
    env.advanceBy(10_000);
    const back = lease(env).metadata.managedFields!;
    expect(back).toHaveLength(1);
    expect((back[0].fieldsV1 as { "f:spec": object })["f:spec"]).toEqual({ "f:holderIdentity": {}, "f:leaseDurationSeconds": {}, "f:renewTime": {} });
  });

  it("the shortcut for writes that move no ownership gives exactly the general computation's entries", () => {
    const who = (manager: string, time: string, subresource?: string): WriteIdentity => ({ manager, apiVersion: "v1", time, ...(subresource ? { subresource } : {}) });
    const base: KubeObject = deepFreeze({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", labels: { a: "1" } }, data: { x: "1", y: "2" } });
    const created = deepFreeze({ ...base, metadata: { ...base.metadata, managedFields: recordUpdate(undefined, base, who("creator", "t0")) } });
    const edits: [string, (o: KubeObject) => KubeObject][] = [
      ["own value", (o) => ({ ...o, data: { x: "9", y: "2" } })],
      ["new field", (o) => ({ ...o, data: { ...(o.data as object), z: "3" } })],
      ["removed field", (o) => ({ ...o, data: { x: "1" } })],
      ["label", (o) => ({ ...o, metadata: { ...o.metadata, labels: { a: "2" } } })],
    ];
    for (const manager of ["creator", "other"]) {
      for (const [name, edit] of edits) {
        let current: KubeObject = created;
        // Two rounds: the second starts from entries the first wrote (two managers, moved fields).
        for (let round = 0; round < 2; round++) {
          const next = edit(current);
          const identity = who(round === 0 ? manager : "creator", `t${round + 1}`);
          const fast = recordUpdate(current, next, identity);
          const full = recordUpdateInFull(current, next, identity);
          expect(JSON.stringify(fast), `${manager} ${name} round ${round}`).toBe(JSON.stringify(full));
          current = deepFreeze({ ...next, metadata: { ...next.metadata, managedFields: fast as ManagedFieldsEntry[] } });
        }
      }
    }
  });
});
