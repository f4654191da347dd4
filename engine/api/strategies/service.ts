import { deepEqual } from "../../util/json";
import { internalError, invalid as invalidError, type FieldError } from "../errors";
import { cidrContains, nextFreeIP, nextFreeNodePort, NODE_PORT_MAX, NODE_PORT_MIN, parseCidr, type Cidr } from "../kinds/allocators";
import type { ResourceStrategy, StrategyContext } from "../resource";
import type { KubeObject } from "../types";
import { duplicate, forbidden, goStringSlice, invalid, invalidGo, notSupported, Path, required } from "../validation/field";
import { validateLabels } from "../validation/names";
import { validatePortNumOrName } from "../validation/pod-spec";
import { isIP, portNumProblems, validateDNS1123Label, validateDNS1123Subdomain } from "../validation/values";
import { goIntOrString } from "../validation/workloads";
import { child, isObject, list, setDefault, setDefaultPtr, spec, type Json } from "./util";

/**
 * Services: SetDefaults_Service, the service REST's allocation of ClusterIPs (from the cluster's
 * ServiceCIDR) and NodePorts (30000-32767) with the real errors for taken or out-of-range values,
 * dropTypeDependentFields/patchAllocatedValues on update, and ValidateService(Update)
 * (pkg/apis/core/v1/defaults.go, pkg/registry/core/service, pkg/apis/core/validation, v1.33).
 */

export const DEFAULT_SERVICE_CIDR = "10.96.0.0/12";

const needsClusterIP = (s: Json) => s.type !== "ExternalName";
const needsNodePort = (s: Json) => s.type === "NodePort" || (s.type === "LoadBalancer" && s.allocateLoadBalancerNodePorts !== false);
const needsHCNodePort = (s: Json) => s.type === "LoadBalancer" && (s.externalTrafficPolicy === "Local" || s.externalTrafficPolicy === "OnlyLocal");

function serviceCidr(ctx: StrategyContext): { cidr: Cidr; text: string } {
  const object = ctx.lookup("networking.k8s.io", "servicecidrs", undefined, "kubernetes");
  const text = ((object?.spec as Json | undefined)?.cidrs as string[] | undefined)?.[0] ?? DEFAULT_SERVICE_CIDR;
  return { cidr: parseCidr(text) ?? parseCidr(DEFAULT_SERVICE_CIDR)!, text };
}

function usedByOthers(ctx: StrategyContext, self: KubeObject): { ips: Set<string>; ports: Set<number> } {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const svc of ctx.list("", "services")) {
    if (svc.metadata.namespace === self.metadata.namespace && svc.metadata.name === self.metadata.name) continue;
    const s = (svc.spec ?? {}) as Json;
    for (const ip of (s.clusterIPs as string[] | undefined) ?? []) if (ip && ip !== "None") ips.add(ip);
    for (const p of list(s.ports)) if (typeof p.nodePort === "number" && p.nodePort > 0) ports.add(p.nodePort);
    if (typeof s.healthCheckNodePort === "number" && s.healthCheckNodePort > 0) ports.add(s.healthCheckNodePort);
  }
  return { ips, ports };
}

function allocateClusterIP(obj: KubeObject, s: Json, ctx: StrategyContext): void {
  if (!needsClusterIP(s)) return;
  const { cidr, text } = serviceCidr(ctx);
  const clusterIPs = (s.clusterIPs as string[] | undefined) ?? [];
  if (clusterIPs[0] === "None") return;
  const { ips } = usedByOthers(ctx, obj);
  if (!clusterIPs[0]) {
    const ip = nextFreeIP(cidr, ips, ctx.random);
    if (!ip) throw internalError("failed to allocate a serviceIP: range is full");
    s.clusterIP = ip;
    s.clusterIPs = [ip];
    return;
  }
  const wanted = clusterIPs[0];
  if (!isIP(wanted)) return; // validation reports the malformed address
  let problem: string | undefined;
  if (!cidrContains(cidr, wanted)) problem = `the provided IP (${wanted}) is not in the valid range. The range of valid IPs is ${text}`;
  else if (ips.has(wanted)) problem = "provided IP is already allocated";
  if (problem) {
    throw invalidError("Service", "", obj.metadata.name ?? "", [invalidGo(Path.root("spec", "clusterIPs"), goStringSlice(clusterIPs), `failed to allocate IP ${wanted}: ${problem}`)]);
  }
}

