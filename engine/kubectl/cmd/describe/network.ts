/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { formatLabelSelector } from "../../../api/selectors/labels";
import { describeEvents, DescribeWriter, printAnnotations, printLabels, type EventLike } from "./writer";

/**
 * kubectl describe for Endpoints, EndpointSlices, Ingresses and NetworkPolicies, following
 * k8s.io/kubectl/pkg/describe v1.33.
 */
type Any = any;

export interface NetworkRelated {
  now: number;
  events?: EventLike[];
}

export function describeEndpoints(ep: KubeObject, r: NetworkRelated): string {
  const x = ep as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ep.metadata.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata.namespace}\n`);
  printLabels(w, "Labels", ep.metadata.labels);
  printAnnotations(w, "Annotations", ep.metadata.annotations);
  w.write(0, "Subsets:\n");
  for (const subset of x.subsets ?? []) {
    const ips = (list: Any[] | undefined) => (list ?? []).map((a) => a.ip).join(",") || "<none>";
    w.write(1, `Addresses:\t${ips(subset.addresses)}\n`);
    w.write(1, `NotReadyAddresses:\t${ips(subset.notReadyAddresses)}\n`);
    if (subset.ports?.length) {
      w.write(1, "Ports:\n");
      w.write(2, "Name\tPort\tProtocol\n");
      w.write(2, "----\t----\t--------\n");
      for (const p of subset.ports) w.write(2, `${p.name || "<unset>"}\t${p.port}\t${p.protocol ?? ""}\n`);
    }
    w.write(0, "\n");
  }
  describeEvents(w, r.events, r.now);
  return w.toString();
}

export function describeEndpointSlice(eps: KubeObject, r: NetworkRelated): string {
  const x = eps as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${eps.metadata.name}\n`);
  w.write(0, `Namespace:\t${eps.metadata.namespace}\n`);
  printLabels(w, "Labels", eps.metadata.labels);
  printAnnotations(w, "Annotations", eps.metadata.annotations);
  w.write(0, `AddressType:\t${x.addressType ?? ""}\n`);
  if (!x.ports?.length) w.write(0, "Ports: <unset>\n");
  else {
    w.write(0, "Ports:\n");
    w.write(1, "Name\tPort\tProtocol\n");
    w.write(1, "----\t----\t--------\n");
    for (const p of x.ports) w.write(1, `${p.name || "<unset>"}\t${p.port ?? "<unset>"}\t${p.protocol ?? ""}\n`);
  }
  if (!x.endpoints?.length) w.write(0, "Endpoints: <none>\n");
  else {
    w.write(0, "Endpoints:\n");
    for (const e of x.endpoints) {
      w.write(1, `- Addresses:\t${(e.addresses ?? []).join(", ") || "<none>"}\n`);
      w.write(2, "Conditions:\n");
      w.write(3, `Ready:\t${e.conditions?.ready === undefined || e.conditions?.ready === null ? "<unset>" : String(e.conditions.ready)}\n`);
      w.write(2, `Hostname:\t${e.hostname ?? "<unset>"}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? "<unset>"}\n`);
      w.write(2, `Zone:\t${e.zone ?? "<unset>"}\n`);
    }
  }
  describeEvents(w, r.events, r.now);
  return w.toString();
}

/**
 * formatEndpointSlices: ready addresses (with the named port's number), three at most then
 * "+ N more...".
 */
export function formatEndpointSlices(slices: KubeObject[], portNames: Set<string> | undefined): string {
  if (slices.length === 0) return "<none>";
  const list: string[] = [];
  let count = 0;
  let more = false;
  const max = 3;
  for (const slice of slices as Any[]) {
    const ready = (e: Any) => e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready;
    if (!slice.ports?.length) {
      for (const e of slice.endpoints ?? []) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        if (!more) list.push(e.addresses[0]);
        count++;
      }
      continue;
    }
    for (const port of slice.ports) {
      if (portNames && !portNames.has(port.name ?? "")) continue;
      for (const e of slice.endpoints ?? []) {
        if (list.length === max) more = true;
        if (!ready(e)) continue;
        const addr: string = e.addresses[0];
        if (!more) list.push(addr.includes(":") ? `[${addr}]:${port.port}` : `${addr}:${port.port}`);
        count++;
      }
    }
  }
  const text = list.join(",");
  return more ? `${text} + ${count - max} more...` : text;
}

/** How an Ingress backend reads: `svc:port (endpoints)`, the lookup error, or a resource reference. */
export type BackendDescriber = (backend: Any) => string;

