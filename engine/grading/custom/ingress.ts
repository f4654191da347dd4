import { clusterOf } from "../context";
import { fail, pass } from "../checks/outcome";
import { routeIngressRequest, type IngressSpec } from "./ingress-match";
import { registerCustomCheck, routedRequestParams, stringParam } from "./registry";

interface ServicePort {
  name?: string;
  port?: number;
}

/**
 * Where the Ingress sends a request for host+path (ingress-match.ts), with a backend port given by
 * name resolved through the Service, as the controller resolves it: graded by behaviour.
 */
registerCustomCheck("ingress-request", {
  summary: "params: namespace, name, path, host (optional), service, port (optional number) — a request for host+path reaches that Service port",
  run(ctx, params, clusterName) {
    const { namespace, name, path, host, port } = routedRequestParams(params);
    const service = stringParam(params, "service");
    const cluster = clusterOf(ctx, clusterName);
    const ingress = cluster.admin.get("networking.k8s.io", "ingresses", namespace, name);
    if (!ingress) return fail(`ingress "${name}" in namespace "${namespace}" was not found`);
    const request = `a request for ${host ?? ""}${path}`;
    const decision = routeIngressRequest((ingress.spec ?? {}) as IngressSpec, { host, path });
    if (decision.kind === "no-route") return fail(`${request} matches no path of ingress "${name}" and it has no default backend (HTTP 404)`);
    const target = decision.backend.service;
    if (!target) return fail(`${request} goes to a resource backend through ${decision.via}; expected Service ${service}`);
    let number = target.port?.number;
    if (number === undefined && target.port?.name !== undefined) {
      const svc = cluster.admin.get("", "services", namespace, target.name ?? "");
      const ports = ((svc?.spec ?? {}) as { ports?: ServicePort[] }).ports ?? [];
      number = ports.find((p) => p.name === target.port!.name)?.port;
    }
    const reached = `${target.name ?? "?"}:${number ?? target.port?.name ?? "?"}`;
    if (target.name !== service || (port !== undefined && number !== port)) {
      return fail(`${request} goes to ${reached} through ${decision.via}; expected ${service}${port === undefined ? "" : `:${port}`}`);
    }
    return pass;
  },
});
