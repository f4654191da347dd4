import { describe, expect, it } from "vitest";
import { completeKubectl } from "../completion";
import { KubectlBench } from "./harness";

describe("kubectl tab completion", () => {
  const k = new KubectlBench();
  it("completes verbs, resource types, names, namespaces and flags", () => {
    expect(completeKubectl(["ge"], k.env, k.host)).toEqual(["get"]);
    expect(completeKubectl(["get", "namesp"], k.env, k.host)).toEqual(["namespaces"]);
    expect(completeKubectl(["get", "ns", "kube-"], k.env, k.host)).toEqual(["kube-node-lease", "kube-public", "kube-system"]);
    expect(completeKubectl(["get", "pods", "-n", "kube-p"], k.env, k.host)).toEqual(["kube-public"]);
    expect(completeKubectl(["get", "--show-l"], k.env, k.host)).toEqual(["--show-labels"]);
    expect(completeKubectl(["config", "use-context", "kubernetes-"], k.env, k.host)).toEqual(["kubernetes-admin@kubernetes"]);
    expect(completeKubectl(["create", "sec"], k.env, k.host)).toEqual(["secret"]);
  });
});
