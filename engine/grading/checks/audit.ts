import type { AuditEntry } from "../../api/server/context";
import { learnerAudit, learnerHistory } from "../attempt";
import type { GradingContext } from "../context";
import type { CheckOf } from "../schema";
import { FeatureUnavailableError } from "../unavailable";
import { fail, pass, type CheckOutcome } from "./outcome";

type AuditRequest = CheckOf<"audit">["request"];

function resourceMatches(entry: AuditEntry, resource: string): boolean {
  const [name, ...group] = resource.split(".");
  return entry.resource === name && (group.length === 0 || entry.group === group.join("."));
}

/**
 * One of the resources a request may name; "pods/binding" names a subresource inline, for lists of
 * equivalent ways (a Binding is created through `bindings` or through `pods/binding`).
 */
function oneResourceMatches(entry: AuditEntry, resource: string, subresource: string | undefined): boolean {
  const [name, inlineSub] = resource.split("/");
  const sub = inlineSub ?? subresource;
  if (!resourceMatches(entry, name)) return false;
  if (sub !== undefined) return (entry.subresource ?? "") === sub;
  return !entry.subresource;
}

export function auditMatches(entry: AuditEntry, request: AuditRequest): boolean {
  const verbs = request.verb === undefined ? undefined : Array.isArray(request.verb) ? request.verb : [request.verb];
  if (verbs && !verbs.includes(entry.verb)) return false;
  if (request.resource !== undefined) {
    const resources = Array.isArray(request.resource) ? request.resource : [request.resource];
    if (!resources.some((r) => oneResourceMatches(entry, r, request.subresource))) return false;
  } else if (request.subresource !== undefined && (entry.subresource ?? "") !== request.subresource) return false;
  if (request.namespace !== undefined && entry.namespace !== request.namespace) return false;
  if (request.name !== undefined && entry.name !== request.name) return false;
  if (request.succeeded !== false && entry.code >= 400) return false;
  return true;
}

function describeRequest(request: AuditRequest): string {
  const verbs = request.verb === undefined ? "any" : Array.isArray(request.verb) ? request.verb.join("/") : request.verb;
  const resources = request.resource === undefined ? "any resource" : Array.isArray(request.resource) ? request.resource.join(" or ") : request.resource;
  const resource = `${resources}${request.subresource ? "/" + request.subresource : ""}`;
  const target = [request.name && `"${request.name}"`, request.namespace && `in namespace "${request.namespace}"`].filter(Boolean).join(" ");
  return `${verbs} ${resource}${target ? " " + target : ""}`;
}

/** `audit`: how the learner did it, from the API requests they made (e.g. evictions, not deletions). */
export function auditCheck(check: CheckOf<"audit">, ctx: GradingContext): CheckOutcome {
  const entries = learnerAudit(ctx.env, check.cluster ?? ctx.defaultCluster).filter((e) => auditMatches(e, check.request));
  const minimum = check.minimum ?? 1;
  if (check.expect === "present") {
    return entries.length >= minimum ? pass : fail(`no request "${describeRequest(check.request)}" was made${minimum > 1 ? ` at least ${minimum} times (found ${entries.length})` : ""}`);
  }
  if (entries.length === 0) return pass;
  const first = entries[0];
  return fail(`${entries.length} request(s) "${describeRequest(check.request)}" were made, e.g. ${first.verb} ${first.resource}${first.subresource ? "/" + first.subresource : ""}${first.name ? ` "${first.name}"` : ""} at ${first.time}`);
}

/** `history`: a command line the learner typed (or did not type), read from the terminal history. */
export function historyCheck(check: CheckOf<"history">, ctx: GradingContext): CheckOutcome {
  const history = learnerHistory(ctx.env);
  if (!history) throw new FeatureUnavailableError("the terminal command history");
  const re = new RegExp(check.command);
  const found = history.find((entry) => re.test(entry.line));
  if (check.expect === "present") return found ? pass : fail(`no command matching /${check.command}/ was run`);
  return found ? fail(`the command \`${found.line}\` was run on ${found.host}`) : pass;
}

const WRITE_VERBS = new Set(["create", "update", "patch", "delete", "deletecollection"]);
/** Requests that ask the server a question or open a stream; they change nothing. */
const NON_CHANGING_SUBRESOURCES = new Set(["exec", "attach", "portforward", "log", "proxy"]);

/** `untouchedOutside`: the learner changed nothing outside the task's namespaces. */
export function untouchedOutsideCheck(check: CheckOf<"untouchedOutside">, ctx: GradingContext): CheckOutcome {
  const allowed = new Set(check.namespaces);
  const clusterScopedAllowed = new Set(check.allowClusterScoped ?? []);
  const offending = learnerAudit(ctx.env, check.cluster ?? ctx.defaultCluster).filter((e) => {
    if (!WRITE_VERBS.has(e.verb) || e.code >= 400) return false;
    if (e.subresource && NON_CHANGING_SUBRESOURCES.has(e.subresource)) return false;
    if (e.resource.endsWith("reviews")) return false;
    if (e.namespace) return !allowed.has(e.namespace);
    if (e.resource === "namespaces" && e.name && allowed.has(e.name)) return false;
    return !clusterScopedAllowed.has(e.resource) && !clusterScopedAllowed.has(`${e.resource}.${e.group}`);
  });
  if (offending.length === 0) return pass;
  const e = offending[0];
  const where = e.namespace ? ` in namespace "${e.namespace}"` : " (cluster-wide)";
  return fail(`${offending.length} change(s) outside ${check.namespaces.map((n) => `"${n}"`).join(", ")}, e.g. ${e.verb} ${e.resource}${e.name ? ` "${e.name}"` : ""}${where}`);
}
