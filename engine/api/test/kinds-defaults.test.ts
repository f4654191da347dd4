import { describe, expect, it } from "vitest";
import type { KubeObject } from "../types";
import { adminSetup, errorOf } from "./support";

// Expectations follow pkg/apis/{core,apps,batch}/v1/defaults.go, the registry strategies of
// pkg/registry/* and what `kubectl get -o yaml` shows on a v1.33 cluster for the same input.

const setup = adminSetup;

const pod = (name: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "default" }, spec });

describe("defaulting", () => {
  it("fills a pod the way the v1.33 scheme and pod strategy do", () => {
    const { client } = setup();
    const created = client.create(
      pod("web", {
        containers: [
          {
            name: "web",
            image: "nginx",
            ports: [{ containerPort: 80 }],
            resources: { limits: { cpu: "0.5", memory: "1024Mi" } },
            readinessProbe: { httpGet: { port: 80 } },
          },
        ],
      }),
      { dryRun: "All" },
    );
    const spec = created.spec as Record<string, unknown>;
    const c = (spec.containers as Record<string, unknown>[])[0];
    expect(spec).toMatchObject({
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
      securityContext: {},
      enableServiceLinks: true,
    });
    expect(c).toMatchObject({
      imagePullPolicy: "Always",
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      ports: [{ containerPort: 80, protocol: "TCP" }],
      resources: { limits: { cpu: "500m", memory: "1Gi" }, requests: { cpu: "500m", memory: "1Gi" } },
      readinessProbe: { httpGet: { path: "/", port: 80, scheme: "HTTP" }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
    });
    expect(created.status).toMatchObject({ phase: "Pending", qosClass: "Guaranteed" });
    expect(created.metadata.generation).toBe(1);
  });

  it("pulls tagged images only if not present", () => {
    const { client } = setup();
    const created = client.create(pod("tagged", { containers: [{ name: "a", image: "nginx:1.27" }, { name: "b", image: "registry:5000/app" }] }), { dryRun: "All" });
    const containers = (created.spec as { containers: { imagePullPolicy: string }[] }).containers;
    expect(containers.map((c) => c.imagePullPolicy)).toEqual(["IfNotPresent", "Always"]);
    expect(created.status).toMatchObject({ qosClass: "BestEffort" });
  });

  it("defaults a deployment's strategy, history and template metadata", () => {
    const { client } = setup();
    const created = client.create(
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "default" },
        spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } } },
      },
      { dryRun: "All" },
    );
    expect(created.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template: { metadata: { creationTimestamp: null, labels: { app: "web" } }, spec: { restartPolicy: "Always", dnsPolicy: "ClusterFirst" } },
    });
    expect((created.spec as { template: { spec: Record<string, unknown> } }).template.spec.enableServiceLinks).toBeUndefined();
  });

  it("generates a Job's selector and labels from its uid and name", () => {
    const { client } = setup();
    const created = client.create({
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "pi", namespace: "default" },
      spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: "pi", image: "perl" }] } } },
    });
    const uid = created.metadata.uid!;
    expect(created.spec).toMatchObject({
      backoffLimit: 6,
      completions: 1,
      parallelism: 1,
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "TerminatingOrFailed",
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
      template: { metadata: { labels: { "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "pi", "controller-uid": uid, "job-name": "pi" } } },
    });
    expect(created.metadata.labels).toEqual({ "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "pi", "controller-uid": uid, "job-name": "pi" });
  });

  it("folds a Secret's stringData into base64 data and types it Opaque", () => {
    const { client } = setup();
    const created = client.create({ apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "default" }, stringData: { password: "hunter2" } } as KubeObject);
    expect(created.type).toBe("Opaque");
    expect(created.data).toEqual({ password: "aHVudGVyMg==" });
    expect(created.stringData).toBeUndefined();
  });
});

describe("services", () => {
  it("allocates a ClusterIP from 10.96.0.0/12 and NodePorts from 30000-32767", () => {
    const { client } = setup();
    const svc = client.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { type: "NodePort", selector: { app: "web" }, ports: [{ port: 80 }] },
    });
    const spec = svc.spec as Record<string, unknown>;
    expect(spec.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(spec.clusterIPs).toEqual([spec.clusterIP]);
    expect(spec).toMatchObject({
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      sessionAffinity: "None",
      externalTrafficPolicy: "Cluster",
      internalTrafficPolicy: "Cluster",
    });
    const port = (spec.ports as { nodePort: number; targetPort: number; protocol: string }[])[0];
    expect(port.targetPort).toBe(80);
    expect(port.protocol).toBe("TCP");
    expect(port.nodePort).toBeGreaterThanOrEqual(30000);
    expect(port.nodePort).toBeLessThanOrEqual(32767);
    expect(svc.status).toEqual({ loadBalancer: {} });
  });

  it("refuses a taken or out-of-range nodePort and a taken ClusterIP with the allocator's messages", () => {
    const { client } = setup();
    const make = (name: string, spec: Record<string, unknown>) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "default" }, spec });
    client.create(make("a", { type: "NodePort", clusterIP: "10.96.100.100", ports: [{ port: 80, nodePort: 30080 }] }));
    expect(errorOf(() => client.create(make("b", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }))).message).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect(errorOf(() => client.create(make("c", { type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }))).message).toBe(
      'Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(errorOf(() => client.create(make("d", { clusterIP: "10.96.100.100", ports: [{ port: 80 }] }))).message).toBe(
      'Service "d" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.100.100"}: failed to allocate IP 10.96.100.100: provided IP is already allocated',
    );
    client.delete("", "services", "default", "a");
    expect(client.create(make("e", { type: "NodePort", clusterIP: "10.96.100.100", ports: [{ port: 80, nodePort: 30080 }] })).metadata.name).toBe("e");
  });
});

