import type { KubeObject } from "../../engine/api/types";
import type { Environment } from "../../engine/cluster/environment";
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

export const RUNTIME_SCENARIOS: Scenario[] = [
  {
    name: "runtime",
    setup: seedRuntime,
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
    ],
  },
];