function allocateNodePorts(obj: KubeObject, s: Json, ctx: StrategyContext, keepFrom?: Json): void {
  const { ports: used } = usedByOthers(ctx, obj);
  const mine = new Set<number>();
  const fail = (path: Path, port: number, message: string) => {
    throw invalidError("Service", "", obj.metadata.name ?? "", [invalid(path, port, message)]);
  };
  const keep = new Set<number>();
  if (keepFrom) for (const p of list(keepFrom.ports)) if (typeof p.nodePort === "number") keep.add(p.nodePort);
  if (needsNodePort(s)) {
    list(s.ports).forEach((p, i) => {
      const port = typeof p.nodePort === "number" ? p.nodePort : 0;
      if (port === 0) return;
      const path = Path.root("spec", "ports").index(i).child("nodePort");
      if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) fail(path, port, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`);
      if (used.has(port) && !keep.has(port)) fail(path, port, "provided port is already allocated");
      mine.add(port);
    });
    for (const p of list(s.ports)) {
      if (p.nodePort) continue;
      const port = nextFreeNodePort(new Set([...used, ...mine]), ctx.random);
      if (port === undefined) throw internalError("failed to allocate a nodePort: range is full");
      p.nodePort = port;
      mine.add(port);
    }
  }
  if (needsHCNodePort(s) && !s.healthCheckNodePort) {
    const port = nextFreeNodePort(new Set([...used, ...mine]), ctx.random);
    if (port === undefined) throw internalError("failed to allocate a nodePort: range is full");
    s.healthCheckNodePort = port;
  }
}

/** The IP family fields the allocator initialises (a single-stack IPv4 cluster). */
function initIPFamilies(s: Json): void {
  if (!needsClusterIP(s)) return;
  const headless = ((s.clusterIPs as string[] | undefined) ?? [])[0] === "None";
  if (!s.ipFamilyPolicy) s.ipFamilyPolicy = headless && !isObject(s.selector) ? "RequireDualStack" : "SingleStack";
  if (!Array.isArray(s.ipFamilies) || s.ipFamilies.length === 0) s.ipFamilies = ["IPv4"];
}

function sameJson(a: unknown, b: unknown): boolean {
  return deepEqual(a, b);
}

function dropTypeDependentFields(s: Json, old: Json, obj: KubeObject): void {
  if (needsClusterIP(old) && !needsClusterIP(s)) {
    if (sameJson(s.clusterIP, old.clusterIP) && sameJson(s.clusterIPs, old.clusterIPs)) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (sameJson(s.ipFamilies, old.ipFamilies)) delete s.ipFamilies;
    if (sameJson(s.ipFamilyPolicy, old.ipFamilyPolicy)) delete s.ipFamilyPolicy;
  }
  const nodePorts = (x: Json) => list(x.ports).map((p) => p.nodePort ?? 0);
  if (needsNodePort(old) && !needsNodePort(s) && sameJson(nodePorts(s), nodePorts(old))) for (const p of list(s.ports)) delete p.nodePort;
  if (needsHCNodePort(old) && !needsHCNodePort(s) && s.healthCheckNodePort === old.healthCheckNodePort) delete s.healthCheckNodePort;
  if (s.type !== "LoadBalancer") {
    if (sameJson(s.allocateLoadBalancerNodePorts, old.allocateLoadBalancerNodePorts)) delete s.allocateLoadBalancerNodePorts;
    if (sameJson(s.loadBalancerClass, old.loadBalancerClass)) delete s.loadBalancerClass;
  }
  if (s.type !== "NodePort" && s.type !== "LoadBalancer" && sameJson(s.externalTrafficPolicy, old.externalTrafficPolicy)) delete s.externalTrafficPolicy;
  if (s.type !== "LoadBalancer") obj.status = { loadBalancer: {} };
}

function patchAllocatedValues(s: Json, old: Json): void {
  if (needsClusterIP(old) && needsClusterIP(s)) {
    if (!s.clusterIP) s.clusterIP = old.clusterIP;
    if ((!Array.isArray(s.clusterIPs) || s.clusterIPs.length === 0) && Array.isArray(old.clusterIPs) && old.clusterIPs.length > 0) s.clusterIPs = old.clusterIPs;
  }
  if (needsNodePort(old) && needsNodePort(s)) {
    const inNew = new Set(list(s.ports).map((p) => p.nodePort).filter(Boolean));
    const byName = new Map(list(old.ports).map((p) => [String(p.name ?? ""), p.nodePort]));
    for (const p of list(s.ports)) {
      if (p.nodePort) continue;
      const previous = byName.get(String(p.name ?? ""));
      if (previous && !inNew.has(previous)) p.nodePort = previous;
    }
  }
  if (needsHCNodePort(old) && needsHCNodePort(s) && !s.healthCheckNodePort) s.healthCheckNodePort = old.healthCheckNodePort;
}

function normalizeClusterIPs(s: Json, old?: Json): void {
  const ips = s.clusterIPs as string[] | undefined;
  if (!old) {
    if (s.clusterIP && (!ips || ips.length === 0)) s.clusterIPs = [s.clusterIP];
    return;
  }
  if (s.clusterIP !== old.clusterIP && sameJson(ips, old.clusterIPs)) {
    s.clusterIPs = s.clusterIP ? [s.clusterIP, ...(((old.clusterIPs as string[] | undefined) ?? []).slice(1))] : [];
  }
}

/** The duplicate-port key of ValidateService: a core.ServicePort holding only Protocol and Port. */
function goServicePort(p: Json): string {
  return `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? "")}, AppProtocol:(*string)(nil), Port:${p.port ?? 0}, TargetPort:${goIntOrString(0)}, NodePort:0}`;
}

const SERVICE_TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];

export function validateService(obj: KubeObject): FieldError[] {
  const s = spec(obj);
  const path = Path.root("spec");
  const errs: FieldError[] = [];
  const ips = (s.clusterIPs as string[] | undefined) ?? [];
  const headless = ips[0] === "None";
  const ports = list(s.ports);
  if (ports.length === 0 && !headless && s.type !== "ExternalName") errs.push(required(path.child("ports")));
  if (s.type === "LoadBalancer" && headless) errs.push(invalid(path.child("clusterIPs").index(0), ips[0], "may not be set to 'None' for LoadBalancer services"));
  if (s.type === "NodePort" && headless) errs.push(invalid(path.child("clusterIPs").index(0), ips[0], "may not be set to 'None' for NodePort services"));
  if (s.type === "ExternalName") {
    if (ips.length > 0) errs.push(forbidden(path.child("clusterIPs"), "may not be set for ExternalName services"));
    if (Array.isArray(s.ipFamilies) && s.ipFamilies.length > 0) errs.push(forbidden(path.child("ipFamilies"), "may not be set for ExternalName services"));
    if (s.ipFamilyPolicy) errs.push(forbidden(path.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
    const cname = String(s.externalName ?? "").replace(/\.$/, "");
    if (cname) errs.push(...validateDNS1123Subdomain(cname, path.child("externalName")));
    else errs.push(required(path.child("externalName")));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const pp = path.child("ports").index(i);
    const name = String(p.name ?? "");
    if (ports.length > 1 && !name) errs.push(required(pp.child("name")));
    else if (name) {
      errs.push(...validateDNS1123Label(name, pp.child("name")));
      if (names.has(name)) errs.push(duplicate(pp.child("name"), name));
      else names.add(name);
    }
    portNumProblems(Number(p.port ?? 0)).forEach((m) => errs.push(invalid(pp.child("port"), p.port ?? 0, m)));
    if (!p.protocol) errs.push(required(pp.child("protocol")));
    else if (!["SCTP", "TCP", "UDP"].includes(String(p.protocol))) errs.push(notSupported(pp.child("protocol"), p.protocol, ["SCTP", "TCP", "UDP"]));
    errs.push(...validatePortNumOrName(p.targetPort, pp.child("targetPort")));
  });
  if (isObject(s.selector)) errs.push(...validateLabels(s.selector as Record<string, string>, path.child("selector").toString()));
  if (!s.sessionAffinity) errs.push(required(path.child("sessionAffinity")));
  else if (!["ClientIP", "None"].includes(String(s.sessionAffinity))) errs.push(notSupported(path.child("sessionAffinity"), s.sessionAffinity, ["ClientIP", "None"]));
  if (!headless) {
    ips.forEach((ip, i) => {
      if (!isIP(ip)) errs.push(invalid(path.child("clusterIPs").index(i), ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    });
  }
  ((s.externalIPs as string[] | undefined) ?? []).forEach((ip, i) => {
    if (!isIP(ip)) errs.push(invalid(path.child("externalIPs").index(i), ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  });
  if (!s.type) errs.push(required(path.child("type")));
  else if (!SERVICE_TYPES.includes(String(s.type))) errs.push(notSupported(path.child("type"), s.type, SERVICE_TYPES));
  if (s.type === "ClusterIP") {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(forbidden(path.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePortKeys = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePortKeys.has(key)) errs.push(duplicate(path.child("ports").index(i).child("nodePort"), p.nodePort));
    nodePortKeys.add(key);
  });
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (portKeys.has(key)) errs.push({ type: "FieldValueDuplicate", field: path.child("ports").index(i).toString(), rendered: goServicePort(p) });
    portKeys.add(key);
  });
  if (s.externalTrafficPolicy && s.type !== "NodePort" && s.type !== "LoadBalancer") {
    errs.push(invalid(path.child("externalTrafficPolicy"), s.externalTrafficPolicy, "may only be set for externally-accessible services"));
  } else if (s.externalTrafficPolicy && !["Cluster", "Local"].includes(String(s.externalTrafficPolicy))) {
    errs.push(notSupported(path.child("externalTrafficPolicy"), s.externalTrafficPolicy, ["Cluster", "Local"]));
  }
  return errs;
}

export const serviceStrategy: ResourceStrategy = {
  defaults(obj) {
    const s = spec(obj);
    setDefault(s, "sessionAffinity", "None");
    if (s.sessionAffinity === "None") delete s.sessionAffinityConfig;
    if (s.sessionAffinity === "ClientIP") {
      const config = child(s, "sessionAffinityConfig");
      const clientIP = child(config, "clientIP");
      setDefaultPtr(clientIP, "timeoutSeconds", 10800);
    }
    setDefault(s, "type", "ClusterIP");
    for (const p of list(s.ports)) {
      setDefault(p, "protocol", "TCP");
      if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === "") p.targetPort = p.port;
    }
    if ((s.type === "NodePort" || s.type === "LoadBalancer") && !s.externalTrafficPolicy) s.externalTrafficPolicy = "Cluster";
    if (s.type !== "ExternalName") setDefaultPtr(s, "internalTrafficPolicy", "Cluster");
    if (s.type === "LoadBalancer") setDefaultPtr(s, "allocateLoadBalancerNodePorts", true);
  },
  prepareForCreate(obj, ctx) {
    obj.status = { loadBalancer: {} };
    const s = spec(obj);
    normalizeClusterIPs(s);
    initIPFamilies(s);
    allocateClusterIP(obj, s, ctx);
    allocateNodePorts(obj, s, ctx);
  },
  prepareForUpdate(obj, old, ctx) {
    const s = spec(obj);
    const prev = (old.spec ?? {}) as Json;
    patchAllocatedValues(s, prev);
    normalizeClusterIPs(s, prev);
    dropTypeDependentFields(s, prev, obj);
    if (needsClusterIP(s) && !needsClusterIP(prev)) {
      initIPFamilies(s);
      allocateClusterIP(obj, s, ctx);
    } else {
      initIPFamilies(s);
    }
    allocateNodePorts(obj, s, ctx, prev);
  },
  validate: (obj) => validateService(obj),
  validateUpdate(obj, old) {
    const errs: FieldError[] = [];
    const s = spec(obj);
    const prev = (old.spec ?? {}) as Json;
    if (s.type !== "ExternalName" && prev.type !== "ExternalName") {
      const newIPs = (s.clusterIPs as string[] | undefined) ?? [];
      const oldIPs = (prev.clusterIPs as string[] | undefined) ?? [];
      if (oldIPs.length > 0 && newIPs.length > 0 && oldIPs[0] !== newIPs[0]) {
        errs.push(invalidGo(Path.root("spec", "clusterIPs").index(0), goStringSlice(newIPs), "may not change once set"));
      }
      const newFamilies = (s.ipFamilies as string[] | undefined) ?? [];
      const oldFamilies = (prev.ipFamilies as string[] | undefined) ?? [];
      if (oldFamilies.length > 0 && newFamilies.length > 0 && oldFamilies[0] !== newFamilies[0]) {
        errs.push(invalid(Path.root("spec", "ipFamilies").index(0), newFamilies[0], "may not change once set"));
      }
    }
    return [...errs, ...validateService(obj)];
  },
};

export const endpointsStrategy: ResourceStrategy = {
  defaults(obj) {
    for (const subset of list((obj as unknown as Json).subsets)) for (const p of list(subset.ports)) setDefault(p, "protocol", "TCP");
  },
};
