import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { SYSTEM_ADMIN, type KubeObject, type UserInfo } from "../../types";
import { clientCertificate, seedTestKeys } from "./fixtures";
import { errorOf } from "../../test/support";

async function setup() {
  const env = Environment.create();
  const cluster = env.cluster();
  const ca = seedTestKeys(cluster);
  cluster.controllers.resyncAll();
  cluster.settle();
  return { env, cluster, ca, admin: cluster.clientFor(SYSTEM_ADMIN) };
}

const serviceAccount = (name: string, namespace = "default"): KubeObject => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } });

describe("client certificates", () => {
  it("maps CN to the user and O to groups for a certificate signed by the cluster CA", async () => {
    const { cluster, ca } = await setup();
    const cert = clientCertificate(ca, "jane", ["developers", "qa"], new Date(cluster.clock.now() - 1000));
    expect(cluster.authenticator.authenticateCertificate(cert.certificatePem)).toEqual({
      user: { username: "jane", groups: ["developers", "qa", "system:authenticated"] },
    });
  });

  it("refuses a certificate from another CA, and one that has expired on the cluster clock", async () => {
    const { cluster, ca } = await setup();
    const other = seedTestKeys(Environment.create().cluster(), { keyIndex: 43 });
    const foreign = clientCertificate(other, "mallory", [], new Date(cluster.clock.now() - 1000));
    expect(cluster.authenticator.authenticateCertificate(foreign.certificatePem)).toEqual({ error: "x509: certificate signed by unknown authority" });
    // Valid for one day, issued two days ago on the cluster clock (advancing the clock two days would
    // fire every node heartbeat in between).
    const expired = clientCertificate(ca, "jane", [], new Date(cluster.clock.now() - 2 * 86_400_000), 1);
    const now = new Date(cluster.clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
    const result = cluster.authenticator.authenticateCertificate(expired.certificatePem);
    expect("error" in result && result.error).toMatch(new RegExp(`^x509: certificate has expired or is not yet valid: current time ${now} is after `));
  });
});

describe("service account tokens", () => {
  it("issues a TokenRequest token that authenticates as the service account until it expires", async () => {
    const { env, cluster, admin } = await setup();
    const sa = admin.create(serviceAccount("robot"));
    const response = admin.subresource("POST", "", "serviceaccounts", "default", "robot", "token", {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { expirationSeconds: 600 },
    }) as { status: { token: string; expirationTimestamp: string }; spec: { audiences: string[] } };
    expect(response.spec.audiences).toEqual(["https://kubernetes.default.svc.cluster.local"]);
    const expected = new Date(Math.floor(cluster.clock.now() / 1000) * 1000 + 600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(response.status.expirationTimestamp).toBe(expected);
    const result = cluster.authenticator.authenticateToken(response.status.token);
    expect("user" in result && result.user).toMatchObject({
      username: "system:serviceaccount:default:robot",
      uid: sa.metadata.uid,
      groups: ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"],
    });
    expect("user" in result && result.user.extra?.["authentication.kubernetes.io/credential-id"]?.[0]).toMatch(/^JTI=[0-9a-f-]{36}$/);
    env.advanceBy(601_000);
    expect(cluster.authenticator.authenticateToken(response.status.token)).toEqual({ error: "service account token has expired" });
  });

  it("stops honouring a token once its service account is deleted", async () => {
    const { cluster, admin } = await setup();
    admin.create(serviceAccount("robot"));
    const token = (admin.subresource("POST", "", "serviceaccounts", "default", "robot", "token", { spec: {} }) as { status: { token: string } }).status.token;
    admin.delete("", "serviceaccounts", "default", "robot");
    expect(cluster.authenticator.authenticateToken(token)).toEqual({ error: "service account default/robot has been deleted" });
  });

  it("refuses durations under ten minutes with the real validation message", async () => {
    const { admin } = await setup();
    admin.create(serviceAccount("robot"));
    const e = errorOf(() => admin.subresource("POST", "", "serviceaccounts", "default", "robot", "token", { spec: { expirationSeconds: 60 } }));
    expect(e.message).toBe('TokenRequest.authentication.k8s.io "robot" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
    expect(errorOf(() => admin.subresource("POST", "", "serviceaccounts", "default", "ghost", "token", { spec: {} })).message).toBe('serviceaccounts "ghost" not found');
  });

  it("fills a legacy token Secret, whose token then authenticates", async () => {
    const { cluster, admin } = await setup();
    admin.create(serviceAccount("robot"));
    admin.create({
      apiVersion: "v1",
      kind: "Secret",
      type: "kubernetes.io/service-account-token",
      metadata: { name: "robot-token", namespace: "default", annotations: { "kubernetes.io/service-account.name": "robot" } },
    });
    const secret = admin.get("", "secrets", "default", "robot-token") as KubeObject & { data: Record<string, string> };
    expect(Object.keys(secret.data).sort()).toEqual(["ca.crt", "namespace", "token"]);
    expect(Buffer.from(secret.data.namespace, "base64").toString()).toBe("default");
    const token = Buffer.from(secret.data.token, "base64").toString();
    const result = cluster.authenticator.authenticateToken(token);
    expect("user" in result && result.user.username).toBe("system:serviceaccount:default:robot");
    admin.delete("", "serviceaccounts", "default", "robot");
    expect(admin.get("", "secrets", "default", "robot-token")).toBeUndefined();
  });

  it("publishes kube-root-ca.crt in every namespace", async () => {
    const { admin, cluster } = await setup();
    admin.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } });
    const cm = admin.get("", "configmaps", "team-a", "kube-root-ca.crt")!;
    expect(cm.data).toEqual({ "ca.crt": (cluster.extra["auth/keys"] as { caCertPem: string }).caCertPem });
  });
});

