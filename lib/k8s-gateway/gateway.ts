// /k8s/<token>/clusters/<name>/<api path>: a learner's own kubectl (or k9s, client libraries)
// against one attempt's simulated cluster, through the engine's HTTP adapter. The token in the
// path is the credential; requests that carry no Authorization act as kubeadm's cluster admin,
// like the kubeconfig the Kubecoach terminal uses. A signed-in browser of another user is refused
// even with a valid token, so a leaked link cannot be used from someone else's account.
import type { IncomingMessage, ServerResponse } from "node:http";
import { SYSTEM_ADMIN } from "../../engine/api/types";
import type { Cluster } from "../../engine/cluster/cluster";
import { serveKubernetesApi } from "../../engine/http/handler";
import type { HttpContext } from "../server/routes";
import { AttemptClosedError, AttemptNotFoundError, type SessionManager } from "../session/manager";
import type { ResolvedToken } from "./tokens";

export type K8sGatewayDeps = {
  sessions: SessionManager;
  resolveToken(token: string): Promise<ResolvedToken | undefined>;
  /** Noted at most once a minute per token (the attempt page shows "last used"). */
  markUsed?(tokenId: string): void;
};

function status(res: ServerResponse, code: number, reason: string, message: string): void {
  // The Kubernetes Status shape, so kubectl prints the message as it prints API errors.
  res.writeHead(code, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code }));
}

/** The cluster admin's bearer token, created once per cluster (it is saved with the environment). */
function adminToken(cluster: Cluster, fresh: () => string): string {
  let token = cluster.authenticator.tokenFor(SYSTEM_ADMIN.username);
  if (!token) {
    token = fresh();
    cluster.authenticator.add(token, SYSTEM_ADMIN);
  }
  return token;
}

function isLongRunning(method: string, path: string, query: URLSearchParams): boolean {
  return method === "GET" && (query.get("watch") === "true" || query.get("watch") === "1" || query.get("follow") === "true" || path.includes("/watch/"));
}

export function k8sGatewayHandler(deps: K8sGatewayDeps) {
  return async (req: IncomingMessage, res: ServerResponse, ctx: HttpContext): Promise<void> => {
    const match = /^\/([^/]+)\/clusters\/([^/]+)(\/.*)?$/.exec(ctx.rest);
    if (!match) return status(res, 404, "NotFound", "Kubecoach: paths look like /k8s/<token>/clusters/<cluster>/api; download a kubeconfig from the task page.");
    const [, token, rawCluster, apiPath] = match;
    const access = await deps.resolveToken(token!);
    if (!access) return status(res, 401, "Unauthorized", "Kubecoach: this kubeconfig's access token is unknown, expired or revoked; download a new one from the task page.");
    if (ctx.user && ctx.user.id !== access.userId) return status(res, 403, "Forbidden", "Kubecoach: this cluster belongs to another learner's attempt.");
    let session;
    try {
      session = await deps.sessions.get(access.ref);
    } catch (e) {
      if (e instanceof AttemptClosedError || e instanceof AttemptNotFoundError) return status(res, 410, "Gone", "Kubecoach: this attempt is over; its clusters are no longer reachable.");
      throw e;
    }
    deps.markUsed?.(access.id);
    session.touch();
    session.syncClock();
    const cluster = session.env.clusters.get(decodeURIComponent(rawCluster!));
    if (!cluster) return status(res, 404, "NotFound", `Kubecoach: this attempt has no cluster "${decodeURIComponent(rawCluster!)}" (it has ${session.clusters().join(", ")}).`);
    if (!req.headers.authorization) {
      const token = adminToken(cluster, () => {
        session.markDirty();
        return `kubecoach-admin-${session.env.random.hex(24)}`;
      });
      req.headers.authorization = `Bearer ${token}`;
    }
    const method = req.method ?? "GET";
    const path = apiPath ?? "/";
    if (isLongRunning(method, path, ctx.url.searchParams)) {
      const stop = session.watchStarted();
      res.on("close", stop);
    }
    await serveKubernetesApi(cluster, req, res, path, ctx.url.searchParams);
    if (method !== "GET" && method !== "HEAD") session.markDirty();
  };
}
