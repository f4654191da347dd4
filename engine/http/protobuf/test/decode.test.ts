import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeKubernetesProtobuf, ProtobufDecodeError } from "../decode";

/**
 * The fixtures are request bodies real kubectl v1.33 sent; each expectation is what the same
 * command prints with `--dry-run=client -o json` (minus zero-valued status fields Go prints).
 */
const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", `${name}.bin`));

describe("Kubernetes protobuf request bodies", () => {
  it("decodes `kubectl create deployment dep1 --image=nginx:1.27 --replicas=3 --port=80`", () => {
    expect(decodeKubernetesProtobuf(fixture("deployment"))).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "dep1", creationTimestamp: null, labels: { app: "dep1" } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "dep1" } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: "dep1" } },
          spec: { containers: [{ name: "nginx", image: "nginx:1.27", ports: [{ containerPort: 80 }], resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  it("decodes int-or-string ports and node ports of `create service nodeport np1 --tcp=80:8080 --node-port=30080`", () => {
    expect(decodeKubernetesProtobuf(fixture("service-nodeport"))).toEqual({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "np1", creationTimestamp: null, labels: { app: "np1" } },
      spec: { ports: [{ name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080, nodePort: 30080 }], selector: { app: "np1" }, type: "NodePort" },
      status: { loadBalancer: {} },
    });
  });

  it("inlines the ingress rule value and keeps string percentages (`create pdb --min-available=50%`)", () => {
    const ingress = decodeKubernetesProtobuf(fixture("ingress")) as { spec: unknown; metadata: unknown };
    expect(ingress.metadata).toEqual({ name: "ing1", creationTimestamp: null, annotations: { a: "b" } });
    expect(ingress.spec).toEqual({
      tls: [{ hosts: ["foo.com"], secretName: "my-cert" }],
      rules: [{ host: "foo.com", http: { paths: [{ path: "/bar", backend: { service: { name: "svc1", port: { number: 80 } } }, pathType: "Prefix" }] } }],
      ingressClassName: "nginx",
    });
    expect((decodeKubernetesProtobuf(fixture("pdb")) as { spec: unknown }).spec).toEqual({ minAvailable: "50%", selector: { matchLabels: { app: "x" } } });
  });

  it("decodes RBAC subjects, access reviews and token requests", () => {
    expect((decodeKubernetesProtobuf(fixture("rolebinding")) as { subjects: unknown }).subjects).toEqual([
      { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane" },
      { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "dev" },
      { kind: "ServiceAccount", name: "sa1", namespace: "default" },
    ]);
    expect((decodeKubernetesProtobuf(fixture("selfsubjectaccessreview")) as { spec: unknown }).spec).toEqual({
      resourceAttributes: { namespace: "kube-system", verb: "list", resource: "pods" },
    });
    expect((decodeKubernetesProtobuf(fixture("tokenrequest")) as { spec: unknown }).spec).toEqual({ audiences: ["a"], expirationSeconds: 7200 });
  });

  it("says plainly when a kind or field cannot be read yet", () => {
    const unknownKind = Buffer.concat([Buffer.from("k8s\0"), Buffer.from([0x0a, 0x0c, 0x0a, 0x02, 0x76, 0x31, 0x12, 0x06, 0x57, 0x69, 0x64, 0x67, 0x65, 0x74])]);
    expect(() => decodeKubernetesProtobuf(unknownKind)).toThrow(new ProtobufDecodeError("Kubecoach cannot read Widget (v1) from protobuf yet"));
    expect(() => decodeKubernetesProtobuf(Buffer.from("{}"))).toThrow(ProtobufDecodeError);
  });
});
