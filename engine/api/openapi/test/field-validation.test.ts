import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN } from "../../types";

const deployment = (extraSpec: Record<string, unknown>, container: Record<string, unknown> = {}) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "default" },
  spec: {
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx", ...container }] } },
    ...extraSpec,
  },
});

function post(fieldValidation: string | undefined, body: unknown) {
  const cluster = Environment.create().cluster();
  const query = new URLSearchParams(fieldValidation ? { fieldValidation } : {});
  const response = cluster.apiserver.handle({
    method: "POST",
    path: "/apis/apps/v1/namespaces/default/deployments",
    query,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    user: SYSTEM_ADMIN,
  });
  return { cluster, response };
}

describe("server-side field validation", () => {
  it("refuses unknown fields under Strict with the decoder's message and paths, in document order", () => {
    const { response } = post("Strict", deployment({ replica: 3 }, { imagee: "x" }));
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagee", unknown field "spec.replica"',
    );
  });

  it("creates the object and warns under Warn, the default", () => {
    for (const directive of ["Warn", undefined]) {
      const { response } = post(directive, deployment({ replica: 3 }));
      expect(response.status).toBe(201);
      expect(response.headers?.warning).toBe('299 - "unknown field \\"spec.replica\\""');
    }
  });

  it("says nothing under Ignore, and accepts known fields, maps and free-form values", () => {
    expect(post("Ignore", deployment({ replica: 3 })).response.headers?.warning).toBeUndefined();
    const ok = post("Strict", { ...deployment({ replicas: 2 }, { resources: { limits: { cpu: "1" } } }), metadata: { name: "web", namespace: "default", labels: { any: "key" } } });
    expect(ok.response.status).toBe(201);
  });

  it("checks patch documents too, skipping strategic-merge directives", () => {
    const { cluster } = post("Strict", deployment({}));
    const patch = (body: unknown) =>
      cluster.apiserver.handle({
        method: "PATCH",
        path: "/apis/apps/v1/namespaces/default/deployments/web",
        query: new URLSearchParams({ fieldValidation: "Strict" }),
        headers: { "content-type": "application/strategic-merge-patch+json" },
        body: JSON.stringify(body),
        user: SYSTEM_ADMIN,
      });
    const bad = patch({ spec: { paused: true, foo: 1 } });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toBe('strict decoding error: unknown field "spec.foo"');
    expect(patch({ spec: { template: { spec: { $setElementOrder: [{ name: "nginx" }], containers: [{ name: "nginx", image: "nginx:2" }] } } } }).status).toBe(200);
  });

  it("rejects an unknown directive", () => {
    const { response } = post("Loud", deployment({}));
    expect((response.body as { message: string }).message).toBe('fieldValidation must be one of "Ignore", "Warn", or "Strict", got "Loud"');
  });
});

describe("objects the cluster wrote", () => {
  it("go back through Strict validation unchanged (`get -o yaml` then `apply -f` round trips)", () => {
    const env = Environment.create();
    const cluster = env.cluster();
    const client = cluster.clientFor(SYSTEM_ADMIN);
    for (const pod of client.list("", "pods", "kube-system")) {
      const response = cluster.apiserver.handle({
        method: "PUT",
        path: `/api/v1/namespaces/kube-system/pods/${pod.metadata.name}`,
        query: new URLSearchParams({ fieldValidation: "Strict" }),
        headers: { "content-type": "application/json" },
        body: JSON.stringify(pod),
        user: SYSTEM_ADMIN,
      });
      expect([pod.metadata.name, response.status]).toEqual([pod.metadata.name, 200]);
    }
    for (const [group, resource] of [["", "nodes"], ["apps", "deployments"], ["apps", "daemonsets"], ["", "services"]]) {
      for (const obj of client.list(group, resource, resource === "nodes" ? undefined : "kube-system")) {
        const response = cluster.apiserver.handle({
          method: "PUT",
          path: client.path(group, resource, obj.metadata.namespace, obj.metadata.name),
          query: new URLSearchParams({ fieldValidation: "Strict" }),
          headers: { "content-type": "application/json" },
          body: JSON.stringify(obj),
          user: SYSTEM_ADMIN,
        });
        expect([`${resource}/${obj.metadata.name}`, response.status]).toEqual([`${resource}/${obj.metadata.name}`, 200]);
      }
    }
  });
});
