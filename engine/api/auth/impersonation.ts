import { forbiddenMessage, type AuthorizationAttributes, type Authorizer } from "../authorization";
import { forbidden, internalError } from "../errors";
import type { UserInfo } from "../types";
import { ANONYMOUS } from "./authenticator";
import { serviceAccountGroups } from "./service-account-tokens";

const USER = "impersonate-user";
const GROUP = "impersonate-group";
const UID = "impersonate-uid";
const EXTRA_PREFIX = "impersonate-extra-";
const SA_PREFIX = "system:serviceaccount:";

/** Whether a request asks to act as someone else (`kubectl --as`, `--as-group`, `--as-uid`). */
export function wantsImpersonation(headers: Record<string, string>): boolean {
  return Object.keys(headers).some((h) => h === USER || h === GROUP || h === UID || h.startsWith(EXTRA_PREFIX));
}

/** Header values; repeated headers arrive joined with ", " from HTTP, or as a list in process. */
function values(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(/,\s*/).filter((v) => v !== "");
}

/**
 * The apiserver's impersonation filter: each requested identity needs the `impersonate` verb on
 * users, serviceaccounts (in their namespace), groups, uids or userextras/<key>; the first refusal
 * is the request's Forbidden, with the real message. Returns the identity the request then runs as.
 */
export function impersonate(authorizer: Authorizer, requestor: UserInfo, headers: Record<string, string>): UserInfo {
  const username = headers[USER];
  const groups = values(headers[GROUP]);
  const uid = headers[UID];
  const extra: Record<string, string[]> = {};
  for (const [h, v] of Object.entries(headers)) {
    if (h.startsWith(EXTRA_PREFIX)) extra[decodeURIComponent(h.slice(EXTRA_PREFIX.length))] = values(v);
  }
  if (username === undefined || username === "") {
    const requested = [...groups.map((g) => `{Group  ${g}  authentication.k8s.io/v1  }`)];
    throw internalError(`requested [${requested.join(" ")}] without impersonating a user`);
  }

  const check = (attrs: Omit<AuthorizationAttributes, "user" | "verb" | "resourceRequest">) => {
    const full: AuthorizationAttributes = { user: requestor, verb: "impersonate", resourceRequest: true, ...attrs };
    const decision = authorizer.authorize(full);
    if (!decision.allowed) {
      const reason = decision.reason ? `: ${decision.reason}` : "";
      throw forbidden(forbiddenMessage(full) + reason, { group: attrs.group ?? "", resource: attrs.resource ?? "" }, attrs.name);
    }
  };

  let impersonatedGroups: string[] = [];
  if (username.startsWith(SA_PREFIX)) {
    const [namespace, name] = username.slice(SA_PREFIX.length).split(":");
    check({ group: "", resource: "serviceaccounts", namespace, name });
    // A service account's own groups come with it (system:authenticated is added below).
    impersonatedGroups = serviceAccountGroups(namespace).filter((g) => g !== "system:authenticated");
  } else {
    check({ group: "", resource: "users", name: username });
  }
  for (const group of groups) {
    check({ group: "", resource: "groups", name: group });
    if (!impersonatedGroups.includes(group)) impersonatedGroups.push(group);
  }
  for (const [key, vals] of Object.entries(extra)) {
    for (const value of vals) check({ group: "authentication.k8s.io", resource: "userextras", subresource: key, name: value });
  }
  if (uid) check({ group: "authentication.k8s.io", resource: "uids", name: uid });

  if (username !== ANONYMOUS.username && !impersonatedGroups.some((g) => g === "system:authenticated" || g === "system:unauthenticated")) {
    impersonatedGroups.push("system:authenticated");
  }
  return {
    username,
    groups: impersonatedGroups,
    ...(uid ? { uid } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}
