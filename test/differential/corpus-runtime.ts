import type { KubeObject } from "../../engine/api/types";
import type { Environment } from "../../engine/cluster/environment";
import { installMetricsServer } from "../../engine/kubelet/metrics/install";
import type { Scenario } from "./corpus";

/** Differential corpus lines for the kubectl runtime verbs (kept apart so each area can grow its own). */
function create(env: Environment, obj: Record<string, unknown>): void {
  env.cluster().admin.create(obj as KubeObject);
}

/** Running pods to exec into: one container, several (with an init container), an annotated default, a finished one. */
function seedRuntime(env: Environment): void {
  const sleeper = { image: "busybox:1.36", command: ["sleep", "3600"] };
  create(env, { apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default", labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.25", ports: [{ containerPort: 80 }] }] } });
  create(env, {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "multi", namespace: "default" },
    spec: { initContainers: [{ name: "init", image: "busybox:1.36", command: ["true"] }], containers: [{ name: "app", image: "nginx:1.25" }, { name: "side", ...sleeper }] },
  });
  create(env, {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "annotated", namespace: "default", annotations: { "kubectl.kubernetes.io/default-container": "side" } },
    spec: { containers: [{ name: "app", image: "nginx:1.25" }, { name: "side", ...sleeper }] },
  });
  create(env, { apiVersion: "v1", kind: "Pod", metadata: { name: "done", namespace: "default" }, spec: { restartPolicy: "Never", containers: [{ name: "app", image: "busybox:1.36", command: ["true"] }] } });
  create(env, { apiVersion: "v1", kind: "Pod", metadata: { name: "pending", namespace: "default" }, spec: { nodeSelector: { disk: "none" }, containers: [{ name: "app", image: "nginx:1.25" }] } });
  const labels = { app: "api" };
  create(env, {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "api", namespace: "default" },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "api", ...sleeper }] } } },
  });
  create(env, { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "default" }, spec: { selector: { app: "web" }, ports: [{ port: 80, targetPort: 80 }] } });
  env.advanceBy(60_000);
}

/** metrics-server running and scraping, with a busy pod, an idle one and a two-container one in `compute`. */
function seedMetrics(env: Environment): void {
  const cluster = env.cluster();
  installMetricsServer(cluster, { insecureTls: true });
  create(env, { apiVersion: "v1", kind: "Namespace", metadata: { name: "compute" } });
  const pod = (name: string, containers: Record<string, unknown>[], labels: Record<string, string> = { app: name }) =>
    create(env, { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: "compute", labels }, spec: { containers } });
  pod("cruncher", [{ name: "cruncher", image: "busybox:1.36", command: ["sh", "-c", "while true; do :; done"] }], { app: "cruncher", tier: "batch" });
  pod("idle", [{ name: "idle", image: "busybox:1.36", command: ["sleep", "3600"] }], { app: "idle", tier: "batch" });
  pod("web", [
    { name: "nginx", image: "nginx:1.27" },
    { name: "sidecar", image: "busybox:1.36", command: ["sleep", "3600"] },
  ]);
  env.advanceBy(180_000);
}

export const RUNTIME_SCENARIOS: Scenario[] = [
  {
    name: "metrics-unavailable",
    lines: ["top nodes", "top pods", "top pods -A", "top node --sort-by=x", "top", "top pod a b", "top node a b"],
  },
  {
    name: "metrics",
    setup: seedMetrics,
    lines: [
      "top nodes",
      "top node",
      "top no --no-headers",
      "top node --sort-by=cpu",
      "top node --sort-by=memory",
      "top node --show-capacity",
      "top node node01",
      "top node nope",
      "top node node01 -l x=y",
      "top node -l node-role.kubernetes.io/control-plane",
      "top node --sort-by=disk",
      "top pods",
      "top pods -n compute",
      "top po -n compute --sort-by=cpu",
      "top pods -n compute --sort-by=memory",
      "top pods -n compute --containers",
      "top pods -n compute --containers --sort-by=cpu",
      "top pods -n compute --no-headers",
      "top pods -n compute --sum",
      "top pods -n compute --sum --containers",
      "top pods -n compute --sum --no-headers",
      "top pods -n compute -l tier=batch",
      "top pods -n compute -l tier=none",
      "top pods -n compute --field-selector metadata.name=web",
      "top pod web -n compute",
      "top pod web -n compute --containers",
      "top pod nope -n compute",
      "top pod web -n compute -l app=web",
      "top pods -A",
      "top pods -A --sort-by=cpu",
      "top pods -A --containers",
      "top pods -A --sum",
    ],
  },
  {
    name: "runtime",
    setup: seedRuntime,
    files: { "app.conf": "mode=prod\nlevel=3\n" },
    lines: [
      "exec web -- cat /etc/hostname",
      "exec web -- ls /",
      "exec web -- sh -c 'echo out; echo err >&2; exit 3'",
      "exec web -- nosuch",
      "exec web -- /bin/nosuch",
      "exec web",
      "exec web ls",
      "exec",
      "exec -- ls",
      "exec nope -- ls",
      "exec -n kube-system nope -- ls",
      "exec multi -- cat /etc/hostname",
      "exec -q multi -- cat /etc/hostname",
      "exec multi -c side -- cat /etc/hostname",
      "exec multi -c nope -- ls",
      "exec multi --container=init -- ls",
      "exec annotated -- cat /etc/hostname",
      "exec done -- ls",
      "exec pending -- ls",
      "exec pod/web -- cat /etc/hostname",
      "exec svc/web -- cat /etc/hostname",
      "exec svc/kubernetes -- ls",
      "exec cm/kube-root-ca.crt -- ls",
      "exec deploy/nope -- ls",
      "exec -it web -- echo hi",
      "exec -t web -- echo hi",
      { line: "exec -i web -- cat", stdin: "from stdin\n" },
      { line: "exec -i web -- sh -c 'wc -l'", stdin: "a\nb\n" },
      "exec web -- env",
      "attach",
      "attach a b c",
      "attach nope",
      "attach web -c nope",
      "attach done",
      "attach pod nope",
      "port-forward",
      "port-forward web",
      "port-forward web 8080:nope",
      "port-forward web abc:80",
      "port-forward web 70000",
      "port-forward web 8080:0",
      "port-forward svc/web 9090:1234",
      "port-forward svc/web 9090:nope",
      "port-forward svc/kubernetes 443",
      "port-forward pending 8080:80",
      "port-forward nope 80",
      "port-forward deploy/nope 80",
      "cp app.conf web:/tmp/app.conf",
      "exec web -- cat /tmp/app.conf",
      "cp app.conf web:/etc",
      "exec web -- cat /etc/app.conf",
      "cp web:/etc/hostname hostname.txt",
      "cp web:/tmp/nope nope.txt",
      "cp default/web:/etc/hostname h2.txt",
      "cp multi:/etc/hostname h3.txt",
      "cp -c side multi:/etc/hostname h4.txt",
      "cp missing.txt web:/tmp/x",
      "cp a b",
      "cp web:/a web:/b",
      "cp :x /tmp",
      "cp web: x",
      "cp nope:/x x",
      "cp",
      "cp one",
    ],
  },
];
