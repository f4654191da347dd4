import type { Node, Pod } from "kubernetes-types/core/v1";
import { podMatchesNodeSelectorAndAffinity } from "../../scheduler/node-selectors";
import { clusterOf } from "../context";
import { fail, pass } from "../checks/outcome";
import { registerCustomCheck, stringParam } from "./registry";

/**
 * "Select the node by its label": the pod's nodeSelector or required node affinity (either way a
 * learner may write it) admits the node, and would not admit it without that label — so a pod
 * pinned by nodeName or by the node's name alone does not count.
 */
registerCustomCheck("pod-selects-node-label", {
  summary: "params: namespace, name, node, label (key=value) — the pod's nodeSelector / required node affinity picks the node through that label",
  run(ctx, params, clusterName) {
    const namespace = stringParam(params, "namespace", "default");
    const name = stringParam(params, "name");
    const nodeName = stringParam(params, "node");
    const [key, value] = stringParam(params, "label").split("=");
    const cluster = clusterOf(ctx, clusterName);
    const pod = cluster.admin.get("", "pods", namespace, name) as Pod | undefined;
    if (!pod) return fail(`pod "${name}" in namespace "${namespace}" was not found`);
    const node = cluster.admin.get("", "nodes", undefined, nodeName) as Node | undefined;
    if (!node) return fail(`node "${nodeName}" was not found`);
    const labels = node.metadata?.labels ?? {};
    if (labels[key] !== value) return fail(`node "${nodeName}" does not have the label ${key}=${value}`);
    if (!podMatchesNodeSelectorAndAffinity(pod, node)) return fail(`the node selector and node affinity of pod "${name}" do not match node "${nodeName}"`);
    const rest = Object.fromEntries(Object.entries(labels).filter(([k]) => k !== key));
    const unlabelled: Node = { ...node, metadata: { ...node.metadata, labels: rest } };
    if (podMatchesNodeSelectorAndAffinity(pod, unlabelled)) return fail(`pod "${name}" does not select its node by the label ${key}=${value} (nodeSelector or required node affinity)`);
    return pass;
  },
});