export function describeIngress(ing: KubeObject, r: NetworkRelated & { backend: BackendDescriber }): string {
  const x = ing as Any;
  const spec = x.spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ing.metadata.name}\n`);
  printLabels(w, "Labels", ing.metadata.labels);
  w.write(0, `Namespace:\t${ing.metadata.namespace}\n`);
  const addresses = new Set<string>();
  for (const i of x.status?.loadBalancer?.ingress ?? []) if (i.ip || i.hostname) addresses.add(i.ip || i.hostname);
  w.write(0, `Address:\t${[...addresses].sort().join(",")}\n`);
  w.write(0, `Ingress Class:\t${spec.ingressClassName ?? "<none>"}\n`);
  const def = spec.defaultBackend ? r.backend(spec.defaultBackend) : "<default>";
  w.write(0, `Default backend:\t${def}\n`);
  if (spec.tls?.length) {
    w.write(0, "TLS:\n");
    for (const t of spec.tls) {
      const hosts = (t.hosts ?? []).join(",");
      w.write(1, t.secretName ? `${t.secretName} terminates ${hosts}\n` : `SNI routes ${hosts}\n`);
    }
  }
  w.write(0, "Rules:\n  Host\tPath\tBackends\n");
  w.write(1, "----\t----\t--------\n");
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(1, `${rule.host || "*"}\t\n`);
    for (const p of rule.http.paths ?? []) w.write(2, `\t${p.path ?? ""} \t${r.backend(p.backend)}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`);
  printAnnotations(w, "Annotations", ing.metadata.annotations);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

/** Go's time.Time String() in UTC: `2026-01-01 08:00:11 +0000 UTC`. */
function goTimeString(ts: string | undefined): string {
  if (!ts) return "0001-01-01 00:00:00 +0000 UTC";
  return `${new Date(ts).toISOString().replace("T", " ").replace(/\.\d+Z$/, "")} +0000 UTC`;
}

function peerLines(w: DescribeWriter, indent: string, title: string, peers: Any[]): void {
  for (const peer of peers) {
    w.write(0, `${indent}${title}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    else if (peer.namespaceSelector) w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    else if (peer.ipBlock) {
      w.write(1, `${indent}IPBlock:\n`);
      w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
      w.write(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(", ")}\n`);
    }
  }
}

function ruleLines(w: DescribeWriter, rules: Any[] | undefined, direction: "ingress" | "egress"): void {
  const indent = "    ";
  if (!rules?.length) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((rule, i) => {
    if (!rule.ports?.length) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const p of rule.ports ?? []) {
      const port = p.port === undefined || p.port === null ? "<nil>" : String(p.port);
      const proto = p.protocol ?? "TCP";
      w.write(0, p.endPort === undefined || p.endPort === null ? `${indent}To Port: ${port}/${proto}\n` : `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
    }
    const peers = direction === "ingress" ? rule.from : rule.to;
    if (!peers?.length) w.write(0, direction === "ingress" ? `${indent}From: <any> (traffic not restricted by source)\n` : `${indent}To: <any> (traffic not restricted by destination)\n`);
    else peerLines(w, indent, direction === "ingress" ? "From" : "To", peers);
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KubeObject): string {
  const spec = (np as Any).spec ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${np.metadata.name}\n`);
  w.write(0, `Namespace:\t${np.metadata.namespace}\n`);
  w.write(0, `Created on:\t${goTimeString(np.metadata.creationTimestamp ?? undefined)}\n`);
  printLabels(w, "Labels", np.metadata.labels);
  printAnnotations(w, "Annotations", np.metadata.annotations);
  w.write(0, "Spec:\n");
  w.write(1, "PodSelector: ");
  const sel = spec.podSelector ?? {};
  const empty = !Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length;
  w.write(2, empty ? "<none> (Allowing the specific traffic to all pods in this namespace)\n" : `${formatLabelSelector(sel)}\n`);
  const types: string[] = spec.policyTypes ?? [];
  if (types.includes("Ingress")) {
    w.write(1, "Allowing ingress traffic:\n");
    ruleLines(w, spec.ingress, "ingress");
  } else w.write(1, "Not affecting ingress traffic\n");
  if (types.includes("Egress")) {
    w.write(1, "Allowing egress traffic:\n");
    ruleLines(w, spec.egress, "egress");
  } else w.write(1, "Not affecting egress traffic\n");
  w.write(1, `Policy Types: ${types.length ? types.join(", ") : "<none>"}\n`);
  return w.toString();
}
