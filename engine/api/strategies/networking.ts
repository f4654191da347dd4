import type { FieldError } from "../errors";
import type { ResourceStrategy } from "../resource";
import type { KubeObject } from "../types";
import { FIELD_IMMUTABLE, forbidden, invalid, invalidGo, notSupported, Path, required } from "../validation/field";
import { nameProblems } from "../validation/names";
import { isIP, portNameProblems, portNumProblems, validateDNS1123Subdomain, validateLabelSelector } from "../validation/values";
import { isObject, list, setDefault, spec, type Json } from "./util";
import { ingressWarnings } from "./warnings";

/**
 * Ingresses, IngressClasses, NetworkPolicies and EndpointSlices (pkg/apis/networking/{v1,validation},
 * pkg/registry/networking/*, pkg/apis/discovery, v1.33).
 */

const PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"];

function withGeneration(status?: Json) {
  return (obj: KubeObject) => {
    obj.metadata.generation = 1;
    if (status) obj.status = JSON.parse(JSON.stringify(status));
  };
}

function validateBackend(backend: Json | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const service = isObject(backend?.service) ? backend!.service : undefined;
  const resource = isObject(backend?.resource) ? backend!.resource : undefined;
  if (service && resource) return [invalid(path, "", "cannot set both resource and service backends")];
  if (resource) {
    if (!resource.kind) errs.push(required(path.child("resource", "kind")));
    if (!resource.name) errs.push(required(path.child("resource", "name")));
    return errs;
  }
  if (!service) return [invalid(path, "", "resource or service backend is required")];
  const name = String(service.name ?? "");
  if (!name) errs.push(required(path.child("service", "name")));
  else nameProblems(name, "dns1035").forEach((m) => errs.push(invalid(path.child("service", "name"), name, m)));
  const port = (service.port ?? {}) as Json;
  const portName = String(port.name ?? "");
  const portNumber = Number(port.number ?? 0);
  if (portName && portNumber) errs.push(invalid(path, "", "cannot set both port name & port number"));
  else if (portName) portNameProblems(portName).forEach((m) => errs.push(invalid(path.child("service", "port", "name"), portName, m)));
  else if (portNumber) portNumProblems(portNumber).forEach((m) => errs.push(invalid(path.child("service", "port", "number"), portNumber, m)));
  else errs.push(required(path, "port name or number is required"));
  return errs;
}

function validateIngressPath(p: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (p.pathType === undefined || p.pathType === null) return [required(path.child("pathType"), "pathType must be specified")];
  const value = String(p.path ?? "");
  if (p.pathType === "Exact" || p.pathType === "Prefix") {
    if (!value.startsWith("/")) errs.push(invalid(path.child("path"), value, "must be an absolute path"));
    for (const seq of ["//", "/./", "/../", "%2f", "%2F"]) if (value.includes(seq)) errs.push(invalid(path.child("path"), value, `must not contain '${seq}'`));
    for (const suffix of ["/..", "/."]) if (value.endsWith(suffix)) errs.push(invalid(path.child("path"), value, `cannot end with '${suffix}'`));
  } else if (p.pathType === "ImplementationSpecific") {
    if (value && !value.startsWith("/")) errs.push(invalid(path.child("path"), value, "must be an absolute path"));
  } else {
    errs.push(notSupported(path.child("pathType"), p.pathType, PATH_TYPES));
  }
  errs.push(...validateBackend(isObject(p.backend) ? p.backend : undefined, path.child("backend")));
  return errs;
}

