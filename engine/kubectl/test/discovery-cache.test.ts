import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { DISCOVERY_CACHE_TTL_MS } from "../client/disk-cache";
import { runKubectl } from "../program";
import { KubectlBench } from "./harness";

const DIR = "/root/.kube/cache/discovery/172.30.1.2_6443";

/** The requests a -v=6 run logged, as "GET /path?query". */
function requests(stderr: string): string[] {
  return [...stderr.matchAll(/"Response" verb="(\w+)" url="https:\/\/172\.30\.1\.2:6443([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`);
}

const DISCOVERY = ["GET /api?timeout=32s", "GET /apis?timeout=32s"];
const LIST_PODS = "GET /api/v1/namespaces/default/pods?limit=500";

function widgetCrd(): KubeObject {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "widgets.example.com" },
    spec: {
      group: "example.com",
      scope: "Namespaced",
      names: { plural: "widgets", singular: "widget", kind: "Widget", shortNames: ["wg"] },
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }],
    },
  } as KubeObject;
}

describe("kubectl's discovery cache on disk", () => {
  it("asks the server for discovery once, writes it as kubectl does, and sends only the real request afterwards", async () => {
    const k = new KubectlBench();
    const first = await k.run("get pods -v=6");
    expect(requests(first.stderr)).toEqual([...DISCOVERY, LIST_PODS]);
    const groups = JSON.parse(k.host.fs.readFileSync(`${DIR}/servergroups.json`)!) as { kind: string; groups: { name: string; preferredVersion: { groupVersion: string } }[] };
    expect(groups.kind).toBe("APIGroupList");
    expect(groups.groups[0]).toEqual({ name: "", versions: [{ groupVersion: "v1", version: "v1" }], preferredVersion: { groupVersion: "v1", version: "v1" } });
    expect(groups.groups.find((g) => g.name === "autoscaling")?.preferredVersion.groupVersion).toBe("autoscaling/v2");
    const apps = k.host.fs.readFileSync(`${DIR}/apps/v1/serverresources.json`)!;
    expect(apps.endsWith("}\n")).toBe(true);
    const deployments = (JSON.parse(apps) as { resources: { name: string }[] }).resources.filter((r) => r.name.startsWith("deployments"));
    expect(deployments).toEqual([
      { name: "deployments", singularName: "deployment", namespaced: true, group: "apps", version: "v1", kind: "Deployment", verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], shortNames: ["deploy"], categories: ["all"] },
      { name: "deployments/scale", singularName: "deployment", namespaced: true, group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] },
      { name: "deployments/status", singularName: "deployment", namespaced: true, group: "apps", version: "v1", kind: "Deployment", verbs: ["get", "patch", "update"] },
    ]);
    expect(k.host.fs.statSync(`${DIR}/apps/v1/serverresources.json`).mode).toBe(0o660);
    expect(k.host.fs.statSync(`${DIR}/apps`).mode).toBe(0o750);
    const second = await k.run("get pods -v=6");
    expect(requests(second.stderr)).toEqual([LIST_PODS]);
    expect((await k.run("get deploy")).stderr).toBe("No resources found in default namespace.\n");
  });

  it("asks again once the files are six hours old, or gone, or damaged", async () => {
    const k = new KubectlBench();
    await k.run("get pods");
    k.env.advanceBy(DISCOVERY_CACHE_TTL_MS - 60_000);
    expect(requests((await k.run("get pods -v=6")).stderr)).toEqual([LIST_PODS]);
    k.env.advanceBy(120_000);
    expect(requests((await k.run("get pods -v=6")).stderr)).toEqual([...DISCOVERY, LIST_PODS]);
    expect(requests((await k.run("get pods -v=6")).stderr)).toEqual([LIST_PODS]);
    k.host.fs.rmSync("/root/.kube/cache", { recursive: true });
    expect(requests((await k.run("get pods -v=6")).stderr)).toEqual([...DISCOVERY, LIST_PODS]);
    k.host.fs.writeFileSync(`${DIR}/apps/v1/serverresources.json`, "garbage");
    expect(requests((await k.run("get deploy -v=6")).stderr)).toEqual([...DISCOVERY, "GET /apis/apps/v1/namespaces/default/deployments?limit=500"]);
    expect(k.host.fs.readFileSync(`${DIR}/apps/v1/serverresources.json`)).toContain('"kind":"APIResourceList"');
  });

  it("finds a resource type created after the cache was written by asking the server again", async () => {
    const k = new KubectlBench();
    await k.run("get pods");
    k.env.cluster().admin.create(widgetCrd());
    const r = await k.run("get wg -v=6");
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("discovery.go:214] Invalidating discovery information\n");
    expect(requests(r.stderr)).toEqual([...DISCOVERY, "GET /apis/example.com/v1/namespaces/default/widgets?limit=500"]);
    expect(k.host.fs.existsSync(`${DIR}/example.com/v1/serverresources.json`)).toBe(true);
    // An unknown type asks the server again after cached data, but only once when it was just fetched.
    const unknown = await k.run("get gadgets -v=6");
    expect(requests(unknown.stderr)).toEqual(DISCOVERY);
    expect(unknown.stderr.endsWith('error: the server doesn\'t have a resource type "gadgets"\n')).toBe(true);
    k.host.fs.rmSync("/root/.kube/cache", { recursive: true });
    const cold = await k.run("get gadgets -v=6");
    expect(cold.stderr).not.toContain("Invalidating");
    expect(requests(cold.stderr)).toEqual(DISCOVERY);
  });

  it("api-resources and api-versions always ask the server", async () => {
    const k = new KubectlBench();
    await k.run("get pods");
    expect(requests((await k.run("api-resources -v=6")).stderr)).toEqual(DISCOVERY);
    expect(requests((await k.run("api-versions -v=6")).stderr)).toEqual(DISCOVERY);
  });

  it("keeps the cache where --cache-dir or KUBECACHEDIR says", async () => {
    const k = new KubectlBench();
    await k.run("get pods --cache-dir /tmp/kc");
    expect(k.host.fs.existsSync("/tmp/kc/discovery/172.30.1.2_6443/servergroups.json")).toBe(true);
    expect(k.host.fs.existsSync("/root/.kube/cache")).toBe(false);
    const { ctx } = k.context(["get", "pods"]);
    ctx.env.KUBECACHEDIR = "/var/kc";
    await runKubectl(ctx);
    expect(k.host.fs.existsSync("/var/kc/discovery/172.30.1.2_6443/servergroups.json")).toBe(true);
  });

  it("with a fresh cache and the API server down, reports only the refused request", async () => {
    const k = new KubectlBench();
    await k.run("get pods");
    k.env.cluster().apiserverUp = false;
    const r = await k.run("get pods");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("The connection to the server 172.30.1.2:6443 was refused - did you specify the right host or port?\n");
  });
});
