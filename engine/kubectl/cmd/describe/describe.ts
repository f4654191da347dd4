import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError, StatusError } from "../../cli/errors";
import { resourcePath, type ResourceMapping } from "../../client/discovery";
import { check } from "../../client/rest";
import { buildTargets } from "../../resource/builder";
import {
  describeConfigMap,
  describeDeployment,
  describeGeneric,
  describeNamespace,
  describePod,
  describeSecret,
  describeService,
  describeServiceAccount,
  type Related,
} from "./describers";
import type { EventLike } from "./writer";

function listIn(c: CommandContext, resource: string, namespace: string | undefined, query: Record<string, string> = {}): KubeObject[] {
  const mapping = c.factory.discovery().tryResolve(resource);
  if (!mapping) return [];
  const r = c.factory.rest().request({ method: "GET", path: resourcePath(mapping, namespace), query });
  return r.status < 400 ? ((r.body as { items?: KubeObject[] }).items ?? []) : [];
}

/** Events about one object, as kubectl's searchEvents finds them (by involvedObject). */
function eventsFor(c: CommandContext, obj: KubeObject): EventLike[] | undefined {
  if (!c.flags.bool("show-events")) return undefined;
  const all = listIn(c, "events", obj.metadata.namespace, {
    fieldSelector: `involvedObject.name=${obj.metadata.name},involvedObject.namespace=${obj.metadata.namespace ?? ""},involvedObject.kind=${obj.kind},involvedObject.uid=${obj.metadata.uid}`,
  });
  return (all as unknown as (EventLike & { involvedObject?: { uid?: string; name?: string; kind?: string } })[]).filter(
    (e) => !e.involvedObject || (e.involvedObject.name === obj.metadata.name && e.involvedObject.kind === obj.kind),
  );
}

function describeOne(c: CommandContext, mapping: ResourceMapping, obj: KubeObject): string {
  const related: Related = { now: c.ctx.environment.clock.now(), events: eventsFor(c, obj) };
  const ns = obj.metadata.namespace;
  switch (`${mapping.group}/${mapping.resource}`) {
    case "/pods":
      return describePod(obj, related);
    case "apps/deployments":
      return describeDeployment(obj, { ...related, replicaSets: listIn(c, "replicasets.apps", ns) });
    case "/services":
      return describeService(obj, { ...related, endpointSlices: listIn(c, "endpointslices.discovery.k8s.io", ns, { labelSelector: `kubernetes.io/service-name=${obj.metadata.name}` }) });
    case "/namespaces":
      return describeNamespace(obj, { ...related, quotas: listIn(c, "resourcequotas", obj.metadata.name), limitRanges: listIn(c, "limitranges", obj.metadata.name) });
    case "/configmaps":
      return describeConfigMap(obj, related);
    case "/secrets":
      return describeSecret(obj);
    case "/serviceaccounts":
      return describeServiceAccount(obj, related);
    default:
      return describeGeneric(obj, related);
  }
}

registerCommand("describe", (c) => {
  if (c.args.length === 0 && c.flags.strings("filename").length === 0) {
    throw new Error('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
  }
  const targets = buildTargets(c.factory, {
    args: c.args,
    filenames: c.flags.strings("filename"),
    recursive: c.flags.bool("recursive"),
    labelSelector: c.flags.string("selector"),
    allNamespaces: c.flags.bool("all-namespaces"),
    allowEmptySelector: true,
  });
  const rest = c.factory.rest();
  const found: { mapping: ResourceMapping; obj: KubeObject }[] = [];
  const errors: Error[] = [];
  for (const t of targets) {
    if (t.kind === "list") {
      const items = check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace), query: { labelSelector: c.flags.string("selector") || undefined } })) as { items?: KubeObject[] };
      for (const obj of items.items ?? []) found.push({ mapping: t.mapping, obj });
      continue;
    }
    const response = rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace, t.name) });
    if (response.status === 404) {
      // describe NAME_PREFIX: an unknown name matches every object whose name starts with it.
      const all = check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace) })) as { items?: KubeObject[] };
      const matches = (all.items ?? []).filter((o) => o.metadata.name!.startsWith(t.name));
      if (matches.length === 0) {
        errors.push(new StatusError(response.body as StatusError["status"]));
        continue;
      }
      for (const obj of matches) found.push({ mapping: t.mapping, obj });
      continue;
    }
    found.push({ mapping: t.mapping, obj: check(response) as KubeObject });
  }
  found.forEach(({ mapping, obj }, i) => c.out((i > 0 ? "\n\n" : "") + describeOne(c, mapping, obj)));
  if (found.length === 0 && errors.length === 0) {
    const allNamespaced = !c.flags.bool("all-namespaces") && targets.every((t) => t.mapping.namespaced);
    c.err(allNamespaced ? `No resources found in ${c.factory.namespace().namespace} namespace.\n` : "No resources found\n");
  }
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
});
