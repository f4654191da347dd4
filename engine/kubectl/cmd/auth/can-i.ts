import { registerCommand, type CommandContext } from "../../cli/command";
import { check } from "../../client/rest";
import { TabWriter } from "../../printers/tabwriter";
import { breakdownRule, combineResourceGroup, compactRules, goList, sortRules, type PolicyRule } from "./rules";

/**
 * `kubectl auth can-i`: one SelfSubjectAccessReview (yes/no, exit 1 for no) or, with --list, a
 * SelfSubjectRulesReview printed as kubectl compacts and sorts it. Warnings (unknown resource
 * types and verbs, cluster-scoped resources asked about in a namespace) go to stderr as kubectl's
 * WarningPrinter writes them.
 */
const RESOURCE_VERBS = new Set(["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind", "impersonate", "*", "approve", "sign", "escalate", "attest"]);
const NON_RESOURCE_VERBS = new Set(["get", "put", "post", "head", "options", "delete", "patch", "*"]);
/** Resources the apiserver knows for impersonation but discovery does not list. */
const NON_STANDARD_RESOURCES = new Set(["users", "groups"]);

interface Gvr {
  group: string;
  version: string;
  resource: string;
}

function warn(c: CommandContext, message: string): void {
  c.err(`Warning: ${message}\n`);
}

/** CanIOptions.resourceFor: the REST mapper's answer, or the argument as typed with a warning. */
function resourceFor(c: CommandContext, arg: string): Gvr {
  if (arg === "*") return { group: "", version: "", resource: arg };
  const lower = arg.toLowerCase();
  const mapping = c.factory.discovery().tryResolve(lower);
  if (mapping) return { group: mapping.group, version: mapping.version, resource: mapping.resource };
  const dot = lower.indexOf(".");
  const resource = dot >= 0 ? lower.slice(0, dot) : lower;
  const group = dot >= 0 ? lower.slice(dot + 1) : "";
  if (!NON_STANDARD_RESOURCES.has(group ? `${resource}.${group}` : resource)) {
    warn(c, group ? `the server doesn't have a resource type '${resource}' in group '${group}'\n` : `the server doesn't have a resource type '${resource}'\n`);
  }
  return { group: "", version: "", resource: arg };
}

/** isNamespaced: asks the group version's resource list (legacy discovery), as kubectl does. */
function namespaced(c: CommandContext, gvr: Gvr): boolean | undefined {
  if (gvr.resource === "*") return true;
  if (!gvr.version) return undefined;
  const path = gvr.group ? `/apis/${gvr.group}/${gvr.version}` : `/api/${gvr.version}`;
  const response = c.factory.rest().request({ method: "GET", path });
  if (response.status >= 400) return undefined;
  const list = response.body as { resources?: { name: string; namespaced: boolean }[] };
  const found = (list.resources ?? []).find((r) => r.name === gvr.resource);
  return found ? found.namespaced : undefined;
}

function runList(c: CommandContext, namespace: string): number {
  const review = check(
    c.factory.rest().request({
      method: "POST",
      path: "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
      body: { kind: "SelfSubjectRulesReview", apiVersion: "authorization.k8s.io/v1", metadata: { creationTimestamp: null }, spec: { namespace }, status: { resourceRules: null, nonResourceRules: null, incomplete: false } },
      headers: { "content-type": "application/json" },
    }),
  ) as { status?: { resourceRules?: PolicyRule[]; nonResourceRules?: PolicyRule[]; incomplete?: boolean; evaluationError?: string } };
  const status = review.status ?? {};
  if (status.incomplete) warn(c, `the list may be incomplete: ${status.evaluationError ?? ""}`);
  const rules: PolicyRule[] = [
    ...(status.resourceRules ?? []).map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames })),
    ...(status.nonResourceRules ?? []).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
  ];
  const compacted = sortRules(compactRules(rules.flatMap(breakdownRule)));
  let text = "";
  const w = new TabWriter((s) => (text += s));
  if (!c.flags.bool("no-headers")) w.write("Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  for (const r of compacted) w.write(`${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  w.flush();
  c.out(text);
  return 0;
}

registerCommand("auth can-i", (c) => {
  const list = c.flags.bool("list");
  const quiet = c.flags.bool("quiet");
  const allNamespaces = c.flags.bool("all-namespaces");
  const subresource = c.flags.string("subresource");
  let verb = "";
  let url = "";
  let gvr: Gvr | undefined;
  let name = "";
  if (list) {
    if (c.args.length !== 0) throw new Error("list option must be specified with no arguments");
  } else {
    if (c.args.length !== 2) throw new Error("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
    verb = c.args[0];
    if (c.args[1].startsWith("/")) {
      url = c.args[1];
    } else {
      const slash = c.args[1].indexOf("/");
      gvr = resourceFor(c, slash >= 0 ? c.args[1].slice(0, slash) : c.args[1]);
      if (slash >= 0) name = c.args[1].slice(slash + 1);
    }
  }
  const namespace = allNamespaces ? "" : c.factory.namespace().namespace;
  if (list) {
    if (quiet || allNamespaces || subresource !== "") throw new Error("list option can't be specified with neither quiet, all-namespaces nor subresource options");
    return runList(c, namespace);
  }
  if (url) {
    if (subresource !== "") throw new Error("--subresource can not be used with NonResourceURL");
    if (!NON_RESOURCE_VERBS.has(verb)) warn(c, `verb '${verb}' is not a known verb\n`);
  } else if (gvr && !allNamespaces) {
    if (namespaced(c, gvr) === false) {
      warn(c, gvr.group ? `resource '${gvr.resource}' is not namespace scoped in group '${gvr.group}'\n` : `resource '${gvr.resource}' is not namespace scoped\n`);
    }
    if (!RESOURCE_VERBS.has(verb)) warn(c, `verb '${verb}' is not a known verb\n`);
  }
  if (c.flags.bool("no-headers")) throw new Error("--no-headers cannot be set without --list specified");
  const spec = url
    ? { nonResourceAttributes: { path: url, verb } }
    : {
        resourceAttributes: {
          ...(namespace ? { namespace } : {}),
          verb,
          ...(gvr!.group ? { group: gvr!.group } : {}),
          ...(gvr!.resource ? { resource: gvr!.resource } : {}),
          ...(subresource ? { subresource } : {}),
          ...(name ? { name } : {}),
        },
      };
  const review = check(
    c.factory.rest().request({
      method: "POST",
      path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      body: { kind: "SelfSubjectAccessReview", apiVersion: "authorization.k8s.io/v1", metadata: { creationTimestamp: null }, spec, status: { allowed: false } },
      headers: { "content-type": "application/json" },
    }),
  ) as { status?: { allowed?: boolean; reason?: string; evaluationError?: string } };
  const status = review.status ?? {};
  const say = (s: string) => {
    if (!quiet) c.out(s);
  };
  if (status.allowed) {
    say("yes\n");
    return 0;
  }
  say(`no${status.reason ? ` - ${status.reason}` : ""}${status.evaluationError ? ` - ${status.evaluationError}` : ""}\n`);
  return 1;
});
