/**
 * Where an HTTPRoute sends one request, by the Gateway API's matching rules, so a check can grade
 * the routing a learner built rather than the shape of their YAML: a catch-all written as a rule
 * without matches, as `PathPrefix /` or listed first all route the same, and a route that sends
 * `/api/orders` to the wrong backend fails however its rules are spelled.
 *
 * Semantics (gateway.networking.k8s.io/v1 HTTPRouteRule and HTTPPathMatch):
 * - a rule without matches matches every request (the CRD defaults it to PathPrefix `/`);
 * - PathPrefix matches element by element (`/api` matches `/api`, `/api/` and `/api/x`, not
 *   `/apix`); a trailing `/` in the value is ignored; Exact compares the whole path;
 * - among matching rules: Exact beats PathPrefix, a longer prefix beats a shorter one, then a method
 *   match, then more header matches, then more query parameter matches; then the first rule in order.
 * The graded request carries no headers or query parameters, so matches that require them do not match.
 */

export interface RouteRequest {
  path: string;
  method?: string;
  host?: string;
}

interface PathMatch {
  type?: string;
  value?: string;
}

interface RouteMatch {
  path?: PathMatch;
  method?: string;
  headers?: unknown[];
  queryParams?: unknown[];
}

export interface RouteBackend {
  name?: string;
  namespace?: string;
  port?: number;
  weight?: number;
}

interface RouteRule {
  matches?: RouteMatch[];
  backendRefs?: RouteBackend[];
  filters?: { type?: string }[];
}

export interface HttpRouteSpec {
  hostnames?: string[];
  rules?: RouteRule[];
}

export type RouteDecision =
  | { kind: "no-host"; hostnames: string[] }
  | { kind: "no-rule" }
  | { kind: "redirect"; rule: number }
  | { kind: "backends"; rule: number; backends: RouteBackend[] };

function pathMatches(match: PathMatch, path: string): boolean {
  const type = match.type ?? "PathPrefix";
  const value = match.value ?? "/";
  if (type === "Exact") return path === value;
  if (type === "RegularExpression") {
    try {
      return new RegExp(`^(?:${value})$`).test(path);
    } catch {
      return false;
    }
  }
  return prefixMatches(value, path);
}

/** A path prefix as Gateway API and Ingress define it: whole `/`-separated elements, a trailing `/` ignored. */
export function prefixMatches(value: string, path: string): boolean {
  const prefix = value.length > 1 && value.endsWith("/") ? value.slice(0, -1) : value;
  if (prefix === "/") return true;
  return path === prefix || path.startsWith(`${prefix}/`);
}

function matchesRequest(match: RouteMatch, request: RouteRequest): boolean {
  if ((match.headers?.length ?? 0) > 0 || (match.queryParams?.length ?? 0) > 0) return false;
  if (match.method && match.method !== (request.method ?? "GET")) return false;
  return pathMatches(match.path ?? {}, request.path);
}

/** Precedence of a match as a tuple compared left to right (Gateway API's tie-breaking order). */
function precedence(match: RouteMatch): number[] {
  const path = match.path ?? {};
  const exact = path.type === "Exact" ? 1 : 0;
  const prefixLength = (path.type ?? "PathPrefix") === "PathPrefix" ? (path.value ?? "/").length : 0;
  return [exact, prefixLength, match.method ? 1 : 0, match.headers?.length ?? 0, match.queryParams?.length ?? 0];
}

function outranks(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

/** A listener/route hostname matches a request host exactly, or as `*.suffix` with at least one more label. */
function hostMatches(hostname: string, host: string): boolean {
  if (hostname.startsWith("*.")) return host.endsWith(hostname.slice(1)) && host.length > hostname.length - 1;
  return hostname === host;
}

export function routeRequest(spec: HttpRouteSpec, request: RouteRequest): RouteDecision {
  const hostnames = spec.hostnames ?? [];
  if (request.host && hostnames.length > 0 && !hostnames.some((h) => hostMatches(h, request.host!))) return { kind: "no-host", hostnames };
  let best: { rule: number; rank: number[] } | undefined;
  (spec.rules ?? []).forEach((rule, index) => {
    const matches = rule.matches?.length ? rule.matches : [{ path: { type: "PathPrefix", value: "/" } }];
    for (const match of matches) {
      if (!matchesRequest(match, request)) continue;
      const rank = precedence(match);
      if (!best || outranks(rank, best.rank)) best = { rule: index, rank };
    }
  });
  if (!best) return { kind: "no-rule" };
  const rule = spec.rules![best.rule];
  if (rule.filters?.some((f) => f.type === "RequestRedirect")) return { kind: "redirect", rule: best.rule };
  return { kind: "backends", rule: best.rule, backends: (rule.backendRefs ?? []).filter((b) => (b.weight ?? 1) > 0) };
}

export function describeBackends(backends: RouteBackend[]): string {
  if (backends.length === 0) return "no backend (HTTP 500)";
  return backends.map((b) => `${b.name ?? "?"}${b.port === undefined ? "" : `:${b.port}`}`).join(" and ");
}
