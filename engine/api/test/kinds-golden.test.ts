import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { Environment } from "../../cluster/environment";
import { adminKubeconfig, serveEnvironment, type RunningServer } from "../../http/serve";
import type { KubeObject } from "../types";

/**
 * Golden tables: the real kubectl (v1.33, /usr/bin/kubectl) renders what `kubecoach serve` returns
 * for the objects in golden/objects.yaml, and the output must match what a v1.33 cluster prints
 * for them (columns and cells of pkg/printers/internalversion/printers.go, server errors of the
 * registries and admission plugins). Times are the cluster clock: everything is 5 minutes old.
 */

const KUBECTL = "/usr/bin/kubectl";
const PORT = 7102;
const haveKubectl = existsSync(KUBECTL);
if (!haveKubectl) console.warn(`kinds-golden: ${KUBECTL} is not installed here, so the real-kubectl goldens are skipped`);

let server: RunningServer | undefined;
let kubeconfig = "";
let home = "";
/** When the objects were made: the environment's clock after its own bootstrap. */
let createdAt = "";

function kubectl(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, KUBECONFIG: kubeconfig } as unknown as NodeJS.ProcessEnv;
    execFile(KUBECTL, args, { env }, (error, stdout, stderr) => {
      resolve({ out: stdout, err: stderr, code: error ? Number((error as { code?: number }).code ?? 1) : 0 });
    });
  });
}

const table = (...lines: string[]) => lines.join("\n") + "\n";

