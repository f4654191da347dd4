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

export const EXAM_FLOW_SCENARIOS: Scenario[] = [
  {
    name: "create-refusals",
    files: { "eph.yaml": EPHEMERAL_POD, "gated.yaml": GATED_POD_ON_NODE },
    lines: ["create -f eph.yaml", "apply -f eph.yaml", "create -f gated.yaml", "get pods"],
  },
];
