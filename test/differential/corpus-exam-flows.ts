import type { Scenario } from "./corpus";

/**
 * Differential corpus lines for common CKA exam flows: what the apiserver refuses and how the
 * printed objects look after create, run, expose and set (kept apart so each area can grow its own).
 */
const EPHEMERAL_POD = `apiVersion: v1
kind: Pod
metadata:
  name: eph
spec:
  containers:
  - name: app
    image: nginx
  ephemeralContainers:
  - name: debugger
    image: busybox
`;

const GATED_POD_ON_NODE = `apiVersion: v1
kind: Pod
metadata:
  name: gated
spec:
  nodeName: node01
  schedulingGates:
  - name: example.com/wait
  containers:
  - name: app
    image: nginx
`;

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.25
`;

export const EXAM_FLOW_SCENARIOS: Scenario[] = [
  {
    name: "create-refusals",
    files: { "eph.yaml": EPHEMERAL_POD, "gated.yaml": GATED_POD_ON_NODE },
    lines: ["create -f eph.yaml", "apply -f eph.yaml", "create -f gated.yaml", "get pods"],
  },
  {
    // kubectl decodes the answers of run, create <generator>, expose and set into typed objects, so
    // their JSON keys follow the Go structs; get, create -f, apply and label print unstructured
    // objects with sorted keys; scale and label print what they read, not the server's answer.
    name: "printed-objects",
    files: { "pod.yaml": POD },
    lines: [
      "create -f pod.yaml -o json",
      "run x --image=nginx -o json",
      "run y --image=nginx -o json --dry-run=server",
      "create deploy api --image=nginx --replicas=2 -o json",
      "create cm c1 --from-literal=a=b -o json",
      "create secret generic s1 --from-literal=a=b -o json",
      "create sa robot -o json",
      "create role r1 --verb=get --resource=pods -o json",
      "expose deploy api --port 80 -o json",
      "set image deploy api nginx=nginx:1.26 -o json",
      "set image deploy api nginx=nginx:1.27 -o json --dry-run=client",
      "label pod web a=b -o json",
      "annotate pod web a=b -o json",
      "scale deploy api --replicas=3 -o json",
      "scale deploy api --replicas=4 -o name",
      "get pod x -o json",
      "rollout pause deploy api -o json",
      "rollout resume deploy api -o json",
      { advance: 30_000 },
      "rollout undo deploy api -o json",
      "rollout history deploy api -o json",
      "autoscale deploy api --max=5 -o json",
      "get hpa api -o yaml",
    ],
  },
];