describe("impersonation", () => {
  const as = (headers: Record<string, string>, user: UserInfo, cluster: Awaited<ReturnType<typeof setup>>["cluster"]) =>
    cluster.apiserver.handle({ method: "GET", path: "/api/v1/namespaces/default/pods", headers, user });

  it("lets the admin act as another user, who is then refused with their own name", async () => {
    const { cluster } = await setup();
    const response = as({ "impersonate-user": "jane" }, SYSTEM_ADMIN, cluster);
    expect(response.status).toBe(403);
    expect((response.body as { message: string }).message).toBe('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    const asGroup = as({ "impersonate-user": "jane", "impersonate-group": "system:masters" }, SYSTEM_ADMIN, cluster);
    expect(asGroup.status).toBe(200);
  });

  it("refuses impersonation without the impersonate verb, naming the resource", async () => {
    const { cluster } = await setup();
    const jane: UserInfo = { username: "jane", groups: ["system:authenticated"] };
    const user = as({ "impersonate-user": "kubernetes-admin" }, jane, cluster);
    expect(user.status).toBe(403);
    expect((user.body as { message: string }).message).toBe('users "kubernetes-admin" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope');
    const sa = as({ "impersonate-user": "system:serviceaccount:kube-system:default" }, jane, cluster);
    expect((sa.body as { message: string }).message).toBe(
      'serviceaccounts "default" is forbidden: User "jane" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"',
    );
  });
});

describe("review resources", () => {
  const post = (cluster: Awaited<ReturnType<typeof setup>>["cluster"], user: UserInfo, path: string, body: unknown) =>
    cluster.apiserver.handle({ method: "POST", path, headers: { "content-type": "application/json" }, body, user });

  it("answers whoami, can-i and can-i --list for the caller", async () => {
    const { cluster } = await setup();
    const jane: UserInfo = { username: "jane", groups: ["dev", "system:authenticated"] };
    const whoami = post(cluster, jane, "/apis/authentication.k8s.io/v1/selfsubjectreviews", { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" });
    expect(whoami.status).toBe(201);
    expect((whoami.body as { status: unknown }).status).toEqual({ userInfo: { username: "jane", groups: ["dev", "system:authenticated"] } });

    const canI = (user: UserInfo, verb: string, resource: string) =>
      (post(cluster, user, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", { spec: { resourceAttributes: { namespace: "default", verb, resource } } }).body as {
        status: { allowed: boolean; reason?: string };
      }).status;
    expect(canI(jane, "list", "pods")).toEqual({ allowed: false });
    expect(canI(SYSTEM_ADMIN, "delete", "nodes")).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"',
    });

    const rules = post(cluster, jane, "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews", { spec: { namespace: "default" } }).body as {
      status: { resourceRules: { resources: string[] }[]; nonResourceRules: { nonResourceURLs: string[] }[]; incomplete: boolean };
    };
    expect(rules.status.incomplete).toBe(false);
    expect(rules.status.resourceRules.flatMap((r) => r.resources)).toContain("selfsubjectaccessreviews");
    expect(rules.status.nonResourceRules.flatMap((r) => r.nonResourceURLs)).toContain("/version");
  });

  it("answers SubjectAccessReview about another user, and reviews a token", async () => {
    const { cluster, admin } = await setup();
    const sar = post(cluster, SYSTEM_ADMIN, "/apis/authorization.k8s.io/v1/subjectaccessreviews", {
      spec: { user: "system:kube-scheduler", resourceAttributes: { verb: "create", resource: "pods", subresource: "binding", namespace: "default" } },
    });
    expect((sar.body as { status: { allowed: boolean } }).status.allowed).toBe(true);
    admin.create(serviceAccount("robot"));
    const token = (admin.subresource("POST", "", "serviceaccounts", "default", "robot", "token", { spec: {} }) as { status: { token: string } }).status.token;
    const review = post(cluster, SYSTEM_ADMIN, "/apis/authentication.k8s.io/v1/tokenreviews", { spec: { token } }).body as { status: { authenticated: boolean; user: { username: string } } };
    expect(review.status.authenticated).toBe(true);
    expect(review.status.user.username).toBe("system:serviceaccount:default:robot");
    const bad = post(cluster, SYSTEM_ADMIN, "/apis/authentication.k8s.io/v1/tokenreviews", { spec: { token: "nope" } }).body as { status: unknown };
    expect(bad.status).toEqual({ user: {}, error: "[invalid bearer token]" });
  });
});
