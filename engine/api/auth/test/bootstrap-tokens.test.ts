import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { bootstrapTokenUser } from "../../../kubelet/tls-bootstrap";
import { SYSTEM_ADMIN, type KubeObject } from "../../types";
import { seedTestKeys } from "./fixtures";

function setup() {
  const env = Environment.create();
  const cluster = env.cluster();
  seedTestKeys(cluster);
  return { env, cluster, admin: cluster.clientFor(SYSTEM_ADMIN) };
}

const NODE_TOKEN_GROUP = "system:bootstrappers:kubeadm:default-node-token";

/** A Secret as `kubeadm token create` writes it; `data` overrides or (with undefined) removes keys. */
function tokenSecret(id: string, secret: string, data: Record<string, string | undefined> = {}, type = "bootstrap.kubernetes.io/token"): KubeObject {
  const plain: Record<string, string | undefined> = {
    "token-id": id,
    "token-secret": secret,
    "usage-bootstrap-authentication": "true",
    "usage-bootstrap-signing": "true",
    "auth-extra-groups": NODE_TOKEN_GROUP,
    ...data,
  };
  const encoded = Object.fromEntries(Object.entries(plain).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Buffer.from(v as string).toString("base64")]));
  return { apiVersion: "v1", kind: "Secret", metadata: { name: `bootstrap-token-${id}`, namespace: "kube-system" }, type, data: encoded };
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

describe("bootstrap tokens", () => {
  it("authenticate as system:bootstrap:<id> in system:bootstrappers and the Secret's extra groups, through HTTP credentials too", () => {
    const { cluster, admin } = setup();
    admin.create(tokenSecret("07401b", "f395accd246ae52d"));
    const user = { username: "system:bootstrap:07401b", groups: ["system:bootstrappers", NODE_TOKEN_GROUP, "system:authenticated"] };
    expect(cluster.authenticator.authenticateToken("07401b.f395accd246ae52d")).toEqual({ user });
    expect(cluster.authenticator.authenticateRequest({ authorization: "Bearer 07401b.f395accd246ae52d" })).toEqual({ user });
    // The kubelet's TLS bootstrap asks the same authenticator.
    expect(bootstrapTokenUser(cluster, "07401b.f395accd246ae52d")).toEqual(user);
  });

  it("deduplicates and sorts the groups, and gives only system:bootstrappers without extra groups", () => {
    const { cluster, admin } = setup();
    admin.create(tokenSecret("aaaaaa", "0123456789abcdef", { "auth-extra-groups": "system:bootstrappers:zeta,system:bootstrappers:alpha,system:bootstrappers:zeta" }));
    admin.create(tokenSecret("bbbbbb", "0123456789abcdef", { "auth-extra-groups": undefined }));
    expect(cluster.authenticator.authenticate("Bearer aaaaaa.0123456789abcdef")?.groups).toEqual(["system:bootstrappers", "system:bootstrappers:alpha", "system:bootstrappers:zeta", "system:authenticated"]);
    expect(cluster.authenticator.authenticate("Bearer bbbbbb.0123456789abcdef")?.groups).toEqual(["system:bootstrappers", "system:authenticated"]);
  });

  it("refuses a wrong secret, a token-id that does not match, a missing usage, an invalid extra group and a Secret of another type", () => {
    const { cluster, admin } = setup();
    admin.create(tokenSecret("cccccc", "0123456789abcdef"));
    admin.create(tokenSecret("dddddd", "0123456789abcdef", { "token-id": "zzzzzz" }));
    admin.create(tokenSecret("eeeeee", "0123456789abcdef", { "usage-bootstrap-authentication": "yes" }));
    admin.create(tokenSecret("ffffff", "0123456789abcdef", { "auth-extra-groups": "system:bootstrappers:ok,developers" }));
    admin.create(tokenSecret("gggggg", "0123456789abcdef", {}, "Opaque"));
    for (const token of ["cccccc.0000000000000000", "dddddd.0123456789abcdef", "eeeeee.0123456789abcdef", "ffffff.0123456789abcdef", "gggggg.0123456789abcdef", "hhhhhh.0123456789abcdef"]) {
      expect(cluster.authenticator.authenticateRequest({ authorization: `Bearer ${token}` }), token).toEqual({ error: "invalid bearer token" });
      expect(bootstrapTokenUser(cluster, token), token).toBeUndefined();
    }
  });

  it("stops authenticating at the expiration on the cluster clock, and refuses an unparseable expiration", () => {
    const { env, cluster, admin } = setup();
    admin.create(tokenSecret("iiiiii", "0123456789abcdef", { expiration: iso(cluster.clock.now() + 60_000) }));
    admin.create(tokenSecret("jjjjjj", "0123456789abcdef", { expiration: "tomorrow" }));
    expect(cluster.authenticator.authenticate("Bearer iiiiii.0123456789abcdef")?.username).toBe("system:bootstrap:iiiiii");
    expect(cluster.authenticator.authenticate("Bearer jjjjjj.0123456789abcdef")).toBeUndefined();
    env.advanceBy(61_000);
    expect(cluster.authenticator.authenticate("Bearer iiiiii.0123456789abcdef")).toBeUndefined();
  });

  it("refuses a Secret that is being deleted", () => {
    const { cluster, admin } = setup();
    const secret = tokenSecret("kkkkkk", "0123456789abcdef");
    admin.create({ ...secret, metadata: { ...secret.metadata, finalizers: ["example.com/hold"] } });
    expect(cluster.authenticator.authenticate("Bearer kkkkkk.0123456789abcdef")?.username).toBe("system:bootstrap:kkkkkk");
    admin.delete("", "secrets", "kube-system", "bootstrap-token-kkkkkk");
    expect(cluster.authenticator.authenticate("Bearer kkkkkk.0123456789abcdef")).toBeUndefined();
  });
});
