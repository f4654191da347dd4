import type { Node, Pod } from "kubernetes-types/core/v1";
import { podMatchesNodeSelectorAndAffinity, preferredNodeAffinityScore } from "../../scheduler/node-selectors";
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

/**
 * "Prefer nodes labelled key=value with weight W", graded by what the scheduler scores: a node with
 * that label must score W more than a node with another value of the key (or without it), however
 * the preference is written (In, a single-value list, several terms). A preference for another
 * zone, or one that every zone matches, earns no difference and fails.
 */
registerCustomCheck("workload-prefers-node-label", {
  summary: "params: namespace, deployment, label (key=value), weight — the pod template's preferred node affinity adds exactly that weight for nodes with the label",
  run(ctx, params, clusterName) {
    const namespace = stringParam(params, "namespace", "default");
    const name = stringParam(params, "deployment");
    const [key, value] = stringParam(params, "label").split("=");
    const weight = params.weight;
    if (typeof weight !== "number") throw new Error('custom check parameter "weight" must be a number');
    const deployment = clusterOf(ctx, clusterName).admin.get("apps", "deployments", namespace, name) as { spec?: { template?: Pod } } | undefined;
    if (!deployment) return fail(`deployment "${name}" in namespace "${namespace}" was not found`);
    const pod: Pod = { spec: deployment.spec?.template?.spec ?? { containers: [] } };
    const scoreWith = (labels: Record<string, string>) => preferredNodeAffinityScore(pod, { metadata: { name: "graded-node", labels } });
    const labelled = scoreWith({ [key]: value });
    const other = Math.max(scoreWith({}), scoreWith({ [key]: `${value}-other` }));
    if (labelled - other !== weight) return fail(`deployment "${name}" adds ${labelled - other} to the score of nodes labelled ${key}=${value}; expected a preference of weight ${weight}`);
    return pass;
  },
});
