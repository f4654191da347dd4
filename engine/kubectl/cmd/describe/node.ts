/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { age } from "../../../api/table";
import { Quantity, tryQuantity } from "../../../api/quantity";
import { describeEvents, DescribeWriter, printAnnotations, printLabels, rfc1123z, type EventLike } from "./writer";

type Any = any;

/** What the node describer reads besides the node (kubectl's NodeDescriber makes these requests). */
export interface NodeRelated {
  now: number;
  events?: EventLike[];
  /** Non-terminated pods on the node; undefined when listing pods was forbidden. */
  pods?: KubeObject[];
  /** The node's Lease in kube-node-lease, or the error text of getting it. */
  lease: { lease?: KubeObject; error?: string };
}

const ROLE_PREFIX = "node-role.kubernetes.io/";

/** findNodeRoles: node-role.kubernetes.io/<role> labels and a non-empty kubernetes.io/role. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length) roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === "kubernetes.io/role" && v !== "") roles.add(v);
  }
  return [...roles].sort();
}

function taintText(t: Any): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : `${t.key}`;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

function printTaints(w: DescribeWriter, taints: Any[] | undefined): void {
  w.write(0, "Taints:\t");
  if (!taints || taints.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  const key = (t: Any) => `${t.effect ?? ""},${t.key ?? ""}`;
  const sorted = [...taints].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  sorted.forEach((t, i) => w.write(0, `${i ? "\t" : ""}${taintText(t)}\n`));
}

function quantities(list: Record<string, unknown> | undefined): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(list ?? {})) {
    const q = tryQuantity(raw);
    if (q) out.set(name, q);
  }
  return out;
}

function addInto(into: Map<string, Quantity>, from: Map<string, Quantity>): void {
  for (const [n, q] of from) into.set(n, into.has(n) ? into.get(n)!.add(q) : q);
}

function maxInto(into: Map<string, Quantity>, from: Map<string, Quantity>): void {
  for (const [n, q] of from) if (!into.has(n) || q.cmp(into.get(n)!) > 0) into.set(n, q);
}

/**
 * resourcehelper.PodRequests / PodLimits: app containers summed; init containers run one at a time
 * before them (each a floor), restartable ones (sidecars) keep running and add up; plus overhead.
 */
export function podResourceTotals(pod: Any, kind: "requests" | "limits"): Map<string, Quantity> {
  const total = new Map<string, Quantity>();
  for (const c of pod.spec?.containers ?? []) addInto(total, quantities(c.resources?.[kind]));
  const sidecars = new Map<string, Quantity>();
  const initFloor = new Map<string, Quantity>();
  for (const c of pod.spec?.initContainers ?? []) {
    const own = quantities(c.resources?.[kind]);
    if (c.restartPolicy === "Always") {
      addInto(total, own);
      addInto(sidecars, own);
      maxInto(initFloor, sidecars);
    } else {
      addInto(own, sidecars);
      maxInto(initFloor, own);
    }
  }
  maxInto(total, initFloor);
  const overhead = quantities(pod.spec?.overhead);
  if (kind === "requests") addInto(total, overhead);
  else for (const [n, q] of overhead) if (total.has(n)) total.set(n, total.get(n)!.add(q));
  return total;
}

const ZERO = Quantity.zero();
const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.trunc((part / whole) * 100));
const STANDARD_CONTAINER_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage"]);

