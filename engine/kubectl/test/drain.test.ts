import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** kubectl drain on the simulated cluster: filters, evictions through PDBs, waiting on the clock. */
let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  await k.run("create deployment web --image=nginx --replicas=2");
  k.write("/root/bare.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  nodeName: node01\n  containers:\n  - name: bare\n    image: nginx\n");
  await k.run("create -f /root/bare.yaml");
  k.env.advanceBy(60_000);
});

describe("kubectl drain", () => {
  it("cordons, then refuses DaemonSet pods and pods without a controller with kubectl's texts", async () => {
    const r = await k.run("drain node01");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("node/node01 cordoned\n");
    expect(r.stderr).toMatch(/^error: unable to drain node "node01" due to error: \[cannot delete cannot delete Pods that declare no controller \(use --force to override\): default\/bare, cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/calico-node-\w+, kube-system\/kube-proxy-\w+\], continuing command\.\.\.\nThere are pending nodes to be drained:\n node01\n/);
    expect((await k.run("get node node01 -o jsonpath={.spec.unschedulable}")).stdout).toBe("true");
  });

  it("evicts the pods, waits until they are gone and reports the node drained", async () => {
    const r = await k.run("drain node01 --ignore-daemonsets --force");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Warning: deleting Pods that declare no controller: default\/bare; ignoring DaemonSet-managed Pods: /);
    expect(r.stdout).toContain("evicting pod default/bare\n");
    expect(r.stdout).toContain("pod/bare evicted\n");
    expect(r.stdout.endsWith("node/node01 drained\n")).toBe(true);
    const left = await k.run("get pods -A --field-selector spec.nodeName=node01 -o name");
    expect(left.stdout.split("\n").filter((l) => l && !/calico-node|kube-proxy/.test(l))).toEqual([]);
    await k.run("uncordon node01");
  });

  it("retries every 5s while a PodDisruptionBudget refuses, until --timeout", async () => {
    await k.run("create pdb web --selector=app=web --min-available=2");
    k.env.advanceBy(10_000);
    const node = (await k.run("get pods -l app=web -o jsonpath={.items[0].spec.nodeName}")).stdout;
    const r = await k.run(`drain ${node} --ignore-daemonsets --force --delete-emptydir-data --pod-selector=app=web --timeout=12s`);
    expect(r.code).toBe(1);
    const retries = r.stderr.split("\n").filter((l) => l.includes("(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget."));
    expect(retries.length).toBeGreaterThanOrEqual(3);
    expect(retries[0]).toMatch(/^error when evicting pods\/"web-[\w-]+" -n "default" \(will retry after 5s\)/);
    expect(r.stderr).toMatch(/global timeout reached: 12s/);
    await k.run(`uncordon ${node}`);
  });
});

describe("kubectl drain of several nodes", () => {
  it("drains every node it can, then names the ones left and fails (kubectl v1.33 goes on after a refusal)", async () => {
    const b = new KubectlBench();
    b.write("/root/bare.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  nodeName: node01\n  containers:\n  - name: bare\n    image: nginx\n");
    await b.run("create -f /root/bare.yaml");
    await b.run("create deployment web --image=nginx --replicas=1");
    b.env.advanceBy(30_000);
    const r = await b.run("drain node01 node02 --ignore-daemonsets --dry-run=client");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^node\/node01 cordoned \(dry run\)\nnode\/node02 cordoned \(dry run\)\n/);
    expect(r.stdout).toMatch(/node\/node02 drained \(dry run\)\n$/);
    expect(r.stderr).toMatch(/^error: unable to drain node "node01" due to error: cannot delete cannot delete Pods that declare no controller \(use --force to override\): default\/bare, continuing command\.\.\.\n/);
    expect(r.stderr).toMatch(/There are pending nodes to be drained:\n node01\ncannot delete cannot delete Pods that declare no controller \(use --force to override\): default\/bare\n$/);
  });

  it("refuses node names together with --selector, with the usage hint", async () => {
    const r = await k.run("drain node01 -l x=y");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples\n");
  });
});

describe("kubectl drain of pods with emptyDir volumes", () => {
  it("refuses them without --delete-emptydir-data (text checked against kubectl v1.33), evicts them with it", async () => {
    const b = new KubectlBench();
    b.write(
      "/root/cache.yaml",
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: cache}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: cache}}\n  template:\n    metadata: {labels: {app: cache}}\n    spec:\n      containers: [{name: c, image: nginx}]\n      volumes: [{name: tmp, emptyDir: {}}]\n",
    );
    await b.run("create -f /root/cache.yaml");
    b.env.advanceBy(15_000);
    const node = (await b.run("get pods -l app=cache -o jsonpath={.items[0].spec.nodeName}")).stdout;
    const pod = (await b.run("get pods -l app=cache -o jsonpath={.items[0].metadata.name}")).stdout;
    const refused = await b.run(`drain ${node} --ignore-daemonsets`);
    expect(refused.code).toBe(1);
    const reason = `cannot delete Pods with local storage (use --delete-emptydir-data to override): default/${pod}`;
    expect(refused.stderr).toMatch(new RegExp(`^error: unable to drain node "${node}" due to error: ${escape(reason)}, continuing command\\.\\.\\.\\nThere are pending nodes to be drained:\\n ${node}\\n${escape(reason)}\\n`));
    expect((await b.run(`get pod ${pod} -o name`)).stdout).toBe(`pod/${pod}\n`);
    const drained = await b.run(`drain ${node} --ignore-daemonsets --delete-emptydir-data --timeout=20s`);
    expect(drained.code).toBe(0);
    expect(drained.stdout).toContain(`pod/${pod} evicted\n`);
    expect((await b.run(`get pod ${pod}`)).code).toBe(1);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
