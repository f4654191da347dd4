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

  it("drops the unknown fields it let through, as decoding into the Go struct does", () => {
    for (const directive of ["Warn", "Ignore"]) {
      const { response } = post(directive, { ...deployment({ replica: 3 }, { imagee: "x" }), status: { bogus: 1 } });
      expect(response.status).toBe(201);
      const created = response.body as { spec: { template: { spec: { containers: object[] } } }; metadata: object };
      expect(created.spec).not.toHaveProperty("replica");
      expect(created.spec.template.spec.containers[0]).toEqual(expect.not.objectContaining({ imagee: "x" }));
      expect(created.spec.template.spec.containers[0]).toHaveProperty("image", "nginx");
    }
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
    // The patcher's kindless 422: `kubectl edit` reopens the file with this cause on top.
    const bad = patch({ spec: { paused: true, foo: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({
      reason: "Invalid",
      message: ' "" is invalid: patch: Invalid value: "map[spec:map[foo:1 paused:true]]": strict decoding error: unknown field "spec.foo"',
      details: { causes: [{ reason: "FieldValueInvalid", field: "patch", message: 'Invalid value: "map[spec:map[foo:1 paused:true]]": strict decoding error: unknown field "spec.foo"' }] },
    });
    expect((bad.body as { details: object }).details).not.toHaveProperty("name");
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

// Expectations from the Kubernetes field-validation integration test (test/integration/apiserver).
const INVALID_JSON = `{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "name": "dupename",
    "name": "web",
    "labels": {"app": "nginx"},
    "unknownMeta": "metaVal"
  },
  "spec": {
    "unknown1": "val1",
    "unknownDupe": "valDupe",
    "unknownDupe": "valDupe2",
    "paused": true,
    "paused": false,
    "selector": {"matchLabels": {"app": "nginx"}},
    "template": {
      "metadata": {"labels": {"app": "nginx"}},
      "spec": {
        "containers": [{
          "name": "nginx",
          "image": "nginx:latest",
          "unknownNested": "val1",
          "imagePullPolicy": "Always",
          "imagePullPolicy": "Never"
        }]
      }
    }
  }
}`;

const INVALID_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dupename
  name: web
  unknownMeta: metaVal
  labels:
    app: nginx
spec:
  unknown1: val1
  unknownDupe: valDupe
  unknownDupe: valDupe2
  paused: true
  paused: false
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        unknownNested: val1
        imagePullPolicy: Always
        imagePullPolicy: Never`;

function send(method: "POST" | "PATCH", path: string, body: string, contentType: string, fieldValidation?: string) {
  const cluster = Environment.create().cluster();
  return cluster.apiserver.handle({
    method,
    path,
    query: new URLSearchParams(fieldValidation ? { fieldValidation } : {}),
    headers: { "content-type": contentType },
    body,
    user: SYSTEM_ADMIN,
  });
}

function warningsOf(header: string | undefined): string[] {
  return [...(header ?? "").matchAll(/299 - ("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1]) as string);
}

describe("repeated fields under strict field validation", () => {
  const deployments = "/apis/apps/v1/namespaces/default/deployments";

  it("reports repeated and unknown JSON fields interleaved in document order, a repeated unknown field once", () => {
    const strict = send("POST", deployments, INVALID_JSON, "application/json", "Strict");
    expect(strict.status).toBe(400);
    expect((strict.body as { message: string }).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: duplicate field "metadata.name", unknown field "metadata.unknownMeta", unknown field "spec.unknown1", unknown field "spec.unknownDupe", duplicate field "spec.paused", unknown field "spec.template.spec.containers[0].unknownNested", duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
    );
    const warn = send("POST", deployments, INVALID_JSON, "application/json");
    expect(warn.status).toBe(201);
    expect(warningsOf(warn.headers?.warning)).toEqual([
      'duplicate field "metadata.name"',
      'unknown field "metadata.unknownMeta"',
      'unknown field "spec.unknown1"',
      'unknown field "spec.unknownDupe"',
      'duplicate field "spec.paused"',
      'unknown field "spec.template.spec.containers[0].unknownNested"',
      'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
    ]);
    // The last of the repeated values is the one kept.
    expect((warn.body as { metadata: { name: string }; spec: { paused: boolean } }).metadata.name).toBe("web");
    expect(send("POST", deployments, INVALID_JSON, "application/json", "Ignore").headers?.warning).toBeUndefined();
  });

  it("lists go-yaml's repeated-key lines first for YAML bodies, then the unknown fields in key order", () => {
    const strict = send("POST", deployments, INVALID_YAML, "application/yaml", "Strict");
    expect(strict.status).toBe(400);
    expect((strict.body as { message: string }).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: yaml: unmarshal errors:\n  line 5: key "name" already set in map\n  line 12: key "unknownDupe" already set in map\n  line 14: key "paused" already set in map\n  line 28: key "imagePullPolicy" already set in map, unknown field "metadata.unknownMeta", unknown field "spec.template.spec.containers[0].unknownNested", unknown field "spec.unknown1", unknown field "spec.unknownDupe"',
    );
    const warn = send("POST", deployments, INVALID_YAML, "application/yaml", "Warn");
    expect(warn.status).toBe(201);
    expect(warningsOf(warn.headers?.warning)).toEqual([
      'line 5: key "name" already set in map',
      'line 12: key "unknownDupe" already set in map',
      'line 14: key "paused" already set in map',
      'line 28: key "imagePullPolicy" already set in map',
      'unknown field "metadata.unknownMeta"',
      'unknown field "spec.template.spec.containers[0].unknownNested"',
      'unknown field "spec.unknown1"',
      'unknown field "spec.unknownDupe"',
    ]);
  });

  it("reports every repeat of a merge patch first, then its unknown fields in key order", () => {
    const cluster = Environment.create().cluster();
    const create = cluster.apiserver.handle({ method: "POST", path: deployments, query: new URLSearchParams(), headers: { "content-type": "application/json" }, body: JSON.stringify(deployment({})), user: SYSTEM_ADMIN });
    expect(create.status).toBe(201);
    const patch = `{"spec": {"unknown1": "val1", "unknownDupe": "a", "unknownDupe": "b", "paused": true, "paused": false,
      "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:latest", "unknownNested": "val1", "imagePullPolicy": "Always", "imagePullPolicy": "Never"}]}}}}`;
    const response = cluster.apiserver.handle({
      method: "PATCH",
      path: `${deployments}/web`,
      query: new URLSearchParams({ fieldValidation: "Strict" }),
      headers: { "content-type": "application/merge-patch+json" },
      body: patch,
      user: SYSTEM_ADMIN,
    });
    expect(response.status).toBe(422);
    expect((response.body as { message: string }).message).toMatch(/^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"apps\/v1\\",\\"kind\\":\\"Deployment\\",/);
    // The value is the patched object; the strict decoding error ends the message, as upstream's field_validation_test checks.
    expect((response.body as { message: string }).message.endsWith(
      'strict decoding error: duplicate field "spec.unknownDupe", duplicate field "spec.paused", duplicate field "spec.template.spec.containers[0].imagePullPolicy", unknown field "spec.template.spec.containers[0].unknownNested", unknown field "spec.unknown1", unknown field "spec.unknownDupe"',
    )).toBe(true);
  });

  it("checks a JSON patch's own ops, then the unknown fields of the patched object", () => {
    const cluster = Environment.create().cluster();
    cluster.apiserver.handle({ method: "POST", path: deployments, query: new URLSearchParams(), headers: { "content-type": "application/json" }, body: JSON.stringify(deployment({})), user: SYSTEM_ADMIN });
    const patch = `[
      {"op": "add", "path": "/spec/unknown1", "value": "val1", "foo": "bar"},
      {"op": "add", "path": "/spec/unknown2", "path": "/spec/unknown3", "value": "val1"},
      {"op": "add", "path": "/spec/paused", "value": true},
      {"op": "add", "path": "/spec/template/spec/containers/0/unknownNested", "value": "val1"}]`;
    const send = (fieldValidation?: string) =>
      cluster.apiserver.handle({
        method: "PATCH",
        path: `${deployments}/web`,
        query: new URLSearchParams(fieldValidation ? { fieldValidation } : {}),
        headers: { "content-type": "application/json-patch+json" },
        body: patch,
        user: SYSTEM_ADMIN,
      });
    const expected = ['json patch unknown field "[0].foo"', 'json patch duplicate field "[1].path"', 'unknown field "spec.template.spec.containers[0].unknownNested"', 'unknown field "spec.unknown1"', 'unknown field "spec.unknown3"'];
    const strict = send("Strict");
    expect(strict.status).toBe(422);
    expect((strict.body as { message: string }).message.endsWith(`strict decoding error: ${expected.join(", ")}`)).toBe(true);
    // Warn (the default, what `kubectl patch --type=json` gets) warns, and the unknown fields are not stored.
    const warned = send();
    expect(warned.status).toBe(200);
    expect(warned.headers?.warning).toBe(expected.map((w) => `299 - ${JSON.stringify(w)}`).join(", "));
    const spec = (warned.body as { spec: Record<string, unknown> }).spec;
    expect(spec.paused).toBe(true);
    expect(spec).not.toHaveProperty("unknown1");
    expect(spec).not.toHaveProperty("unknown3");
    expect((spec.template as { spec: { containers: object[] } }).spec.containers[0]).not.toHaveProperty("unknownNested");
  });

  it("refuses repeated keys in a server-side apply body with go-yaml's lines", () => {
    const body = JSON.stringify(deployment({})).replace('"selector":', '"paused": false,\n"paused": true,\n"selector":');
    const strict = send("PATCH", `${deployments}/web`, body, "application/apply-patch+yaml", "Strict");
    expect(strict.status).toBe(400);
    expect((strict.body as { message: string }).message).toBe('error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 2: key "paused" already set in map');
  });
});
