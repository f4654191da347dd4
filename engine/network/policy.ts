import type { KubeObject } from "../api/types";
import { cidrContains } from "../controlplane/layout";

/**
 * NetworkPolicy evaluation as a policy-enforcing CNI (Calico) applies it: a pod selected by any
 * policy of a direction accepts only what some rule of those policies allows; unselected pods
 * accept everything. Rules match peers (podSelector, namespaceSelector, ipBlock with except) and
 * ports (number or named container port, protocol, endPort).
 */
export interface Endpoint {
  ip: string;
  /** Absent for a node or an address outside the cluster. */
  pod?: KubeObject;
  namespace?: KubeObject;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface PortRule {
  port?: number | string;
  endPort?: number;
  protocol?: string;
}

interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PortRule[];
}

interface PolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: Rule[];
  egress?: Rule[];
}

export function matchesSelector(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const value = labels[e.key];
    switch (e.operator) {
      case "In":
        if (!has || !(e.values ?? []).includes(value)) return false;
        break;
      case "NotIn":
        if (has && (e.values ?? []).includes(value)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
    }
  }
  return true;
}

function namespaceLabels(ns: KubeObject | undefined): Record<string, string> {
  if (!ns) return {};
  return { "kubernetes.io/metadata.name": ns.metadata.name!, ...(ns.metadata.labels ?? {}) };
}

function peerMatches(peer: Peer, other: Endpoint, policyNamespace: string): boolean {
  if (peer.ipBlock) {
    if (!cidrContains(peer.ipBlock.cidr, other.ip)) return false;
    return !(peer.ipBlock.except ?? []).some((c) => cidrContains(c, other.ip));
  }
  if (!other.pod) return false;
  if (peer.namespaceSelector) {
    if (!matchesSelector(peer.namespaceSelector, namespaceLabels(other.namespace))) return false;
  } else if (other.pod.metadata.namespace !== policyNamespace) return false;
  return matchesSelector(peer.podSelector, other.pod.metadata.labels);
}

function portMatches(rules: PortRule[] | undefined, port: number, protocol: string, target: Endpoint): boolean {
  if (!rules || rules.length === 0) return true;
  return rules.some((r) => {
    if ((r.protocol ?? "TCP") !== protocol) return false;
    if (r.port === undefined) return true;
    if (typeof r.port === "string" && !/^\d+$/.test(r.port)) {
      const containers = ((target.pod?.spec as { containers?: { ports?: { name?: string; containerPort: number }[] }[] } | undefined)?.containers ?? []);
      return containers.some((c) => (c.ports ?? []).some((p) => p.name === r.port && p.containerPort === port));
    }
    const start = Number(r.port);
    return port >= start && port <= (r.endPort ?? start);
  });
}

function policyTypes(spec: PolicySpec): string[] {
  if (spec.policyTypes?.length) return spec.policyTypes;
  return spec.egress ? ["Ingress", "Egress"] : ["Ingress"];
}

export interface PolicyDecision {
  allowed: boolean;
  /** The policy that isolates the denied side (for explanations). */
  deniedBy?: string;
}

/** Whether `src` may open `port`/`protocol` on `dst`, under the policies in the cluster. */
export function policyAllows(policies: KubeObject[], src: Endpoint, dst: Endpoint, port: number, protocol: string): PolicyDecision {
  if (src.pod) {
    const ns = src.pod.metadata.namespace!;
    const egress = policies.filter((p) => p.metadata.namespace === ns && policyTypes(p.spec as PolicySpec).includes("Egress") && matchesSelector((p.spec as PolicySpec).podSelector, src.pod!.metadata.labels));
    if (egress.length > 0) {
      const ok = egress.some((p) => ((p.spec as PolicySpec).egress ?? []).some((r) => (!r.to || r.to.length === 0 || r.to.some((peer) => peerMatches(peer, dst, ns))) && portMatches(r.ports, port, protocol, dst)));
      if (!ok) return { allowed: false, deniedBy: `${ns}/${egress[0].metadata.name}` };
    }
  }
  if (dst.pod) {
    // Traffic a pod sends to itself is never isolated.
    if (src.pod && src.pod.metadata.uid === dst.pod.metadata.uid) return { allowed: true };
    const ns = dst.pod.metadata.namespace!;
    const ingress = policies.filter((p) => p.metadata.namespace === ns && policyTypes(p.spec as PolicySpec).includes("Ingress") && matchesSelector((p.spec as PolicySpec).podSelector, dst.pod!.metadata.labels));
    if (ingress.length > 0) {
      const ok = ingress.some((p) => ((p.spec as PolicySpec).ingress ?? []).some((r) => (!r.from || r.from.length === 0 || r.from.some((peer) => peerMatches(peer, src, ns))) && portMatches(r.ports, port, protocol, dst)));
      if (!ok) return { allowed: false, deniedBy: `${ns}/${ingress[0].metadata.name}` };
    }
  }
  return { allowed: true };
}
