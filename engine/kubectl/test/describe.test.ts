import { beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { KubectlBench } from "./harness";

/** kubectl describe layouts a learner reads on the exam, as kubectl v1.33 prints them. */
let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  const admin = k.env.cluster().admin;
  const create = (obj: Record<string, unknown>) => admin.create(obj as KubeObject);
  create({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "hungry", namespace: "default" },
    spec: { nodeName: "node01", containers: [{ name: "app", image: "nginx:1.25", resources: { requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } } }] },
  });
  create({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "reader", namespace: "default" },
    rules: [
      { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
      { apiGroups: [""], resources: ["pods"], verbs: ["list", "watch"] },
    ],
  });
  create({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "only-web", namespace: "default" },
    spec: { podSelector: { matchLabels: { app: "db" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 5432 }] }] },
  });
  await k.run("taint node node01 dedicated=db:NoSchedule");
  await k.run("cordon node01");
  k.env.advanceBy(30_000);
});

describe("kubectl describe node", () => {
  it("shows roles, taints, cordoning, the lease holder and the system info", async () => {
    const { stdout, code } = await k.run("describe node node01");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Name:\s+node01\nRoles:\s+<none>\n/);
    expect(stdout).toMatch(/\nTaints:\s+dedicated=db:NoSchedule\n\s+node.kubernetes.io\/unschedulable:NoSchedule\nUnschedulable:\s+true\n/);
    expect(stdout).toMatch(/\nLease:\n  HolderIdentity:\s+node01\n/);
    expect(stdout).toMatch(/\n  Kubelet Version:\s+v1\.33\.2\n/);
    expect((await k.run("describe node controlplane")).stdout).toMatch(/^Roles:\s+control-plane$/m);
  });

  it("lists the node's pods with requests and limits as shares of allocatable, and the totals", async () => {
    const { stdout } = await k.run("describe node node01");
    expect(stdout).toMatch(/\n  default\s+hungry\s+500m \(25%\)\s+1 \(50%\)\s+256Mi \(6%\)\s+512Mi \(13%\)\s+\d+s\n/);
    expect(stdout).toMatch(/\nAllocated resources:\n  \(Total limits may be over 100 percent, i\.e\., overcommitted\.\)\n  Resource\s+Requests\s+Limits\n/);
    expect(stdout).toMatch(/\n  ephemeral-storage\s+0 \(0%\)\s+0 \(0%\)\n/);
  });
});

describe("kubectl describe for RBAC and network policies", () => {
  it("merges a role's rules on the same resource into one line of verbs", async () => {
    const { stdout } = await k.run("describe role reader");
    expect(stdout).toBe(
      [
        "Name:         reader",
        "Labels:       <none>",
        "Annotations:  <none>",
        "PolicyRule:",
        "  Resources  Non-Resource URLs  Resource Names  Verbs",
        "  ---------  -----------------  --------------  -----",
        "  pods       []                 []              [get list watch]",
        "",
      ].join("\n"),
    );
  });

  it("spells out who may reach the selected pods", async () => {
    const { stdout } = await k.run("describe netpol only-web");
    expect(stdout).toContain("Spec:\n  PodSelector:     app=db\n  Allowing ingress traffic:\n    To Port: 5432/TCP\n    From:\n      PodSelector: app=web\n  Not affecting egress traffic\n  Policy Types: Ingress\n");
  });
});
