// Registers the Kubernetes API gateway on the custom server (loaded from lib/server/route-modules.ts).
import { db } from "../db";
import { registerHttpPrefix } from "../server/routes";
import { sessionManager } from "../session/install";
import { k8sGatewayHandler } from "./gateway";
import { resolveToken, type ResolvedToken } from "./tokens";

// kubectl sends a burst of discovery requests per command; a token is looked up once per few
// seconds. Revocation therefore takes effect within CACHE_MS.
const CACHE_MS = 5_000;
const cache = new Map<string, { at: number; value: ResolvedToken | undefined }>();
const lastMarked = new Map<string, number>();

async function cachedResolve(token: string): Promise<ResolvedToken | undefined> {
  const now = Date.now();
  const hit = cache.get(token);
  if (hit && now - hit.at < CACHE_MS) return hit.value;
  const value = await resolveToken(db, token);
  if (cache.size > 10_000) cache.clear();
  cache.set(token, { at: now, value });
  return value;
}

function markUsed(tokenId: string): void {
  const now = Date.now();
  if (now - (lastMarked.get(tokenId) ?? 0) < 60_000) return;
  lastMarked.set(tokenId, now);
  void db.clusterAccessToken.update({ where: { id: tokenId }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
}

registerHttpPrefix("/k8s", k8sGatewayHandler({ sessions: sessionManager(), resolveToken: cachedResolve, markUsed }));
