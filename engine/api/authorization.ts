import type { UserInfo } from "./types";

/** The request attributes an authorizer decides on (k8s.io/apiserver/pkg/authorization/authorizer.Attributes). */
export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  /** Resource requests. */
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests, e.g. /healthz, /version. */
  path?: string;
  resourceRequest: boolean;
}

export interface AuthorizationDecision {
  allowed: boolean;
  reason?: string;
}

export interface Authorizer {
  authorize(attrs: AuthorizationAttributes): AuthorizationDecision;
}

/** The request's subject in the apiserver's Forbidden message: `User "x"` or `User "system:serviceaccount:ns:sa"`. */
export function forbiddenMessage(attrs: AuthorizationAttributes): string {
  const who = `User "${attrs.user.username}"`;
  if (!attrs.resourceRequest) return `forbidden: ${who} cannot ${attrs.verb} path "${attrs.path}"`;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const qualified = attrs.group ? `${attrs.resource}.${attrs.group}` : attrs.resource;
  const subject = attrs.name ? `${qualified} "${attrs.name}"` : qualified;
  const scope = attrs.namespace ? `in the namespace "${attrs.namespace}"` : "at the cluster scope";
  return `${subject} is forbidden: ${who} cannot ${attrs.verb} resource "${resource}" in API group "${attrs.group ?? ""}" ${scope}`;
}
