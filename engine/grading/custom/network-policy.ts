import type { KubeObject } from "../../api/types";
import { matches, matchesLabelSelector, parseSelector, type LabelSelectorObject } from "../../api/selectors/labels";
import { clusterOf } from "../context";
import { fail, pass } from "../checks/outcome";
import { registerCustomCheck, stringParam } from "./registry";

/**
 * NetworkPolicy checks that read what a policy means rather than how it is written: `matchLabels`
 * and `matchExpressions` (or selectors in any order) that select the same pods get the same marks.
 */

interface Peer {
  podSelector?: LabelSelectorObject;
  namespaceSelector?: LabelSelectorObject;
  ipBlock?: unknown;
}

interface Rule {
  from?: Peer[];
  to?: Peer[];
}

interface PolicySpec {
  podSelector?: LabelSelectorObject;
  ingress?: Rule[];
  egress?: Rule[];
}

function readPolicy(ctx: Parameters<typeof clusterOf>[0], params: Record<string, unknown>, clusterName?: string): { policy?: KubeObject; namespace: string; name: string } {
  const namespace = stringParam(params, "namespace", "default");
  const name = stringParam(params, "name");
  const policy = clusterOf(ctx, clusterName).admin.get("networking.k8s.io", "networkpolicies", namespace, name);
  return { policy, namespace, name };
}

function podNames(pods: KubeObject[]): string {
  return pods.map((p) => p.metadata.name).join(", ") || "none";
}

registerCustomCheck("network-policy-selects", {
  summary: "params: namespace, name, selector (kubectl label selector; empty: every pod) — the policy's podSelector picks exactly the namespace's pods that selector picks",
  run(ctx, params, clusterName) {
    const { policy, namespace, name } = readPolicy(ctx, params, clusterName);
    if (!policy) return fail(`networkpolicy "${name}" in namespace "${namespace}" was not found`);
    const wanted = parseSelector(typeof params.selector === "string" ? params.selector : "");
    const pods = clusterOf(ctx, clusterName).admin.list("", "pods", namespace);
    const spec = (policy.spec ?? {}) as PolicySpec;
    const selected = pods.filter((p) => matchesLabelSelector(spec.podSelector ?? {}, p.metadata.labels));
    const expected = pods.filter((p) => matches(wanted, p.metadata.labels));
    const same = selected.length === expected.length && selected.every((p) => expected.includes(p));
    if (!same) return fail(`networkpolicy "${name}" applies to pods: ${podNames(selected)}; expected it to apply to: ${podNames(expected)}`);
    return pass;
  },
});

/** A pod a rule might admit, described by its labels and its namespace's labels. */
interface PeerProbe {
  namespace: string;
  namespaceLabels?: Record<string, string>;
  podLabels?: Record<string, string>;
}

function probeList(params: Record<string, unknown>, key: string): PeerProbe[] {
  const value = params[key] ?? [];
  if (!Array.isArray(value) || value.some((p) => typeof p !== "object" || p === null || typeof (p as PeerProbe).namespace !== "string")) {
    throw new Error(`custom check parameter "${key}" must be a list of {namespace, namespaceLabels, podLabels}`);
  }
  return value as PeerProbe[];
}

function describeProbe(p: PeerProbe): string {
  const labels = Object.entries(p.podLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(",") || "no labels";
  return `a pod with ${labels} in namespace "${p.namespace}"`;
}

/** As a policy-enforcing CNI reads a peer: no namespaceSelector means the policy's own namespace. */
function peerAdmits(peer: Peer, probe: PeerProbe, policyNamespace: string): boolean {
  if (peer.ipBlock) return false;
  const nsLabels = { "kubernetes.io/metadata.name": probe.namespace, ...(probe.namespaceLabels ?? {}) };
  if (peer.namespaceSelector) {
    if (!matchesLabelSelector(peer.namespaceSelector, nsLabels)) return false;
  } else if (probe.namespace !== policyNamespace) return false;
  return matchesLabelSelector(peer.podSelector ?? {}, probe.podLabels ?? {});
}

registerCustomCheck("network-policy-peers", {
  summary: "params: namespace, name, direction (ingress|egress), admits, rejects ([{namespace, namespaceLabels, podLabels}]) — which peers some rule of the policy lets in (ports not considered)",
  run(ctx, params, clusterName) {
    const { policy, namespace, name } = readPolicy(ctx, params, clusterName);
    if (!policy) return fail(`networkpolicy "${name}" in namespace "${namespace}" was not found`);
    const direction = stringParam(params, "direction", "ingress");
    if (direction !== "ingress" && direction !== "egress") throw new Error('custom check parameter "direction" must be ingress or egress');
    const rules = ((policy.spec ?? {}) as PolicySpec)[direction] ?? [];
    const admits = (probe: PeerProbe) =>
      rules.some((r) => {
        const peers = (direction === "ingress" ? r.from : r.to) ?? [];
        return peers.length === 0 || peers.some((peer) => peerAdmits(peer, probe, namespace));
      });
    const missed = probeList(params, "admits").find((p) => !admits(p));
    if (missed) return fail(`networkpolicy "${name}" does not let ${describeProbe(missed)} through`);
    const leaked = probeList(params, "rejects").find((p) => admits(p));
    if (leaked) return fail(`networkpolicy "${name}" also lets ${describeProbe(leaked)} through`);
    return pass;
  },
});
