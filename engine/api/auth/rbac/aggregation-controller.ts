import type { ControllerFactory } from "../../../controllers/controller";
import { deepEqual } from "../../../util/json";
import { matchesLabelSelector, type LabelSelectorObject } from "../../selectors/labels";
import type { KubeObject } from "../../types";
import { RBAC_GROUP } from "./resolver";
import type { PolicyRule } from "./rules";

interface AggregationRule {
  clusterRoleSelectors?: LabelSelectorObject[];
}

/**
 * The clusterrole-aggregation-controller: a ClusterRole with an aggregationRule gets, as its rules,
 * the union of the rules of every other ClusterRole its selectors match (in name order, each rule
 * once). This is how `admin`, `edit` and `view` pick up rules, including those of CRD authors.
 */
export const clusterRoleAggregationController: ControllerFactory = ({ client }) => {
  // Every ClusterRole event looks at every ClusterRole: read the store directly (it only looks).
  const list = () => client.server.store.list(`${RBAC_GROUP}/clusterroles`);
  const aggregated = () => list().filter((r) => r.aggregationRule);
  return {
    name: "clusterrole-aggregation-controller",
    watches: [`${RBAC_GROUP}/clusterroles`],
    // A change matters to an aggregated role when the changed role is selected by it now, or its
    // rules are in it (it may have just lost the label), or it is the aggregated role itself.
    keysFor: (event) => {
      const changed = event.object;
      const rules = (changed.rules as PolicyRule[] | null) ?? [];
      return aggregated()
        .filter((role) => {
          if (role.metadata.name === changed.metadata.name) return true;
          const selectors = (role.aggregationRule as AggregationRule).clusterRoleSelectors ?? [];
          if (selectors.some((s) => matchesLabelSelector(s, changed.metadata.labels))) return true;
          const current = (role.rules as PolicyRule[] | null) ?? [];
          return rules.length > 0 && rules.every((r) => current.some((c) => deepEqual(c, r)));
        })
        .map((r) => r.metadata.name!);
    },
    resync: () => aggregated().map((r) => r.metadata.name!),
    reconcile(name) {
      const role = client.server.store.get(`${RBAC_GROUP}/clusterroles`, undefined, name);
      const rule = role?.aggregationRule as AggregationRule | undefined;
      if (!role || !rule) return;
      const selectors = rule.clusterRoleSelectors ?? [];
      const selected = list()
        .filter((r) => r.metadata.name !== name && selectors.some((s) => matchesLabelSelector(s, r.metadata.labels)))
        .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
      const rules: PolicyRule[] = [];
      for (const source of selected) {
        for (const r of (source.rules as PolicyRule[] | null) ?? []) {
          if (!rules.some((existing) => deepEqual(existing, r))) rules.push(r);
        }
      }
      if (deepEqual(rules, role.rules ?? [])) return;
      const updated: KubeObject = { ...role, rules };
      client.update(updated);
    },
  };
};
