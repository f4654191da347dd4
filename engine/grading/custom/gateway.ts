import { clusterOf } from "../context";
import { fail, pass } from "../checks/outcome";
import { registerCustomCheck, routedRequestParams, stringParam } from "./registry";
import { describeBackends, routeRequest, type HttpRouteSpec } from "./httproute-match";

interface BackendRef {
  name?: string;
  weight?: number;
}

/**
 * A traffic split is the ratio of backend weights, not their numbers: 90/10, 9/1 and 900/100 all
 * send the same share of requests (Gateway API: a backend's share is its weight over the sum; the
 * weight defaults to 1).
 */
registerCustomCheck("httproute-weights", {
  summary: "params: namespace, name, rule (index, 0 by default), shares ({backend: percent}) — the rule's backends and their traffic shares",
  run(ctx, params, clusterName) {
    const namespace = stringParam(params, "namespace", "default");
    const name = stringParam(params, "name");
    const ruleIndex = typeof params.rule === "number" ? params.rule : 0;
    const shares = params.shares as Record<string, number> | undefined;
    if (!shares || typeof shares !== "object" || Object.values(shares).some((v) => typeof v !== "number")) throw new Error('custom check parameter "shares" must map backend names to numbers');
    const route = clusterOf(ctx, clusterName).admin.get("gateway.networking.k8s.io", "httproutes", namespace, name);
    if (!route) return fail(`httproute "${name}" in namespace "${namespace}" was not found`);
    const rules = ((route.spec ?? {}) as { rules?: { backendRefs?: BackendRef[] }[] }).rules ?? [];
    const refs = rules[ruleIndex]?.backendRefs ?? [];
    const weights = new Map<string, number>();
    for (const ref of refs) weights.set(ref.name ?? "", (weights.get(ref.name ?? "") ?? 0) + (ref.weight ?? 1));
    const total = [...weights.values()].reduce((a, b) => a + b, 0);
    const wantedTotal = Object.values(shares).reduce((a, b) => a + b, 0);
    const percent = (w: number) => (total === 0 ? 0 : Math.round((w * 1000) / total) / 10);
    const actual = [...weights].map(([n, w]) => `${n} ${percent(w)}%`).join(", ") || "no backends";
    const names = new Set([...Object.keys(shares), ...weights.keys()]);
    // Cross-multiplied, so integer weights compare exactly.
    const same = total > 0 && [...names].every((n) => (weights.get(n) ?? 0) * wantedTotal === (shares[n] ?? 0) * total);
    if (!same) return fail(`rule ${ruleIndex} of httproute "${name}" sends ${actual}; expected ${Object.entries(shares).map(([n, s]) => `${n} ${Math.round((s * 1000) / wantedTotal) / 10}%`).join(", ")}`);
    return pass;
  },
});

/**
 * Where the route sends a request (httproute-match.ts): graded by behaviour, so every spelling of
 * the same routing passes and a rule that catches the wrong paths fails.
 */
registerCustomCheck("httproute-request", {
  summary: "params: namespace, name, path, host (optional), backend, port (optional) — a request for host+path reaches only that backend (and port)",
  run(ctx, params, clusterName) {
    const { namespace, name, path, host, port } = routedRequestParams(params);
    const backend = stringParam(params, "backend");
    const route = clusterOf(ctx, clusterName).admin.get("gateway.networking.k8s.io", "httproutes", namespace, name);
    if (!route) return fail(`httproute "${name}" in namespace "${namespace}" was not found`);
    const request = `a request for ${host ?? ""}${path}`;
    const decision = routeRequest((route.spec ?? {}) as HttpRouteSpec, { path, host });
    if (decision.kind === "no-host") return fail(`${request} is not for httproute "${name}" (hostnames ${decision.hostnames.join(", ")})`);
    if (decision.kind === "no-rule") return fail(`${request} matches no rule of httproute "${name}" (HTTP 404)`);
    if (decision.kind === "redirect") return fail(`${request} is redirected by rule ${decision.rule} of httproute "${name}"`);
    const wanted = `${backend}${port === undefined ? "" : `:${port}`}`;
    const ok = decision.backends.length > 0 && decision.backends.every((b) => b.name === backend && (port === undefined || b.port === port));
    if (!ok) return fail(`${request} goes to ${describeBackends(decision.backends)} (rule ${decision.rule}); expected ${wanted}`);
    return pass;
  },
});
