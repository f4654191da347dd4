import type { Cluster } from "../../cluster/cluster";
import type { AuthorizationAttributes, Authorizer } from "../authorization";
import { badRequest, invalid } from "../errors";
import type { VirtualResourceHandler } from "../server/apiserver";
import type { ApiResponse, UserInfo } from "../types";
import { rbacAuthorizer } from "./rbac-plugin";

/**
 * The review resources: computed answers, never stored. `kubectl auth whoami` creates a
 * SelfSubjectReview, `kubectl auth can-i` a SelfSubjectAccessReview (or, with --list, a
 * SelfSubjectRulesReview), webhooks and controllers TokenReview and SubjectAccessReview.
 */
interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface NonResourceAttributes {
  path?: string;
  verb?: string;
}

interface AccessReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

type Body = { metadata?: Record<string, unknown>; spec?: Record<string, unknown> } | undefined;

function created(kind: string, apiVersion: string, metadata: Record<string, unknown>, spec: unknown, status: unknown): ApiResponse {
  return { status: 201, body: { kind, apiVersion, metadata: { ...metadata, creationTimestamp: null }, ...(spec !== undefined ? { spec } : {}), status } };
}

function userInfoOf(user: UserInfo): Record<string, unknown> {
  return {
    username: user.username,
    ...(user.uid ? { uid: user.uid } : {}),
    groups: user.groups,
    ...(user.extra ? { extra: user.extra } : {}),
  };
}

function accessAttributes(kind: string, spec: AccessReviewSpec, user: UserInfo): AuthorizationAttributes {
  const r = spec.resourceAttributes;
  const n = spec.nonResourceAttributes;
  if ((r && n) || (!r && !n)) {
    throw invalid(kind, "authorization.k8s.io", "", [
      { type: "FieldValueInvalid", field: "spec.resourceAttributes", value: "", detail: "exactly one of nonResourceAttributes or resourceAttributes must be specified" },
    ]);
  }
  if (n) return { user, verb: n.verb ?? "", path: n.path ?? "", resourceRequest: false };
  return {
    user,
    verb: r!.verb ?? "",
    group: r!.group ?? "",
    resource: r!.resource ?? "",
    subresource: r!.subresource || undefined,
    namespace: r!.namespace || undefined,
    name: r!.name || undefined,
    resourceRequest: true,
  };
}

function decide(authorizer: Authorizer, attrs: AuthorizationAttributes): Record<string, unknown> {
  const decision = authorizer.authorize(attrs);
  return { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
}

export function reviewHandlers(cluster: Cluster): Record<string, VirtualResourceHandler> {
  const authorizer = () => cluster.apiserver.authorizer;
  return {
    "authentication.k8s.io/selfsubjectreviews": (call) =>
      created("SelfSubjectReview", "authentication.k8s.io/v1", {}, undefined, { userInfo: userInfoOf(call.user) }),

    "authentication.k8s.io/tokenreviews": (call) => {
      const body = call.body as Body;
      const spec = (body?.spec ?? {}) as { token?: string; audiences?: string[] };
      if (!spec.token) {
        throw invalid("TokenReview", "authentication.k8s.io", "", [{ type: "FieldValueRequired", field: "spec.token", detail: "" }]);
      }
      const result = cluster.authenticator.authenticateToken(spec.token);
      const status = "user" in result
        ? { authenticated: true, user: userInfoOf(result.user), ...(spec.audiences ? { audiences: spec.audiences } : {}) }
        : { user: {}, error: `[${result.error}]` };
      return created("TokenReview", "authentication.k8s.io/v1", body?.metadata ?? {}, spec, status);
    },

    "authorization.k8s.io/selfsubjectaccessreviews": (call) => {
      const body = call.body as Body;
      const spec = (body?.spec ?? {}) as AccessReviewSpec;
      const attrs = accessAttributes("SelfSubjectAccessReview", spec, call.user);
      return created("SelfSubjectAccessReview", "authorization.k8s.io/v1", body?.metadata ?? {}, spec, decide(authorizer(), attrs));
    },

    "authorization.k8s.io/subjectaccessreviews": (call) => {
      const body = call.body as Body;
      const spec = (body?.spec ?? {}) as AccessReviewSpec;
      if (!spec.user && (spec.groups ?? []).length === 0) {
        throw invalid("SubjectAccessReview", "authorization.k8s.io", "", [
          { type: "FieldValueInvalid", field: "spec.user", value: "", detail: "at least one of user or group must be specified" },
        ]);
      }
      const subject: UserInfo = { username: spec.user ?? "", groups: spec.groups ?? [], ...(spec.uid ? { uid: spec.uid } : {}), ...(spec.extra ? { extra: spec.extra } : {}) };
      const attrs = accessAttributes("SubjectAccessReview", spec, subject);
      return created("SubjectAccessReview", "authorization.k8s.io/v1", body?.metadata ?? {}, spec, decide(authorizer(), attrs));
    },

    "authorization.k8s.io/localsubjectaccessreviews": (call) => {
      const body = call.body as Body;
      const spec = (body?.spec ?? {}) as AccessReviewSpec;
      const namespace = call.namespace ?? "";
      if (spec.resourceAttributes && spec.resourceAttributes.namespace && spec.resourceAttributes.namespace !== namespace) {
        throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`);
      }
      if (spec.nonResourceAttributes) {
        throw invalid("LocalSubjectAccessReview", "authorization.k8s.io", "", [
          { type: "FieldValueInvalid", field: "spec.nonResourceAttributes", value: spec.nonResourceAttributes, detail: "disallowed on this kind of request" },
        ]);
      }
      const scoped: AccessReviewSpec = { ...spec, resourceAttributes: { ...(spec.resourceAttributes ?? {}), namespace } };
      const subject: UserInfo = { username: spec.user ?? "", groups: spec.groups ?? [], ...(spec.uid ? { uid: spec.uid } : {}) };
      const attrs = accessAttributes("LocalSubjectAccessReview", scoped, subject);
      return created("LocalSubjectAccessReview", "authorization.k8s.io/v1", { ...(body?.metadata ?? {}), namespace }, scoped, decide(authorizer(), attrs));
    },

    "authorization.k8s.io/selfsubjectrulesreviews": (call) => {
      const body = call.body as Body;
      const spec = (body?.spec ?? {}) as { namespace?: string };
      const rules = rbacAuthorizer(cluster).rulesFor(call.user, spec.namespace || undefined);
      const resourceRules = rules
        .filter((r) => (r.nonResourceURLs ?? []).length === 0)
        .map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources ?? [], ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}) }));
      const nonResourceRules = rules.filter((r) => (r.nonResourceURLs ?? []).length > 0).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs }));
      return created("SelfSubjectRulesReview", "authorization.k8s.io/v1", body?.metadata ?? {}, spec, { resourceRules, nonResourceRules, incomplete: false });
    },
  };
}
