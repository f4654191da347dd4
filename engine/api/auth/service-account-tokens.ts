import type { ObjectStore } from "../store";
import type { KubeObject, UserInfo } from "../types";
import { signJwt, verifyJwt } from "./jwt";
import { serviceAccountUsername } from "./rbac/rules";

/** kubeadm's `--service-account-issuer`; `--api-audiences` defaults to it. */
export const SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";
export const API_AUDIENCES = [SERVICE_ACCOUNT_ISSUER];
const LEGACY_ISSUER = "kubernetes/serviceaccount";
export const CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";

export interface BoundObject {
  kind: "Pod" | "Secret";
  name: string;
  uid: string;
  /** For pods: the node it runs on, also embedded in the token. */
  node?: { name: string; uid: string };
}

export interface BoundTokenRequest {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  audiences: string[];
  expirationSeconds: number;
  boundObject?: BoundObject;
  /** The token's unique id (jti), from the cluster's seeded random source. */
  jti: string;
  /** Issue time, ms since the epoch (cluster clock). */
  now: number;
}

/** A TokenRequest token (what `kubectl create token` and projected volumes get). */
export function issueBoundToken(keyPem: string, req: BoundTokenRequest): string {
  const iat = Math.floor(req.now / 1000);
  const k8s: Record<string, unknown> = {
    namespace: req.namespace,
    serviceaccount: { name: req.serviceAccount.name, uid: req.serviceAccount.uid },
  };
  if (req.boundObject?.kind === "Pod") k8s.pod = { name: req.boundObject.name, uid: req.boundObject.uid };
  if (req.boundObject?.kind === "Secret") k8s.secret = { name: req.boundObject.name, uid: req.boundObject.uid };
  if (req.boundObject?.node) k8s.node = req.boundObject.node;
  return signJwt(keyPem, {
    aud: req.audiences,
    exp: iat + req.expirationSeconds,
    iat,
    iss: SERVICE_ACCOUNT_ISSUER,
    jti: req.jti,
    "kubernetes.io": k8s,
    nbf: iat,
    sub: serviceAccountUsername(req.namespace, req.serviceAccount.name),
  });
}

/** A non-expiring token for a `kubernetes.io/service-account-token` Secret. */
export function issueLegacyToken(keyPem: string, sa: { namespace: string; name: string; uid: string }, secretName: string): string {
  return signJwt(keyPem, {
    iss: LEGACY_ISSUER,
    "kubernetes.io/serviceaccount/namespace": sa.namespace,
    "kubernetes.io/serviceaccount/secret.name": secretName,
    "kubernetes.io/serviceaccount/service-account.name": sa.name,
    "kubernetes.io/serviceaccount/service-account.uid": sa.uid,
    sub: serviceAccountUsername(sa.namespace, sa.name),
  });
}

export function serviceAccountGroups(namespace: string): string[] {
  return ["system:serviceaccounts", `system:serviceaccounts:${namespace}`, "system:authenticated"];
}

export type TokenCheck = { user: UserInfo } | { error: string } | undefined;

interface BoundClaims {
  aud?: string[] | string;
  exp?: number;
  nbf?: number;
  iss?: string;
  jti?: string;
  "kubernetes.io"?: {
    namespace: string;
    serviceaccount: { name: string; uid: string };
    pod?: { name: string; uid: string };
    secret?: { name: string; uid: string };
    node?: { name: string; uid: string };
  };
}

/**
 * Validates a service-account token against the signing key and the current state, like the
 * apiserver's JWT authenticator: signature, issuer, expiry and audience, then that the service
 * account (and the pod or secret the token is bound to) still exist with the same UID.
 * Returns undefined for tokens that are not ours, or an error text for ours that fail.
 */
