import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN } from "../../types";

// Expected texts are encoding/json's UnmarshalTypeError as the apiserver wraps it; the PodSpec,
// ObjectMeta and ServiceSpec lines are the ones users report from real clusters (e.g.
// "Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into
// Go struct field PodSpec.spec.template.spec.nodeSelector of type string").
const cluster = Environment.create().cluster();
let counter = 0;

function send(method: "POST" | "PUT", path: string, body: unknown, fieldValidation = "Strict") {
  return cluster.apiserver.handle({
    method,
    path,
    query: new URLSearchParams({ fieldValidation }),
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    user: SYSTEM_ADMIN,
  });
}

function pod(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}, container: Record<string, unknown> = {}) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `p${++counter}`, ...metadata },
    spec: { containers: [{ name: "c", image: "nginx", ...container }], ...spec },
  };
}

function createPod(body: unknown, fieldValidation?: string) {
  const response = send("POST", "/api/v1/namespaces/default/pods", body, fieldValidation);
  return { status: response.status, message: (response.body as { message?: string }).message };
}

const POD = 'Pod in version "v1" cannot be handled as a Pod: ';

describe("typed decoding of request bodies", () => {
  it("refuses a non-string value in a map[string]string (nodeSelector, labels) naming the Go struct field", () => {
    expect(createPod(pod({ nodeSelector: { disk: true } }))).toEqual({
      status: 400,
      message: `${POD}json: cannot unmarshal bool into Go struct field PodSpec.spec.nodeSelector of type string`,
    });
    expect(createPod(pod({}, { labels: { tier: 1 } })).message).toBe(`${POD}json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string`);
  });

  it("names the innermost struct and the field path without list indexes", () => {
    expect(createPod(pod({}, {}, { args: ["sleep", 3600] })).message).toBe(`${POD}json: cannot unmarshal number into Go struct field Container.spec.containers.args of type string`);
    expect(createPod(pod({}, {}, { command: "sleep 3600" })).message).toBe(`${POD}json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string`);
    expect(createPod(pod({}, {}, { env: [{ name: "PORT", value: 8080 }] })).message).toBe(`${POD}json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string`);
    expect(createPod(pod({}, {}, { ports: [{ containerPort: "80" }] })).message).toBe(`${POD}json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`);
    expect(createPod(pod({ containers: { name: "c" } })).message).toBe(`${POD}json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container`);
    expect(createPod({ apiVersion: "v1", kind: "Pod", metadata: { name: "s" }, spec: "none" }).message).toBe(`${POD}json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec`);
  });

  it("tells int32 from int64 and reports a fraction with its literal", () => {
    expect(createPod(pod({ activeDeadlineSeconds: "60" })).message).toBe(`${POD}json: cannot unmarshal string into Go struct field PodSpec.spec.activeDeadlineSeconds of type int64`);
    expect(createPod(pod({ priority: 1.5 })).message).toBe(`${POD}json: cannot unmarshal number 1.5 into Go struct field PodSpec.spec.priority of type int32`);
    expect(createPod(pod({ hostNetwork: "yes" })).message).toBe(`${POD}json: cannot unmarshal string into Go struct field PodSpec.spec.hostNetwork of type bool`);
  });

  it("reports the first mismatch in document order", () => {
    expect(createPod(pod({ hostNetwork: "yes", nodeSelector: { a: 1 } })).message).toContain("PodSpec.spec.hostNetwork of type bool");
  });

  it("fails at once in the custom decoders of IntOrString and Quantity, with their own texts", () => {
    const probe = { livenessProbe: { httpGet: { port: true } } };
    expect(createPod(pod({}, {}, probe)).message).toBe(`${POD}json: cannot unmarshal bool into Go value of type int32`);
    expect(createPod(pod({ hostNetwork: "yes" }, {}, { resources: { limits: { cpu: true } } })).message).toBe(
      `${POD}quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
  });

  it("applies whatever the field validation directive, before unknown fields are looked at", () => {
    expect(createPod(pod({ nodeSelector: { disk: true }, bogus: 1 }), "Ignore").status).toBe(400);
    expect(createPod(pod({ bogus: 1, nodeSelector: { disk: true } })).message).toContain("cannot unmarshal bool");
  });

  it("checks other kinds and updates: configmap data, service selector, secret data, deployment replicas", () => {
    const cm = send("POST", "/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cm" }, data: { port: 8080 } });
    expect((cm.body as { message: string }).message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string');
    const svc = send("POST", "/api/v1/namespaces/default/services", { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { selector: { on: true }, ports: [{ port: 80 }] } });
    expect((svc.body as { message: string }).message).toBe('Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go struct field ServiceSpec.spec.selector of type string');
    const secret = send("POST", "/api/v1/namespaces/default/secrets", { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { port: 8080 } });
    expect((secret.body as { message: string }).message).toBe('Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.data of type []uint8');

    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    };
    expect(send("POST", "/apis/apps/v1/namespaces/default/deployments", deployment).status).toBe(201);
    const update = send("PUT", "/apis/apps/v1/namespaces/default/deployments/web", { ...deployment, spec: { ...deployment.spec, replicas: "3" } });
    expect(update.status).toBe(400);
    expect((update.body as { message: string }).message).toBe('Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  });

  it("accepts well-typed bodies with nulls, IntOrString strings and numeric quantities", () => {
    const ok = createPod(pod({ nodeSelector: null }, { annotations: { a: "1" } }, { resources: { limits: { cpu: 1 } }, livenessProbe: { httpGet: { port: "http" } } }));
    expect(ok.status).toBe(201);
  });
});