describe("validation", () => {
  it("says the selector does not match the template labels", () => {
    const { client } = setup();
    const err = errorOf(() =>
      client.create({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "default" },
        spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "api" } }, spec: { containers: [{ name: "nginx", image: "nginx" }] } } },
      }),
    );
    expect(err.code).toBe(422);
    expect(err.message).toBe('Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`');
  });

  it("reports several container errors at once, in the server's order", () => {
    const { client } = setup();
    const err = errorOf(() => client.create(pod("bad", { containers: [{ name: "Web", ports: [{ containerPort: 70000 }] }] })));
    expect(err.message).toBe(
      'Pod "bad" is invalid: [spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\'), spec.containers[0].image: Required value, spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    );
  });

  it("refuses requests above limits", () => {
    const { client } = setup();
    const err = errorOf(() => client.create(pod("r", { containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "2" }, limits: { cpu: "1" } } }] })));
    expect(err.message).toBe('Pod "r" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1');
  });

  it("forbids pod spec changes other than images, and keeps deployment selectors immutable", () => {
    const { client } = setup();
    client.create(pod("p", { containers: [{ name: "c", image: "nginx" }] }));
    expect(client.patch("", "pods", "default", "p", { spec: { containers: [{ name: "c", image: "nginx:1.27" }] } }, "strategic").metadata.generation).toBe(2);
    const err = errorOf(() => client.patch("", "pods", "default", "p", { spec: { containers: [{ name: "c", ports: [{ containerPort: 80 }] }] } }, "strategic"));
    expect(err.message.split("\n")[0]).toBe(
      'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    client.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d", namespace: "default" },
      spec: { selector: { matchLabels: { app: "d" } }, template: { metadata: { labels: { app: "d", v: "1" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    });
    const immutable = errorOf(() => client.patch("apps", "deployments", "default", "d", { spec: { selector: { matchLabels: { v: "1" } } } }, "merge"));
    expect(immutable.message).toBe(
      'Deployment.apps "d" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"d", "v":"1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });

  it("requires a Job's restartPolicy to be OnFailure or Never", () => {
    const { client } = setup();
    const err = errorOf(() =>
      client.create({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "j", namespace: "default" }, spec: { template: { spec: { containers: [{ name: "c", image: "busybox" }] } } } }),
    );
    expect(err.message).toBe('Job.batch "j" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });

  it("rejects an unparsable quantity while decoding, as the codec does", () => {
    const { client } = setup();
    const err = errorOf(() => client.create(pod("q", { containers: [{ name: "c", image: "nginx", resources: { limits: { memory: "1GB" } } }] })));
    expect(err.code).toBe(400);
    expect(err.message).toBe(`Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  });
});

describe("RBAC defaulting", () => {
  it("fills roleRef.apiGroup and the apiGroup of User and Group subjects (pkg/apis/rbac/v1/defaults.go)", () => {
    const { client } = setup();
    const created = client.create(
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "rb", namespace: "default" },
        roleRef: { kind: "Role", name: "reader" },
        subjects: [{ kind: "ServiceAccount", name: "default" }, { kind: "Group", name: "devs" }, { kind: "User", name: "jane" }],
      } as KubeObject,
      { dryRun: "All" },
    ) as unknown as { roleRef: unknown; subjects: unknown[] };
    expect(created.roleRef).toEqual({ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" });
    expect(created.subjects).toEqual([
      { kind: "ServiceAccount", name: "default" },
      { kind: "Group", name: "devs", apiGroup: "rbac.authorization.k8s.io" },
      { kind: "User", name: "jane", apiGroup: "rbac.authorization.k8s.io" },
    ]);
  });
});

describe("metadata validation", () => {
  it("refuses a finalizer that is neither standard nor domain-qualified (pkg/apis/core/validation ValidateObjectMeta)", () => {
    const { client } = setup();
    const err = errorOf(() => client.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "default", finalizers: ["cleanup", "example.com/cleanup", "kubernetes"] } }));
    expect(err.message).toBe('ConfigMap "c" is invalid: metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified');
  });
});