function validateHost(host: string, path: Path): FieldError[] {
  if (isIP(host)) return [invalid(path, host, "must be a DNS name, not an IP address")];
  if (host.startsWith("*.")) {
    const rest = host.slice(2);
    return nameProblems(rest, "subdomain").length > 0
      ? [invalid(path, host, "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]
      : [];
  }
  return validateDNS1123Subdomain(host, path);
}

function validateIngress(obj: KubeObject): FieldError[] {
  const s = spec(obj);
  const path = Path.root("spec");
  const errs: FieldError[] = [];
  const rules = list(s.rules);
  if (rules.length === 0 && !isObject(s.defaultBackend)) errs.push(invalidGo(path, "[]networking.IngressRule(nil)", "either `defaultBackend` or `rules` must be specified"));
  if (isObject(s.defaultBackend)) errs.push(...validateBackend(s.defaultBackend, path.child("defaultBackend")));
  rules.forEach((rule, i) => {
    const rp = path.child("rules").index(i);
    if (rule.host) errs.push(...validateHost(String(rule.host), rp.child("host")));
    if (isObject(rule.http)) {
      const paths = list(rule.http.paths);
      if (paths.length === 0) errs.push(required(rp.child("http", "paths")));
      paths.forEach((p, j) => errs.push(...validateIngressPath(p, rp.child("http", "paths").index(j))));
    }
  });
  list(s.tls).forEach((tls, i) => {
    ((tls.hosts as string[] | undefined) ?? []).forEach((h, j) => errs.push(...validateHost(h, path.child("tls").index(i).child("hosts").index(j))));
  });
  if (typeof s.ingressClassName === "string") errs.push(...validateDNS1123Subdomain(s.ingressClassName, path.child("ingressClassName")));
  return errs;
}

export const ingressStrategy: ResourceStrategy = {
  warnings: (ingress, old) => (old ? [] : ingressWarnings(ingress)),
  prepareForCreate: withGeneration({ loadBalancer: {} }),
  validate: validateIngress,
};

export const ingressClassStrategy: ResourceStrategy = {
  defaults(obj) {
    // SetDefaults_IngressClass: parameters are cluster-scoped unless said otherwise.
    const parameters = spec(obj).parameters;
    if (isObject(parameters) && !parameters.scope) parameters.scope = "Cluster";
  },
  prepareForCreate: withGeneration(),
  validate(obj) {
    const controller = String(spec(obj).controller ?? "");
    if (!controller) return [required(Path.root("spec", "controller"))];
    return controller.length > 250 ? [{ type: "FieldValueTooLong", field: "spec.controller", detail: "may not be more than 250 bytes" }] : [];
  },
  validateUpdate(obj, old) {
    const errs = ingressClassStrategy.validate!(obj, undefined as never);
    const next = spec(obj).controller;
    if (next !== (old.spec as Json | undefined)?.controller) errs.push(invalid(Path.root("spec", "controller"), next, FIELD_IMMUTABLE));
    return errs;
  },
};

function validatePeers(peers: Json[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  peers.forEach((peer, i) => {
    const pp = path.index(i);
    const selectors = ["podSelector", "namespaceSelector"].filter((k) => isObject(peer[k]));
    if (isObject(peer.ipBlock)) {
      if (selectors.length > 0) errs.push(forbidden(pp, "may not specify both ipBlock and another peer"));
      const cidr = String(peer.ipBlock.cidr ?? "");
      if (!cidr) errs.push(required(pp.child("ipBlock", "cidr")));
      else if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(cidr) || !isIP(cidr.split("/")[0])) {
        errs.push(invalid(pp.child("ipBlock", "cidr"), cidr, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
      }
    } else if (selectors.length === 0) {
      errs.push(required(pp, "must specify a peer"));
    }
    for (const k of selectors) errs.push(...validateLabelSelector(peer[k] as never, pp.child(k)));
  });
  return errs;
}

function validatePolicyPorts(ports: Json[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  ports.forEach((port, i) => {
    const pp = path.index(i);
    if (port.protocol && !["TCP", "UDP", "SCTP"].includes(String(port.protocol))) errs.push(notSupported(pp.child("protocol"), port.protocol, ["SCTP", "TCP", "UDP"]));
    if (typeof port.port === "number") portNumProblems(port.port).forEach((m) => errs.push(invalid(pp.child("port"), port.port, m)));
    if (typeof port.port === "string") portNameProblems(port.port).forEach((m) => errs.push(invalid(pp.child("port"), port.port, m)));
    if (port.endPort !== undefined) {
      if (typeof port.port !== "number") errs.push(required(pp.child("port"), "must be specified when endPort is specified"));
      else if (Number(port.endPort) < port.port) errs.push(invalid(pp.child("endPort"), port.endPort, "must be greater than or equal to `port`"));
    }
  });
  return errs;
}

export const networkPolicyStrategy: ResourceStrategy = {
  defaults(obj) {
    const s = spec(obj);
    for (const rule of [...list(s.ingress), ...list(s.egress)]) for (const port of list(rule.ports)) setDefault(port, "protocol", "TCP");
    // SetDefaults_NetworkPolicy: Ingress always applies; Egress when egress rules exist.
    if (!Array.isArray(s.policyTypes) || s.policyTypes.length === 0) s.policyTypes = Array.isArray(s.egress) && s.egress.length > 0 ? ["Ingress", "Egress"] : ["Ingress"];
    if (!isObject(s.podSelector)) s.podSelector = {};
  },
  prepareForCreate: withGeneration(),
  validate(obj) {
    const s = spec(obj);
    const path = Path.root("spec");
    const errs = validateLabelSelector(s.podSelector as never, path.child("podSelector"));
    list(s.ingress).forEach((rule, i) => {
      errs.push(...validatePolicyPorts(list(rule.ports), path.child("ingress").index(i).child("ports")));
      errs.push(...validatePeers(list(rule.from), path.child("ingress").index(i).child("from")));
    });
    list(s.egress).forEach((rule, i) => {
      errs.push(...validatePolicyPorts(list(rule.ports), path.child("egress").index(i).child("ports")));
      errs.push(...validatePeers(list(rule.to), path.child("egress").index(i).child("to")));
    });
    const types = (s.policyTypes as string[] | undefined) ?? [];
    types.forEach((t, i) => {
      if (t !== "Ingress" && t !== "Egress") errs.push(notSupported(path.child("policyTypes").index(i), t, ["Ingress", "Egress"]));
    });
    if (types.length > 2) errs.push(invalid(path.child("policyTypes"), JSON.stringify(types), "may not specify more than two policyTypes"));
    return errs;
  },
};

export const endpointSliceStrategy: ResourceStrategy = {
  defaults(obj) {
    for (const port of list((obj as unknown as Json).ports)) {
      setDefault(port, "protocol", "TCP");
      if (port.name === undefined) port.name = "";
    }
  },
  prepareForCreate: withGeneration(),
  validate(obj) {
    const t = (obj as unknown as Json).addressType;
    if (!t) return [required(Path.root("addressType"))];
    return ["IPv4", "IPv6", "FQDN"].includes(String(t)) ? [] : [notSupported(Path.root("addressType"), t, ["FQDN", "IPv4", "IPv6"])];
  },
  validateUpdate(obj, old) {
    const errs = endpointSliceStrategy.validate!(obj, undefined as never);
    const t = (obj as unknown as Json).addressType;
    if (t !== (old as unknown as Json).addressType) errs.push(invalid(Path.root("addressType"), t, FIELD_IMMUTABLE));
    return errs;
  },
};
