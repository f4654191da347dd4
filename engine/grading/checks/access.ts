import { clusterOf, resolveResource, type GradingContext } from "../context";
import type { CheckOf } from "../schema";
import { fail, pass, type CheckOutcome } from "./outcome";

const SSAR_PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

interface Target {
  group: string;
  resource: string;
  name?: string;
  url?: string;
}

/**
 * What `kubectl auth can-i VERB ARG` asks about. ARG is read as kubectl reads it: a path starting
 * with "/" is a non-resource URL; otherwise `resource[.group][/name]`, so `pods/log` asks about a
 * pod *named* log (the subresource needs `subresource: log`, kubectl's `--subresource`). A type the
 * server does not serve is sent as typed, as kubectl does after its warning.
 */
function targetOf(ctx: GradingContext, check: CheckOf<"access">): Target {
  if (check.resource.startsWith("/")) return { group: "", resource: "", url: check.resource };
  const slash = check.resource.indexOf("/");
  const typed = slash >= 0 ? check.resource.slice(0, slash) : check.resource;
  const name = slash >= 0 ? check.resource.slice(slash + 1) : undefined;
  let group = "";
  let resource = typed;
  if (typed !== "*") {
    try {
      const def = resolveResource(clusterOf(ctx, check.cluster), typed);
      group = def.group;
      resource = def.resource;
    } catch {
      // Unknown to the server: kubectl warns and asks about the name as typed.
    }
  }
  return { group, resource, ...(name ? { name } : {}) };
}

/** The kubectl command that asks the same question, so the learner can ask it too. */
function kubectlLine(check: CheckOf<"access">, namespace: string): string {
  const parts = ["kubectl auth can-i", check.verb, check.resource];
  if (check.subresource) parts.push(`--subresource=${check.subresource}`);
  if (!check.resource.startsWith("/") && check.namespace !== undefined) parts.push(`-n ${namespace}`);
  parts.push(`--as ${check.as}`);
  for (const group of check.asGroups ?? []) parts.push(`--as-group ${group}`);
  return parts.join(" ");
}

/**
 * `access`: may this user (and groups) do this, as `kubectl auth can-i --as` answers it — the same
 * SelfSubjectAccessReview sent as the cluster admin impersonating the subject, without starting a
 * shell and kubectl for it.
 */
export function accessCheck(check: CheckOf<"access">, ctx: GradingContext): CheckOutcome {
  const cluster = clusterOf(ctx, check.cluster);
  const target = targetOf(ctx, check);
  // kubectl sends the kubeconfig context's namespace (the admin's: default) even for cluster-scoped types.
  const namespace = check.namespace ?? "default";
  const spec = target.url
    ? { nonResourceAttributes: { path: target.url, verb: check.verb } }
    : {
        resourceAttributes: {
          namespace,
          verb: check.verb,
          ...(target.group ? { group: target.group } : {}),
          resource: target.resource,
          ...(check.subresource ? { subresource: check.subresource } : {}),
          ...(target.name ? { name: target.name } : {}),
        },
      };
  const headers: Record<string, string> = { "content-type": "application/json", "impersonate-user": check.as };
  if (check.asGroups?.length) headers["impersonate-group"] = check.asGroups.join(", ");
  const response = cluster.admin.server.handle({
    method: "POST",
    path: SSAR_PATH,
    query: new URLSearchParams(),
    headers,
    body: { kind: "SelfSubjectAccessReview", apiVersion: "authorization.k8s.io/v1", metadata: {}, spec, status: { allowed: false } },
    user: cluster.admin.user,
  });
  const line = kubectlLine(check, namespace);
  if (response.status >= 400) {
    const message = (response.body as { message?: string } | undefined)?.message ?? `status ${response.status}`;
    throw new Error(`\`${line}\` was refused: ${message}`);
  }
  const allowed = (response.body as { status?: { allowed?: boolean } }).status?.allowed === true;
  const wanted = check.expect === "allowed";
  if (allowed === wanted) return pass;
  return fail(allowed ? `\`${line}\` says yes; it should say no` : `\`${line}\` says no; it should say yes`);
}
