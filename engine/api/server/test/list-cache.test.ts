import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN, type KubeObject } from "../../types";

const configMap = (namespace: string, name: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data: { v: "1" } });

describe("lists kept between changes (the store's shared list, the pods table's rows)", () => {
  it("lists a namespace exactly, also beside namespaces whose names start with its name, and follows every change", () => {
    const env = Environment.create();
    const admin = env.cluster().clientFor(SYSTEM_ADMIN);
    for (const ns of ["a", "a-b", "ab"]) admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    for (const [ns, name] of [["a", "x"], ["a-b", "y"], ["ab", "z"], ["a", "w"]]) admin.create(configMap(ns, name));
    const names = (ns: string) => admin.list("", "configmaps", ns).map((o) => o.metadata.name).filter((n) => n !== "kube-root-ca.crt");
    expect(names("a")).toEqual(["w", "x"]);
    expect(names("a-b")).toEqual(["y"]);
    expect(names("ab")).toEqual(["z"]);
    admin.create(configMap("a", "v"));
    expect(names("a")).toEqual(["v", "w", "x"]);
    admin.update({ ...admin.get("", "configmaps", "a", "w")!, data: { v: "2" } });
    expect(admin.get("", "configmaps", "a", "w")?.data).toEqual({ v: "2" });
    expect(admin.list("", "configmaps", "a").find((o) => o.metadata.name === "w")?.data).toEqual({ v: "2" });
    admin.delete("", "configmaps", "a", "x");
    expect(names("a")).toEqual(["v", "w"]);
    // A caller may change the list it was given: the next list is not affected.
    const listed = admin.list("", "configmaps", "a");
    listed.length = 0;
    expect(names("a")).toEqual(["v", "w"]);
  });

  it("prints a pod's row again with the AGE the clock says and the STATUS the pod has now", () => {
    const env = Environment.create();
    const cluster = env.cluster();
    cluster.admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx" }] } } as KubeObject);
    const table = () => {
      const response = cluster.apiserver.handle({ method: "GET", path: "/api/v1/namespaces/default/pods", query: new URLSearchParams(), headers: { accept: "application/json;as=Table;v=v1;g=meta.k8s.io" }, user: SYSTEM_ADMIN });
      return (response.body as { rows: { cells: string[] }[] }).rows[0].cells;
    };
    const first = table();
    expect(first.slice(0, 5)).toEqual(["web", "0/1", "ContainerCreating", "0", "0s"]);
    expect(table()).toEqual(first);
    env.advanceBy(3 * 60_000);
    const later = table();
    expect(later[2]).toBe("Running");
    expect(later[4]).toBe("3m");
    env.advanceBy(1000);
    expect(table()[4]).toBe("3m1s");
  });
});