describe.skipIf(!haveKubectl)("kubectl get against kubecoach serve (real kubectl)", () => {
  beforeAll(async () => {
    // A start time ahead of the wall clock keeps `serve` from moving the cluster clock on its own.
    const env = Environment.create(undefined, { startTime: Date.UTC(2031, 0, 1), seed: 11 });
    const admin = env.cluster().admin;
    createdAt = env.clock.nowRfc3339();
    for (const doc of parseAllDocuments(readFileSync(join(__dirname, "golden", "objects.yaml"), "utf8"))) {
      admin.create(doc.toJSON() as KubeObject);
    }
    env.advanceBy(5 * 60_000);
    home = mkdtempSync(join(tmpdir(), "kubecoach-golden-"));
    kubeconfig = join(home, "kubeconfig");
    server = await serveEnvironment(env, { port: PORT });
    writeFileSync(kubeconfig, adminKubeconfig(env, { baseUrl: server.url, caPem: server.caPem }));
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it("prints services with cluster IPs, external IPs and node ports (-o wide)", async () => {
    const r = await kubectl("get", "svc", "-n", "golden", "-o", "wide");
    expect(r.out).toBe(
      table(
        "NAME   TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)        AGE   SELECTOR",
        "db     ClusterIP      None          <none>        5432/TCP       5m    app=db",
        "ext    ExternalName   <none>        example.com   <none>         5m    <none>",
        "lb     LoadBalancer   10.96.50.50   <pending>     80:30081/TCP   5m    app=lb",
        "web    NodePort       10.96.50.51   <none>        80:30080/TCP   5m    app=web",
      ),
    );
  });

  it("prints config objects, counting data keys", async () => {
    const r = await kubectl("get", "cm,secret", "-n", "golden");
    expect(r.out).toBe(
      table(
        "NAME                         DATA   AGE",
        "configmap/kube-root-ca.crt   1      5m",
        "configmap/settings           2      5m",
        "",
        "NAME           TYPE     DATA   AGE",
        "secret/creds   Opaque   2      5m",
      ),
    );
  });

  it("prints a deployment with its wide columns and a suspended cronjob", async () => {
    expect((await kubectl("get", "deploy", "-n", "golden", "-o", "wide")).out).toBe(
      table("NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR", "web    0/0     0            0           5m    nginx        nginx:1.27   app=web"),
    );
    expect((await kubectl("get", "cronjob", "-n", "golden")).out).toBe(
      table("NAME     SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE", "backup   */5 * * * *   <none>     True      0        <none>          5m"),
    );
  });

  it("prints claims, quotas, limit ranges and storage classes", async () => {
    expect((await kubectl("get", "pvc", "-n", "golden")).out).toBe(
      table(
        "NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE",
        "data   Pending                                                     <unset>                 5m",
      ),
    );
    expect((await kubectl("get", "quota", "-n", "golden")).out).toBe(
      table("NAME      REQUEST                         LIMIT                  AGE", "compute   pods: 0/10, requests.cpu: 0/2   limits.memory: 0/4Gi   5m"),
    );
    expect((await kubectl("get", "limits", "-n", "golden")).out).toBe(table("NAME       CREATED AT", `defaults   ${createdAt}`));
    expect((await kubectl("get", "sc", "golden-fast")).out).toBe(
      table(
        "NAME          PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE",
        "golden-fast   rancher.io/local-path   Delete          WaitForFirstConsumer   true                   5m",
      ),
    );
    expect((await kubectl("get", "pc", "golden-high")).out).toBe(
      table("NAME          VALUE   GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY", "golden-high   1000    false            5m    PreemptLowerPriority"),
    );
  });

  it("prints networking, RBAC, autoscaling, disruption budgets and leases", async () => {
    expect((await kubectl("get", "ingress,netpol", "-n", "golden")).out).toBe(
      table(
        "NAME                            CLASS   HOSTS         ADDRESS   PORTS     AGE",
        "ingress.networking.k8s.io/web   nginx   example.com             80, 443   5m",
        "",
        "NAME                                           POD-SELECTOR   AGE",
        "networkpolicy.networking.k8s.io/deny-ingress   <none>         5m",
      ),
    );
    expect((await kubectl("get", "rolebinding", "-n", "golden", "-o", "wide")).out).toBe(
      table("NAME   ROLE          AGE   USERS   GROUPS   SERVICEACCOUNTS", "read   Role/reader   5m    jane    devs     golden/robot"),
    );
    expect((await kubectl("get", "role", "-n", "golden")).out).toBe(table("NAME     CREATED AT", `reader   ${createdAt}`));
    expect((await kubectl("get", "hpa", "-n", "golden")).out).toBe(
      table("NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE", "web    Deployment/web   cpu: <unknown>/80%   1         5         0          5m"),
    );
    expect((await kubectl("get", "pdb", "-n", "golden")).out).toBe(
      table("NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE", "web    1               N/A               0                     5m"),
    );
    expect((await kubectl("get", "lease", "lock", "-n", "golden")).out).toBe(table("NAME   HOLDER   AGE", "lock   me       5m"));
  });

  it("shows a service as -o yaml with every field the server fills", async () => {
    const r = await kubectl("get", "svc", "web", "-n", "golden", "-o", "yaml");
    const normalized = r.out.replace(/resourceVersion: "\d+"/, 'resourceVersion: "RV"').replace(/uid: [0-9a-f-]{36}/, "uid: UID");
    expect(normalized).toBe(
      [
        "apiVersion: v1",
        "kind: Service",
        "metadata:",
        `  creationTimestamp: "${createdAt}"`,
        "  name: web",
        "  namespace: golden",
        '  resourceVersion: "RV"',
        "  uid: UID",
        "spec:",
        "  clusterIP: 10.96.50.51",
        "  clusterIPs:",
        "  - 10.96.50.51",
        "  externalTrafficPolicy: Cluster",
        "  internalTrafficPolicy: Cluster",
        "  ipFamilies:",
        "  - IPv4",
        "  ipFamilyPolicy: SingleStack",
        "  ports:",
        "  - nodePort: 30080",
        "    port: 80",
        "    protocol: TCP",
        "    targetPort: 8080",
        "  selector:",
        "    app: web",
        "  sessionAffinity: None",
        "  type: NodePort",
        "status:",
        "  loadBalancer: {}",
        "",
      ].join("\n"),
    );
  });

  it("reports server validation and allocation errors the way kubectl prints them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubecoach-golden-manifests-"));
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata: {name: api, namespace: golden}",
        "spec:",
        "  selector: {matchLabels: {app: api}}",
        "  template:",
        "    metadata: {labels: {app: web}}",
        "    spec: {containers: [{name: c, image: nginx}]}",
      ].join("\n"),
    );
    const r = await kubectl("create", "-f", bad);
    expect(r.code).toBe(1);
    expect(r.err).toBe('The Deployment "api" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`\n');
    const taken = await kubectl("create", "service", "nodeport", "again", "-n", "golden", "--tcp=80:80", "--node-port=30080");
    // `kubectl create service` words the server's error inside its own.
    expect(taken.err).toBe('error: failed to create NodePort service: Service "again" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
    const quota = await kubectl("run", "x", "-n", "golden", "--image=nginx");
    expect(quota.err).toBe('Error from server (Forbidden): pods "x" is forbidden: failed quota: compute: must specify requests.cpu\n');
  });
});
