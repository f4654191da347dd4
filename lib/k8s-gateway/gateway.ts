// /k8s/<token>/clusters/<name>/<api path>: a learner's own kubectl (or k9s, client libraries)
// against one attempt's simulated cluster, through the engine's HTTP adapter. The token in the
// path is the credential; requests that carry no Authorization act as kubeadm's cluster admin,
// like the kubeconfig the Kubecoach terminal uses. A signed-in browser of another user is refused
// even with a valid token, so a leaked link cannot be used from someone else's account.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { HttpContext } from "../server/routes";
import { writeStatus as status } from "../session/kubernetes-api";
import { AttemptClosedError, AttemptNotFoundError } from "../session/manager";
import type { SessionService } from "../session/service";
import type { ResolvedToken } from "./tokens";

export type K8sGatewayDeps = {
  sessions: Pick<SessionService, "get">;
  resolveToken(token: string): Promise<ResolvedToken | undefined>;
  /** Noted at most once a minute per token (the attempt page shows "last used"). */
  markUsed?(tokenId: string): void;
};

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
    // The cluster lookup, admin token and clock live with the session (lib/session/kubernetes-api.ts), which may run on a worker thread.
    await session.kubernetesApi(decodeURIComponent(rawCluster!), req, res, apiPath ?? "/", ctx.url.searchParams);
  };
}
