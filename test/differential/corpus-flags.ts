import type { KubeObject } from "../../engine/api/types";
import type { Scenario } from "./corpus";

/**
 * Flags that change how kubectl builds or sends a request: run/expose --overrides (merged into the
 * generated object) and the -v request logs.
 */
const NODE_SELECTOR = `--overrides='{"apiVersion":"v1","spec":{"nodeSelector":{"disk":"ssd"},"containers":[{"name":"o1","image":"nginx:1.27"}]}}'`;

export const FLAG_SCENARIOS: Scenario[] = [
  {
    name: "overrides",
    setup: (env) => {
      env.cluster().admin.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "robot", namespace: "default" } } as KubeObject);
    },
    lines: [
      `run o1 --image=nginx --dry-run=client -o yaml ${NODE_SELECTOR}`,
      `run o2 --image=nginx --dry-run=client -o json --overrides='{"metadata":{"labels":{"tier":"web"},"annotations":{"note":"x"}},"spec":{"restartPolicy":"Never"}}'`,
      `run o3 --image=nginx --dry-run=client -o yaml --override-type=json --overrides='[{"op":"add","path":"/spec/hostNetwork","value":true}]'`,
      `run o4 --image=nginx --dry-run=client -o yaml --override-type=strategic --overrides='{"spec":{"containers":[{"name":"o4","resources":{"limits":{"cpu":"1"}}}]}}'`,
      `run o5 --image=nginx --dry-run=client -o yaml --override-type=merge --overrides='{"spec":{"containers":[{"name":"o5","resources":{"limits":{"cpu":"1"}}}]}}'`,
      "run o6 --image=nginx --dry-run=client --overrides='{bad'",
      "run o7 --image=nginx --dry-run=client --override-type=json --overrides='{}'",
      "run o8 --image=nginx --dry-run=client --override-type=foo --overrides='{}'",
      `run o9 --image=nginx --overrides='{"apiVersion":"v1","spec":{"serviceAccountName":"robot"}}'`,
      "get pod o9 -o jsonpath={.spec.serviceAccountName}",
      `run o10 --image=nginx --dry-run=client -o yaml --overrides='{"spec":{"unknownField":1}}'`,
      `run o11 --image=nginx --dry-run=client -o yaml --overrides='{"kind":null}'`,
      `expose pod o9 --port=80 --dry-run=client -o yaml --overrides='{"spec":{"type":"NodePort"}}'`,
      `run o12 --image=nginx --port=80 --expose --dry-run=client -o yaml --overrides='{"spec":{"hostname":"h"}}'`,
    ],
  },
  {
    name: "verbosity",
    setup: (env) => {
      env.cluster().admin.create({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "default" }, data: { mode: "dev" } } as KubeObject);
    },
    lines: [
      "get cm settings -v=6",
      "get cm -v=6",
      "get cm nope -v=6",
      "get pods -A -v=6",
      "get ns default -o name -v=6",
      "get cm settings -v=7",
      "get cm settings -v=8",
      "create cm made --from-literal=a=b -v=6",
      "label cm made x=y -v=6",
      "delete cm made -v=6",
      "describe cm settings -v=6",
      "get nodes -v=5",
      "version -v=6",
      "auth can-i get pods -v=6",
    ],
  },
  {
    name: "exec-file",
    setup: (env) => {
      const admin = env.cluster().admin;
      admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } } as KubeObject);
      const pod = (name: string, namespace: string) =>
        admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name, namespace, labels: { app: name } }, spec: { containers: [{ name: "box", image: "busybox:1.36", command: ["sleep", "3600"] }] } } as KubeObject);
      pod("shell", "default");
      pod("other", "team");
    },
    files: {
      "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: shell\nspec:\n  containers:\n  - name: box\n    image: busybox:1.36\n",
      "team.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: other\n  namespace: team\nspec:\n  containers:\n  - name: box\n    image: busybox:1.36\n",
      "missing.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: ghost\nspec:\n  containers:\n  - name: box\n    image: busybox:1.36\n",
      "two.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: shell\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: ghost\n",
    },
    lines: [
      { advance: 30_000 },
      "exec -f pod.yaml -- echo hello",
      "exec -f team.yaml -- hostname",
      "exec -f missing.yaml -- echo hi",
      "exec -f two.yaml -- echo hi",
      "exec -f nofile.yaml -- echo hi",
      "exec -- echo hi",
    ],
  },
];
