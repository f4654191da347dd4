// The /k8s gateway's request once its token is checked: one of the attempt's clusters serves it
// through the engine's HTTP adapter, with the cluster clock brought up to wall time first. Runs
// where the session lives (the server thread, or the session's worker thread).
import type { IncomingMessage, ServerResponse } from "node:http";
import { SYSTEM_ADMIN } from "../../engine/api/types";
import type { Cluster } from "../../engine/cluster/cluster";
import { serveKubernetesApi } from "../../engine/http/handler";
import type { LiveSession } from "./live-session";

/** A Kubernetes Status answer, so kubectl prints the message as it prints API errors. */
export function writeStatus(res: ServerResponse, code: number, reason: string, message: string): void {
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

/**
 * Requests that carry no Authorization act as kubeadm's cluster admin, like the kubeconfig the
 * Kubecoach terminal uses.
 */
export async function serveSessionKubernetesApi(session: LiveSession, clusterName: string, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
  session.touch();
  session.syncClock();
  const cluster = session.env.clusters.get(clusterName);
  if (!cluster) return writeStatus(res, 404, "NotFound", `Kubecoach: this attempt has no cluster "${clusterName}" (it has ${session.clusters().join(", ")}).`);
  if (!req.headers.authorization) {
    const token = adminToken(cluster, () => {
      session.markDirty();
      return `kubecoach-admin-${session.env.random.hex(24)}`;
    });
    req.headers.authorization = `Bearer ${token}`;
  }
  const method = req.method ?? "GET";
  if (isLongRunning(method, path, query)) {
    const stop = session.watchStarted();
    res.on("close", stop);
  }
  await serveKubernetesApi(cluster, req, res, path, query);
  if (method !== "GET" && method !== "HEAD") session.markDirty();
}
