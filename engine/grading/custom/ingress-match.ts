import { prefixMatches } from "./httproute-match";

/**
 * Where an Ingress sends one request, by the networking.k8s.io/v1 rules, so a check grades the
 * routing rather than its spelling (`/shop/` and `/shop` as a Prefix are the same route; one rule
 * per path or one rule with two paths route the same):
 * - a rule applies when its host equals the request's host, or is `*.domain` and the request's host
 *   is exactly one more label (`*.foo.com` matches `bar.foo.com`, not `baz.bar.foo.com`), or has no host;
 * - Prefix (and ImplementationSpecific, which ingress-nginx treats as a prefix) matches by path
 *   element; Exact compares the whole path;
 * - the longest matching path wins, then Exact over Prefix; no match falls to spec.defaultBackend.
 */

export interface IngressServiceBackend {
  name?: string;
  port?: { number?: number; name?: string };
}

interface IngressBackend {
  service?: IngressServiceBackend;
  resource?: { kind?: string; name?: string };
}

interface IngressPath {
  path?: string;
  pathType?: string;
  backend?: IngressBackend;
}

export interface IngressSpec {
  defaultBackend?: IngressBackend;
  rules?: { host?: string; http?: { paths?: IngressPath[] } }[];
}

export type IngressDecision = { kind: "backend"; backend: IngressBackend; via: string } | { kind: "no-route" };

function hostApplies(ruleHost: string | undefined, host: string | undefined): boolean {
  if (!ruleHost || host === undefined) return true;
  if (ruleHost.startsWith("*.")) {
    const suffix = ruleHost.slice(1);
    return host.endsWith(suffix) && !host.slice(0, -suffix.length).includes(".") && host.length > suffix.length;
  }
  return ruleHost === host;
}

function pathApplies(p: IngressPath, path: string): boolean {
  const value = p.path ?? "/";
  return p.pathType === "Exact" ? path === value : prefixMatches(value, path);
}

export function routeIngressRequest(spec: IngressSpec, request: { host?: string; path: string }): IngressDecision {
  let best: IngressPath | undefined;
  for (const rule of spec.rules ?? []) {
    if (!hostApplies(rule.host, request.host)) continue;
    for (const p of rule.http?.paths ?? []) {
      if (!pathApplies(p, request.path)) continue;
      const length = (p.path ?? "/").replace(/(.)\/$/, "$1").length;
      const bestLength = best ? (best.path ?? "/").replace(/(.)\/$/, "$1").length : -1;
      if (length > bestLength || (length === bestLength && p.pathType === "Exact" && best?.pathType !== "Exact")) best = p;
    }
  }
  if (best?.backend) return { kind: "backend", backend: best.backend, via: `path ${best.path ?? "/"} (${best.pathType ?? "?"})` };
  if (spec.defaultBackend) return { kind: "backend", backend: spec.defaultBackend, via: "the default backend" };
  return { kind: "no-route" };
}