function describeNodeResource(w: DescribeWriter, pods: KubeObject[], node: Any, now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const allocatable: Record<string, unknown> = Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : (node.status?.capacity ?? {});
  const alloc = (name: string) => tryQuantity(allocatable[name]) ?? ZERO;
  const cpu = alloc("cpu").milliValue();
  const memory = alloc("memory").value();
  const reqs = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  for (const pod of pods) {
    const req = podResourceTotals(pod, "requests");
    const lim = podResourceTotals(pod, "limits");
    const get = (m: Map<string, Quantity>, n: string) => m.get(n) ?? ZERO;
    const cell = (q: Quantity, whole: number, milli: boolean) => `${q.toString()} (${percent(milli ? q.milliValue() : q.value(), whole)}%)`;
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${cell(get(req, "cpu"), cpu, true)}\t${cell(get(lim, "cpu"), cpu, true)}\t${cell(get(req, "memory"), memory, false)}\t${cell(get(lim, "memory"), memory, false)}\t${age(pod.metadata.creationTimestamp, now)}\n`,
    );
    for (const [into, from] of [[reqs, req], [limits, lim]] as const) for (const [n, q] of from) into.set(n, into.has(n) ? into.get(n)!.add(q) : q);
  }
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  const row = (name: string, whole: number, milli: boolean) => {
    const r = reqs.get(name) ?? ZERO;
    const l = limits.get(name) ?? ZERO;
    const v = (q: Quantity) => (milli ? q.milliValue() : q.value());
    w.write(1, `${name}\t${r.toString()} (${percent(v(r), whole)}%)\t${l.toString()} (${percent(v(l), whole)}%)\n`);
  };
  row("cpu", cpu, true);
  row("memory", memory, false);
  row("ephemeral-storage", alloc("ephemeral-storage").value(), false);
  const names = Object.keys(allocatable).sort();
  for (const name of names.filter((n) => n.startsWith("hugepages-"))) row(name, alloc(name).value(), false);
  const extended = names.filter((n) => !n.startsWith("hugepages-") && !STANDARD_CONTAINER_RESOURCES.has(n) && n !== "pods" && !n.startsWith("requests.") && !n.startsWith("limits."));
  for (const name of extended) w.write(1, `${name}\t${(reqs.get(name) ?? ZERO).toString()}\t${(limits.get(name) ?? ZERO).toString()}\n`);
}

function printResourceList(w: DescribeWriter, list: Record<string, unknown>): void {
  for (const name of Object.keys(list).sort()) w.write(0, `  ${name}:\t${tryQuantity(list[name])?.toString() ?? String(list[name])}\n`);
}

/** kubectl describe node (k8s.io/kubectl/pkg/describe NodeDescriber, v1.33). */
export function describeNode(node: KubeObject, r: NodeRelated): string {
  const n = node as Any;
  const spec = n.spec ?? {};
  const status = n.status ?? {};
  const w = new DescribeWriter();
  w.write(0, `Name:\t${node.metadata.name}\n`);
  const roles = nodeRoles(node);
  w.write(0, `Roles:\t${roles.length ? roles.join(",") : "<none>"}\n`);
  printLabels(w, "Labels", node.metadata.labels);
  printAnnotations(w, "Annotations", node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  printTaints(w, spec.taints);
  w.write(0, `Unschedulable:\t${spec.unschedulable ? "true" : "false"}\n`);
  if (r.lease.lease) {
    const lease = (r.lease.lease as Any).spec ?? {};
    w.write(0, "Lease:\n");
    w.write(1, `HolderIdentity:\t${lease.holderIdentity ?? "<unset>"}\n`);
    w.write(1, `AcquireTime:\t${lease.acquireTime ? rfc1123z(lease.acquireTime) : "<unset>"}\n`);
    w.write(1, `RenewTime:\t${lease.renewTime ? rfc1123z(lease.renewTime) : "<unset>"}\n`);
  } else w.write(0, `Lease:\tFailed to get lease: ${r.lease.error ?? ""}\n`);
  if (status.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of status.conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123zOrZero(c.lastHeartbeatTime)} \t${rfc1123zOrZero(c.lastTransitionTime)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`);
    }
  }
  w.write(0, "Addresses:\n");
  for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  if (Object.keys(status.capacity ?? {}).length) {
    w.write(0, "Capacity:\n");
    printResourceList(w, status.capacity);
  }
  if (Object.keys(status.allocatable ?? {}).length) {
    w.write(0, "Allocatable:\n");
    printResourceList(w, status.allocatable);
  }
  const info = status.nodeInfo ?? {};
  w.write(0, "System Info:\n");
  w.write(0, `  Machine ID:\t${info.machineID ?? ""}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ""}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ""}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ""}\n`);
  w.write(0, `  OS Image:\t${info.osImage ?? ""}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem ?? ""}\n`);
  w.write(0, `  Architecture:\t${info.architecture ?? ""}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ""}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ""}\n`);
  if (info.kubeProxyVersion) w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion}\n`);
  if (spec.podCIDR) w.write(0, `PodCIDR:\t${spec.podCIDR}\n`);
  if (spec.podCIDRs?.length) w.write(0, `PodCIDRs:\t${spec.podCIDRs.join(",")}\n`);
  if (spec.providerID) w.write(0, `ProviderID:\t${spec.providerID}\n`);
  if (r.pods) describeNodeResource(w, r.pods, n, r.now);
  else w.write(0, "Pods:\tnot authorized\n");
  describeEvents(w, r.events, r.now);
  return w.toString();
}

/** A zero metav1.Time formats as Go's zero time. */
function rfc1123zOrZero(ts: string | undefined | null): string {
  return ts ? rfc1123z(ts) : "Mon, 01 Jan 0001 00:00:00 +0000";
}
