import type { ObjectStore } from "../store";
import type { KubeObject, UserInfo } from "../types";

/**
 * The kube-apiserver's bootstrap-token authenticator (`--enable-bootstrap-token-auth`, which kubeadm
 * sets): a bearer token `<id>.<secret>` names the Secret `kube-system/bootstrap-token-<id>`.
 * The rules follow kubernetes' plugin/pkg/auth/authenticator/token/bootstrap and
 * k8s.io/cluster-bootstrap: a token that does not fit any rule is simply not authenticated (the
 * request gets 401), never an error that names the reason — the real server only logs it.
 */
export const BOOTSTRAP_TOKEN_SECRET_TYPE = "bootstrap.kubernetes.io/token";
const TOKEN_PATTERN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const GROUP_PATTERN = /^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/;
const DEFAULT_GROUP = "system:bootstrappers";
// Go's time.RFC3339 layout as time.Parse accepts it: optional fraction, Z or a numeric offset.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether a string has the shape of a bootstrap token (the authenticator ignores anything else). */
export function isBootstrapTokenShaped(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

function secretData(secret: KubeObject, key: string): string {
  const value = (secret.data as Record<string, string> | undefined)?.[key];
  return value === undefined ? "" : Buffer.from(value, "base64").toString("utf8");
}

/** The expiration in ms, undefined when the Secret has none, NaN when it cannot be parsed (treated as expired). */
export function bootstrapTokenExpiration(secret: KubeObject): number | undefined {
  const text = secretData(secret, "expiration");
  if (text === "") return undefined;
  const m = RFC3339.exec(text);
  if (!m) return NaN;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return NaN;
  return Date.parse(text);
}

/** The user's groups: system:bootstrappers plus auth-extra-groups, deduplicated and sorted; undefined if a group is invalid. */
function bootstrapGroups(secret: KubeObject): string[] | undefined {
  const groups = new Set([DEFAULT_GROUP]);
  const extra = secretData(secret, "auth-extra-groups");
  if (extra !== "") {
    for (const group of extra.split(",")) {
      if (!GROUP_PATTERN.test(group)) return undefined;
      groups.add(group);
    }
  }
  return [...groups].sort();
}

/**
 * The user a bootstrap token authenticates as now, or undefined when the token is not one or the
 * Secret does not allow it (missing, being deleted, wrong type, wrong secret or id, expired or
 * with an unparseable expiration, not marked usage-bootstrap-authentication=true, invalid groups).
 * Reads the store directly: it only looks, and the HTTP and in-process paths share it.
 */
export function checkBootstrapToken(token: string, store: ObjectStore, nowMs: number): UserInfo | undefined {
  const m = TOKEN_PATTERN.exec(token);
  if (!m) return undefined;
  const [, id, tokenSecret] = m;
  const secret = store.get("/secrets", "kube-system", `bootstrap-token-${id}`);
  if (!secret || secret.metadata.deletionTimestamp) return undefined;
  if (secret.type !== BOOTSTRAP_TOKEN_SECRET_TYPE || !secret.data) return undefined;
  if (secretData(secret, "token-secret") !== tokenSecret || secretData(secret, "token-id") !== id) return undefined;
  const expires = bootstrapTokenExpiration(secret);
  if (expires !== undefined && !(expires > nowMs)) return undefined;
  if (secretData(secret, "usage-bootstrap-authentication") !== "true") return undefined;
  const groups = bootstrapGroups(secret);
  if (!groups) return undefined;
  // The apiserver's authenticated-group adder appends system:authenticated to every authenticated user.
  return { username: `system:bootstrap:${id}`, groups: [...groups, "system:authenticated"] };
}
