import { describe, expect, it } from "vitest";
import { recordUpdate, recordUpdateInFull, type WriteIdentity } from "../patch/apply/managed-fields";
import type { KubeObject } from "../types";

const who: WriteIdentity = { manager: "default-scheduler", apiVersion: "v1", time: "2026-01-01T00:00:00Z" };

/** Objects that look alike but own different fields: the remembered field set of one must never serve another. */
const objects: KubeObject[] = [
  { apiVersion: "v1", kind: "Event", metadata: { name: "p.1", namespace: "default" }, involvedObject: { kind: "Pod", name: "p", uid: "u" }, reason: "Scheduled", message: "m", source: {}, firstTimestamp: null, type: "Normal", action: "Binding" },
  { apiVersion: "v1", kind: "Event", metadata: { name: "p.2", namespace: "default" }, involvedObject: { kind: "Pod", name: "p", uid: "u", fieldPath: "spec.containers{c}" }, reason: "Pulled", message: "m", source: { component: "kubelet" }, count: 1, type: "Normal" },
  { apiVersion: "v1", kind: "Event", metadata: { name: "p.3", namespace: "default", labels: { a: "1" } }, involvedObject: { kind: "Pod", name: "p" }, reason: "x", message: undefined, type: "Normal" },
  { apiVersion: "v1", kind: "Event", metadata: { name: "p.4", namespace: "default", labels: {} }, involvedObject: {}, reason: "x" },
  { apiVersion: "v1", kind: "Event", metadata: { name: "p.5", namespace: "default", labels: { a: undefined } as unknown as Record<string, string> }, involvedObject: { kind: undefined }, reason: "x" },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", annotations: { "a{b}": "1", "1:x": "2" } }, data: { "k.1": "v", k2: "" } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", annotations: { a: "1" } }, data: { k: "v" } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "s", namespace: "default" }, spec: { selector: { app: "web" }, type: "ClusterIP" } },
  { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "r", namespace: "default" }, spec: { selector: { matchLabels: { app: "web" } }, replicas: 1 } },
  { apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx" }] }, status: { phase: "Pending" } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "e", namespace: "default" } },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "n", namespace: "default" }, data: null as unknown as Record<string, string> },
];

describe("managedFields of a create, remembered by the object's shape", () => {
  it("gives exactly the general computation's entry for every object, first seen or repeated", () => {
    for (let round = 0; round < 2; round++) {
      for (const obj of objects) {
        expect(JSON.stringify(recordUpdate(undefined, obj, who)), `${obj.kind} ${obj.metadata.name} round ${round}`).toBe(JSON.stringify(recordUpdateInFull(undefined, obj, who)));
      }
    }
  });

  it("an event's entry names the writer and owns the fields it sent (first and later events alike)", () => {
    const [event] = objects;
    const first = recordUpdate(undefined, event, who);
    const second = recordUpdate(undefined, { ...event, metadata: { name: "p.9", namespace: "default" }, message: "other" }, { ...who, manager: "kubelet" });
    expect(second[0].manager).toBe("kubelet");
    expect(second[0].fieldsV1).toEqual(first[0].fieldsV1);
    expect(Object.keys(first[0].fieldsV1 as object)).toEqual(["f:action", "f:firstTimestamp", "f:involvedObject", "f:message", "f:reason", "f:source", "f:type"]);
  });
});
