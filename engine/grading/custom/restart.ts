import { parseSelector, matches } from "../../api/selectors/labels";
import { learnerAudit } from "../attempt";
import { clusterOf } from "../context";
import { fail, pass } from "../checks/outcome";
import { registerCustomCheck, stringParam } from "./registry";

const WRITES = new Set(["create", "update", "patch"]);

/**
 * "Change the ConfigMap and restart the pods so they use it": every pod the selector matches was
 * created after the learner's last change to the object, however they were restarted (a rollout
 * restart, deleting the pods, scaling to zero and back).
 */
registerCustomCheck("pods-recreated-after-change", {
  summary: "params: namespace, selector, resource (plural, e.g. configmaps), name — every matching pod started after the learner last wrote that object",
  run(ctx, params, clusterName) {
    const namespace = stringParam(params, "namespace", "default");
    const selector = parseSelector(stringParam(params, "selector"));
    const resource = stringParam(params, "resource");
    const name = stringParam(params, "name");
    const cluster = clusterName ?? ctx.defaultCluster;
    const writes = learnerAudit(ctx.env, cluster).filter((e) => WRITES.has(e.verb) && e.resource === resource && !e.subresource && e.namespace === namespace && e.name === name && e.code < 400);
    if (writes.length === 0) return fail(`${resource} "${name}" in namespace "${namespace}" was not changed`);
    const changedAt = Math.max(...writes.map((e) => Date.parse(e.time)));
    const pods = clusterOf(ctx, clusterName).admin.list("", "pods", namespace).filter((p) => matches(selector, p.metadata.labels));
    if (pods.length === 0) return fail(`no pod in namespace "${namespace}" matches ${params.selector}`);
    const stale = pods.filter((p) => Date.parse(p.metadata.creationTimestamp ?? "") < changedAt || p.metadata.deletionTimestamp);
    if (stale.length > 0) return fail(`${stale.length === 1 ? "pod" : "pods"} ${stale.map((p) => `"${p.metadata.name}"`).join(", ")} started before ${resource} "${name}" was last changed, so it still runs the old settings`);
    return pass;
  },
});
