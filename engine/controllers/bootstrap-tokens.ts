import { createHmac } from "node:crypto";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import type { ClusterPlugin } from "../cluster/cluster";
import type { ControllerFactory } from "./controller";

/**
 * kube-controller-manager's bootstrapsigner and tokencleaner (kubeadm enables both): the signer
 * keeps one `jws-kubeconfig-<token-id>` entry in kube-public/cluster-info per valid signing token
 * (a detached HS256 JWS of the kubeconfig, keyed by the token secret), which `kubeadm join` checks
 * to trust the API server; the cleaner deletes bootstrap-token Secrets once they expire.
 */
const TOKEN_TYPE = "bootstrap.kubernetes.io/token";
const JWS_PREFIX = "jws-kubeconfig-";
const SIGNER_KEY = "signer";

function tokenData(secret: KubeObject): Record<string, string> {
  return Object.fromEntries(Object.entries((secret.data ?? {}) as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));
}

/** The detached JWS (`header..signature`) of `content` for a token, as k8s.io/cluster-bootstrap computes it. */
export function detachedSignature(content: string, tokenId: string, tokenSecret: string): string {
  const header = Buffer.from(JSON.stringify({ alg: "HS256", kid: tokenId })).toString("base64url");
  const payload = Buffer.from(content).toString("base64url");
  const signature = createHmac("sha256", tokenSecret).update(`${header}.${payload}`).digest("base64url");
  return `${header}..${signature}`;
}

export const bootstrapTokenController: ControllerFactory = ({ client, clock, requeueAfter }) => {
  const expiresAt = (data: Record<string, string>) => (data.expiration ? Date.parse(data.expiration) : undefined);
  const tokens = () => client.server.store.list("/secrets", "kube-system").filter((s) => s.type === TOKEN_TYPE);

  const sign = () => {
    const cm = client.get("", "configmaps", "kube-public", "cluster-info");
    const kubeconfig = (cm?.data as Record<string, string> | undefined)?.kubeconfig;
    if (!cm || !kubeconfig) return;
    const wanted: Record<string, string> = {};
    for (const secret of tokens()) {
      const data = tokenData(secret);
      const expires = expiresAt(data);
      if (data["usage-bootstrap-signing"] !== "true" || !data["token-id"] || !data["token-secret"]) continue;
      if (expires !== undefined && expires <= clock.now()) continue;
      wanted[`${JWS_PREFIX}${data["token-id"]}`] = detachedSignature(kubeconfig, data["token-id"], data["token-secret"]);
    }
    const current = cm.data as Record<string, string>;
    const next: Record<string, string> = { ...Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith(JWS_PREFIX))), ...wanted };
    if (JSON.stringify(Object.entries(next).sort()) === JSON.stringify(Object.entries(current).sort())) return;
    try {
      client.update({ ...cm, data: next });
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 409) throw e;
      requeueAfter(SIGNER_KEY, 1000);
    }
  };

  const clean = (name: string) => {
    const secret = client.get("", "secrets", "kube-system", name);
    if (!secret || secret.type !== TOKEN_TYPE) return;
    const expires = expiresAt(tokenData(secret));
    if (expires === undefined) return;
    if (expires > clock.now()) {
      requeueAfter(`token:${name}`, expires - clock.now());
      return;
    }
    client.delete("", "secrets", "kube-system", name);
  };

  return {
    name: "bootstrap-token-controller",
    watches: ["/secrets", "/configmaps"],
    keysFor(event) {
      const obj = event.object;
      if (event.typeKey === "/configmaps") return obj.metadata.namespace === "kube-public" && obj.metadata.name === "cluster-info" ? [SIGNER_KEY] : [];
      if (obj.metadata.namespace !== "kube-system" || obj.type !== TOKEN_TYPE) return [];
      return [SIGNER_KEY, `token:${obj.metadata.name}`];
    },
    resync: () => [SIGNER_KEY, ...tokens().map((s) => `token:${s.metadata.name}`)],
    reconcile(key) {
      if (key === SIGNER_KEY) return sign();
      if (key.startsWith("token:")) {
        clean(key.slice(6));
        // An expired token's signature goes with it.
        sign();
      }
    },
  };
};

export const bootstrapTokensPlugin: ClusterPlugin = {
  name: "bootstrap-tokens",
  install(cluster) {
    cluster.addController("bootstrap-token-controller", bootstrapTokenController);
  },
};