export function checkServiceAccountToken(token: string, publicKeyPem: string, store: ObjectStore, nowMs: number): TokenCheck {
  const claims = verifyJwt(publicKeyPem, token);
  if (!claims) return undefined;
  if (claims.iss === LEGACY_ISSUER) return checkLegacy(claims, token, store);
  if (claims.iss !== SERVICE_ACCOUNT_ISSUER) return undefined;
  const c = claims as BoundClaims;
  const now = Math.floor(nowMs / 1000);
  if (typeof c.exp === "number" && now > c.exp) return { error: "service account token has expired" };
  if (typeof c.nbf === "number" && now < c.nbf - 60) return { error: "service account token is not yet valid" };
  const audiences = typeof c.aud === "string" ? [c.aud] : (c.aud ?? []);
  if (!audiences.some((a) => API_AUDIENCES.includes(a))) return { error: "token audiences " + JSON.stringify(audiences) + " is invalid for the target audiences " + JSON.stringify(API_AUDIENCES) };
  const k8s = c["kubernetes.io"];
  if (!k8s) return { error: "service account token claims could not be validated" };
  const sa = store.get("/serviceaccounts", k8s.namespace, k8s.serviceaccount.name);
  if (!sa || sa.metadata.uid !== k8s.serviceaccount.uid) {
    return { error: `service account ${k8s.namespace}/${k8s.serviceaccount.name} has been deleted` };
  }
  const extra: Record<string, string[]> = {};
  if (c.jti) extra[CREDENTIAL_ID] = [`JTI=${c.jti}`];
  if (k8s.pod) {
    const pod = store.get("/pods", k8s.namespace, k8s.pod.name);
    if (!pod || pod.metadata.uid !== k8s.pod.uid || pod.metadata.deletionTimestamp) {
      return { error: `pod ${k8s.namespace}/${k8s.pod.name} has been deleted` };
    }
    extra["authentication.kubernetes.io/pod-name"] = [k8s.pod.name];
    extra["authentication.kubernetes.io/pod-uid"] = [k8s.pod.uid];
  }
  if (k8s.secret) {
    const secret = store.get("/secrets", k8s.namespace, k8s.secret.name);
    if (!secret || secret.metadata.uid !== k8s.secret.uid) return { error: `secret ${k8s.namespace}/${k8s.secret.name} has been deleted` };
  }
  if (k8s.node) {
    extra["authentication.kubernetes.io/node-name"] = [k8s.node.name];
    extra["authentication.kubernetes.io/node-uid"] = [k8s.node.uid];
  }
  return {
    user: {
      username: serviceAccountUsername(k8s.namespace, k8s.serviceaccount.name),
      uid: k8s.serviceaccount.uid,
      groups: serviceAccountGroups(k8s.namespace),
      ...(Object.keys(extra).length > 0 ? { extra } : {}),
    },
  };
}

function checkLegacy(claims: Record<string, unknown>, token: string, store: ObjectStore): TokenCheck {
  const namespace = String(claims["kubernetes.io/serviceaccount/namespace"] ?? "");
  const secretName = String(claims["kubernetes.io/serviceaccount/secret.name"] ?? "");
  const saName = String(claims["kubernetes.io/serviceaccount/service-account.name"] ?? "");
  const saUid = String(claims["kubernetes.io/serviceaccount/service-account.uid"] ?? "");
  const secret = store.get("/secrets", namespace, secretName) as (KubeObject & { data?: Record<string, string> }) | undefined;
  if (!secret || secret.metadata.deletionTimestamp) return { error: `secret ${namespace}/${secretName} has been deleted` };
  if (Buffer.from(secret.data?.token ?? "", "base64").toString("utf8") !== token) return { error: "token does not match server's copy" };
  const sa = store.get("/serviceaccounts", namespace, saName);
  if (!sa || sa.metadata.uid !== saUid) return { error: `service account ${namespace}/${saName} has been deleted` };
  return { user: { username: serviceAccountUsername(namespace, saName), uid: saUid, groups: serviceAccountGroups(namespace) } };
}
