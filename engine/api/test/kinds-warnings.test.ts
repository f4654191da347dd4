import { beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import type { ApiClient } from "../client";
import { SYSTEM_ADMIN, type KubeObject } from "../types";

// Strategy warnings (WarningsOnCreate/Update) kubectl prints as "Warning: …": pkg/api/pod/warnings.go,
// pkg/api/node/util.go, the workload strategies' DNS-label name advice and the Ingress class annotation.

let client: ApiClient;
beforeAll(() => {
  client = Environment.create().cluster().clientFor(SYSTEM_ADMIN);
});

/** The Warning header values of a dry-run create, in order. */
function warningsOf(obj: KubeObject, group: string, resource: string): string[] {
  const response = client.request("POST", client.path(group, resource, "default"), { body: obj, contentType: "application/json", query: { dryRun: "All" } });
  expect(response.status).toBe(201);
  const header = response.headers?.warning ?? "";
  return [...header.matchAll(/299 - ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]) as string);
}

const pod = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec });

describe("strategy warnings", () => {
  it("advises a DNS label for a dotted pod name and flags pod spec pitfalls", () => {
    const warnings = warningsOf(
      pod("web.v1", {
        nodeSelector: { "beta.kubernetes.io/os": "linux" },
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" }],
        containers: [{ name: "c", image: "nginx", env: [{ name: "MODE", value: "a" }, { name: "MODE", value: "b" }], resources: { requests: { memory: "100m" } } }],
      }),
      "",
      "pods",
    );
    expect(warnings).toEqual([
      "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
      'spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead',
      "spec.topologySpreadConstraints[0].labelSelector: a null labelSelector results in matching no pod",
      'spec.containers[0].resources.requests[memory]: fractional byte value "100m" is invalid, must be an integer',
      'spec.containers[0].env[1]: hides previous definition of "MODE", which may be dropped when using apply',
    ]);
  });

  it("does not warn when a repeated env var builds on the earlier one", () => {
    expect(warningsOf(pod("ok", { containers: [{ name: "c", image: "nginx", env: [{ name: "P", value: "/a" }, { name: "P", value: "$(P):/b" }] }] }), "", "pods")).toEqual([]);
  });

  it("puts template warnings under spec.template and advises on Deployment names", () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web.v2", namespace: "default" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }] } }, containers: [{ name: "c", image: "nginx" }] },
        },
      },
    } as KubeObject;
    expect(warningsOf(deployment, "apps", "deployments")).toEqual([
      "metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
      "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod",
    ]);
  });

  it("warns about the deprecated ingress class annotation", () => {
    const ingress = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "old", namespace: "default", annotations: { "kubernetes.io/ingress.class": "nginx" } },
      spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } },
    } as KubeObject;
    expect(warningsOf(ingress, "networking.k8s.io", "ingresses")).toEqual(['annotation "kubernetes.io/ingress.class" is deprecated, please use \'spec.ingressClassName\' instead']);
  });
});
