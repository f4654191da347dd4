import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from "kubernetes-types/core/v1";

/** One requirement of a node selector term (In, NotIn, Exists, DoesNotExist, Gt, Lt) against a label map. */
function requirementMatches(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(value);
    case "NotIn":
      return !has || !values.includes(value);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      if (!has || values.length !== 1) return false;
      const n = Number.parseInt(value, 10);
      const bound = Number.parseInt(values[0], 10);
      if (Number.isNaN(n) || Number.isNaN(bound)) return false;
      return req.operator === "Gt" ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

/** A term matches when all its expressions and fields match; an empty term matches nothing (as in the API). */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  if (!exprs.every((r) => requirementMatches(r, labels))) return false;
  // matchFields supports only metadata.name.
  const fieldMap = { "metadata.name": node.metadata?.name ?? "" };
  return fields.every((r) => r.key === "metadata.name" && requirementMatches(r, fieldMap));
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution (terms ORed), as the NodeAffinity filter checks. */
export function podMatchesNodeSelectorAndAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required) return true;
  return (required.nodeSelectorTerms ?? []).some((t) => termMatches(t, node));
}

/** The NodeAffinity score: the sum of weights of preferred terms the node matches. */
export function preferredNodeAffinityScore(pod: Pod, node: Node): number {
  const preferred: PreferredSchedulingTerm[] = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  let score = 0;
  for (const p of preferred) if (p.weight !== 0 && termMatches(p.preference, node)) score += p.weight;
  return score;
}
