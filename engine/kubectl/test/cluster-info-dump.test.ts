import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/** kubectl cluster-info dump: lists and container logs, to stdout or a directory tree. */
let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  await k.run("run web --image=nginx");
  k.env.advanceBy(30_000);
});

describe("kubectl cluster-info dump", () => {
  it("prints nodes, then each namespace's lists and its pods' logs between START and END lines", async () => {
    const r = await k.run("cluster-info dump --namespaces default");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{\n    "kind": "NodeList",\n    "apiVersion": "v1",\n    "metadata": {\n        "resourceVersion": ')).toBe(true);
    const kinds = [...r.stdout.matchAll(/^ {4}"kind": "(\w+)",$/gm)].map((m) => m[1]);
    expect(kinds).toEqual(["NodeList", "EventList", "ReplicationControllerList", "ServiceList", "DaemonSetList", "DeploymentList", "ReplicaSetList", "PodList"]);
    expect(r.stdout).toMatch(/==== START logs for container web of pod default\/web ====\n[^]*\/docker-entrypoint\.sh[^]*==== END logs for container web of pod default\/web ====\n$/);
  });

  it("separates YAML documents and refuses -o name for lists", async () => {
    const yaml = await k.run("cluster-info dump --namespaces default -o yaml");
    expect(yaml.stdout).toMatch(/^apiVersion: v1\nitems:\n/);
    expect(yaml.stdout).toContain("kind: NodeList\nmetadata:\n  resourceVersion: ");
    expect(yaml.stdout).toContain("\n---\napiVersion: v1\nitems:\n");
    expect(await k.run("cluster-info dump -o name")).toEqual({ stdout: "", stderr: "error: list types are not supported by name printing: *v1.NodeList\n", code: 1 });
  });

  it("writes a directory tree with --output-directory and says where", async () => {
    const r = await k.run("cluster-info dump --output-directory=/root/dump");
    expect(r).toEqual({ stdout: "Cluster info dumped to /root/dump\n", stderr: "", code: 0 });
    const fs = k.host.fs;
    expect(fs.readdirSync("/root/dump").sort()).toEqual(["default", "kube-system", "nodes.json"]);
    expect(fs.readdirSync("/root/dump/default").sort()).toEqual(["daemonsets.json", "deployments.json", "events.json", "pods.json", "replicasets.json", "replication-controllers.json", "services.json", "web"]);
    expect(fs.readFileSync("/root/dump/default/web/logs.txt")).toMatch(/^==== START logs for container web of pod default\/web ====\n/);
    expect(fs.readFileSync("/root/dump/kube-system/pods.json")).toContain('"name": "kube-apiserver-controlplane"');
  });
});
