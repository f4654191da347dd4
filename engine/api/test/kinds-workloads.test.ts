import { describe, expect, it } from "vitest";
import type { KubeObject } from "../types";
import { adminSetup, errorOf } from "./support";

// Workload validation as in pkg/apis/apps/validation/validation.go (v1.33): StatefulSets validate only
// their template's metadata, DaemonSet rolling updates need exactly one of maxSurge/maxUnavailable,
// and no controller template may carry activeDeadlineSeconds.

const setup = adminSetup;

const template = (spec: Record<string, unknown> = {}) => ({
  metadata: { labels: { app: "web" } },
  spec: { containers: [{ name: "nginx", image: "nginx:1.27" }], ...spec },
});

function statefulSet(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "web", namespace: "default" },
    spec: { serviceName: "web", selector: { matchLabels: { app: "web" } }, template: template(), ...spec },
  };
}

function daemonSet(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent", namespace: "default" },
    spec: { selector: { matchLabels: { app: "web" } }, template: template(), ...spec },
  };
}

describe("StatefulSet validation", () => {
  it("accepts volume mounts that name a volumeClaimTemplate and defaults the claim templates", () => {
    const { client } = setup();
    const created = client.create(
      statefulSet({
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "nginx", image: "nginx:1.27", volumeMounts: [{ name: "data", mountPath: "/data" }] }] },
        },
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],
      }),
    );
    const claim = ((created.spec as Record<string, unknown>).volumeClaimTemplates as Record<string, unknown>[])[0];
    expect(claim).toMatchObject({ apiVersion: "v1", kind: "PersistentVolumeClaim", spec: { volumeMode: "Filesystem" }, status: { phase: "Pending" } });
  });

  it("needs a DNS label for its name (its pods are <name>-<ordinal>)", () => {
    const { client } = setup();
    const err = errorOf(() => client.create({ ...statefulSet(), metadata: { name: "web.v1", namespace: "default" } }));
    expect(err.message).toBe('StatefulSet.apps "web.v1" is invalid: metadata.name: Invalid value: "web.v1": must not contain dots');
  });

  it("refuses a template deadline with Forbidden", () => {
    const { client } = setup();
    const err = errorOf(() => client.create(statefulSet({ template: template({ activeDeadlineSeconds: 30 }) })));
    expect(err.message).toBe('StatefulSet.apps "web" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported');
  });

  it("refuses a zero maxUnavailable in the rolling update", () => {
    const { client } = setup();
    const err = errorOf(() => client.create(statefulSet({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0 } } })));
    expect(err.message).toBe(
      'StatefulSet.apps "web" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: cannot be 0',
    );
  });

  it("forbids changing serviceName or revisionHistoryLimit but lets replicas change", () => {
    const { client } = setup();
    client.create(statefulSet());
    // The StatefulSet controller writes status meanwhile, so each change starts from a fresh read.
    const withSpec = (patch: Record<string, unknown>): KubeObject => {
      const current = client.get("apps", "statefulsets", "default", "web") as KubeObject;
      return { ...current, spec: { ...(current.spec as object), ...patch } };
    };
    expect((client.update(withSpec({ replicas: 3 })).spec as Record<string, unknown>).replicas).toBe(3);
    for (const patch of [{ serviceName: "other" }, { revisionHistoryLimit: 2 }]) {
      const err = errorOf(() => client.update(withSpec(patch)));
      expect(err.message).toBe(
        "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      );
    }
  });
});

describe("DaemonSet validation", () => {
  it("refuses both maxSurge and maxUnavailable set", () => {
    const { client } = setup();
    const err = errorOf(() => client.create(daemonSet({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } })));
    expect(err.message).toBe(
      'DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
    );
  });

  it("refuses both zero", () => {
    const { client } = setup();
    const err = errorOf(() => client.create(daemonSet({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })));
    expect(err.message).toBe('DaemonSet.apps "agent" is invalid: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0');
  });

  it("accepts a surge-only rollout", () => {
    const { client } = setup();
    const created = client.create(daemonSet({ updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "10%", maxUnavailable: 0 } } }));
    expect((created.spec as Record<string, unknown>).updateStrategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxSurge: "10%", maxUnavailable: 0 } });
  });

  it("refuses a template deadline", () => {
    const { client } = setup();
    const err = errorOf(() => client.create(daemonSet({ template: template({ activeDeadlineSeconds: 5 }) })));
    expect(err.message).toBe('DaemonSet.apps "agent" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported');
  });
});

describe("Deployment template deadline", () => {
  it("is Forbidden with the ReplicaSet wording", () => {
    const { client } = setup();
    const err = errorOf(() =>
      client.create({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "default" },
        spec: { selector: { matchLabels: { app: "web" } }, template: template({ activeDeadlineSeconds: 10 }) },
      }),
    );
    expect(err.message).toBe('Deployment.apps "web" is invalid: spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported');
  });
});
