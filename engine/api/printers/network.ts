import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import type { Endpoints, Service } from "kubernetes-types/core/v1";
import type { Ingress, IngressClass, NetworkPolicy } from "kubernetes-types/networking/v1";
import { column, NAME_COLUMN, type TablePrinter } from "../table";
import { AGE_COLUMN, creationAge, docColumn, formatLabels, formatSelectorCell, listWithMore, loadBalancerIngress } from "./format";

/** Services, endpoints and networking.k8s.io tables of printers.go (v1.33). */

function externalIP(svc: Service): string {
  const spec = svc.spec ?? {};
  const externalIPs = spec.externalIPs ?? [];
  switch (spec.type) {
    case "ClusterIP":
    case "NodePort":
      return externalIPs.length > 0 ? externalIPs.join(",") : "<none>";
    case "LoadBalancer": {
      // The server always renders the wide form, so load-balancer addresses are never clipped.
      const lb = loadBalancerIngress(svc.status?.loadBalancer?.ingress, true);
      if (externalIPs.length > 0) return [...(lb ? lb.split(",") : []), ...externalIPs].join(",");
      return lb || "<pending>";
    }
    case "ExternalName":
      return spec.externalName ?? "";
  }
  return "<unknown>";
}

function portString(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ""}` : `${p.port}/${p.protocol ?? ""}`))
    .join(",");
}

export const servicePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    docColumn("Type", "string", "svc.type"),
    docColumn("Cluster-IP", "string", "svc.clusterIP"),
    docColumn("External-IP", "string", "svc.externalIPs"),
    docColumn("Port(s)", "string", "svc.ports"),
    AGE_COLUMN,
    docColumn("Selector", "string", "svc.selector", { priority: 1 }),
  ],
  rows: (obj, ctx) => {
    const svc = obj as unknown as Service;
    const clusterIP = svc.spec?.clusterIPs?.[0] ?? "<none>";
    return [[obj.metadata.name, svc.spec?.type ?? "", clusterIP, externalIP(svc), portString(svc) || "<none>", creationAge(obj, ctx.now), formatLabels(svc.spec?.selector)]];
  },
};

/** formatEndpoints: up to three `ip:port` pairs, then ` + N more...`; `<none>` without subsets. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return "<none>";
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if ((ss.ports ?? []).length === 0) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports ?? []) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip.includes(":") ? `[${a.ip}]:${port.port}` : `${a.ip}:${port.port}`);
      }
    }
  }
  const joined = list.join(",");
  return more ? `${joined} + ${count - max} more...` : joined;
}

export const endpointsPrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("Endpoints", "string", "ep.subsets"), AGE_COLUMN],
  rows: (obj, ctx) => [[obj.metadata.name, formatEndpoints(obj as unknown as Endpoints), creationAge(obj, ctx.now)]],
};

export const endpointSlicePrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("AddressType", "string", "eps.addressType"), docColumn("Ports", "string", "eps.ports"), docColumn("Endpoints", "string", "eps.endpoints"), AGE_COLUMN],
  rows: (obj, ctx) => {
    const eps = obj as unknown as EndpointSlice;
    const ports = (eps.ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name !== undefined && p.name !== null ? p.name : "*"));
    const addresses = (eps.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [[obj.metadata.name, eps.addressType, listWithMore(ports), listWithMore(addresses), creationAge(obj, ctx.now)]];
  },
};

/** formatHosts: up to three hosts then ` + N more...`; `*` when no rule names a host. */
function formatHosts(rules: { host?: string }[]): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const rule of rules) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return "*";
  const joined = list.join(",");
  return more ? `${joined} + ${rules.length - max} more...` : joined;
}

export const ingressPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Class", "string", "The name of the IngressClass resource that should be used for additional configuration"),
    column("Hosts", "string", "Hosts that incoming requests are matched against before the ingress rule"),
    column("Address", "string", "Address is a list containing ingress points for the load-balancer"),
    column("Ports", "string", "Ports of TLS configurations that open"),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const ing = obj as unknown as Ingress;
    const className = ing.spec?.ingressClassName ?? "<none>";
    const address = loadBalancerIngress(ing.status?.loadBalancer?.ingress, true);
    const ports = (ing.spec?.tls ?? []).length > 0 ? "80, 443" : "80";
    return [[obj.metadata.name, className, formatHosts(ing.spec?.rules ?? []), address, ports, creationAge(obj, ctx.now)]];
  },
};

export const ingressClassPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column("Controller", "string", "Controller that is responsible for handling this class"),
    column("Parameters", "string", "A reference to a resource with additional parameters"),
    AGE_COLUMN,
  ],
  rows: (obj, ctx) => {
    const ic = obj as unknown as IngressClass;
    let parameters = "<none>";
    const p = ic.spec?.parameters;
    if (p) parameters = `${p.kind}${p.apiGroup !== undefined && p.apiGroup !== null ? "." + p.apiGroup : ""}/${p.name}`;
    return [[obj.metadata.name, ic.spec?.controller ?? "", parameters, creationAge(obj, ctx.now)]];
  },
};

export const networkPolicyPrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("Pod-Selector", "string", "netpol.podSelector"), AGE_COLUMN],
  rows: (obj, ctx) => [[obj.metadata.name, formatSelectorCell((obj as unknown as NetworkPolicy).spec?.podSelector ?? {}), creationAge(obj, ctx.now)]],
};

interface ServiceCIDRLike {
  spec?: { cidrs?: string[] };
}

export const serviceCIDRPrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("CIDRs", "string", "servicecidr.cidrs"), AGE_COLUMN],
  rows: (obj, ctx) => [[obj.metadata.name, ((obj as unknown as ServiceCIDRLike).spec?.cidrs ?? []).join(","), creationAge(obj, ctx.now)]],
};

interface IPAddressLike {
  spec?: { parentRef?: { group?: string; resource?: string; namespace?: string; name?: string } };
}

/** printIPAddress declares two columns but emits the age as a third cell, as the real server does. */
export const ipAddressPrinter: TablePrinter = {
  columns: [NAME_COLUMN, docColumn("ParentRef", "string", "ipaddress.parentRef")],
  rows: (obj, ctx) => {
    const ref = (obj as unknown as IPAddressLike).spec?.parentRef;
    let parent = "<none>";
    if (ref) {
      parent = (ref.group ? `${ref.resource ?? ""}.${ref.group}` : ref.resource ?? "").toLowerCase();
      if (ref.namespace) parent += `/${ref.namespace}`;
      parent += `/${ref.name ?? ""}`;
    }
    return [[obj.metadata.name, parent, creationAge(obj, ctx.now)]];
  },
};
