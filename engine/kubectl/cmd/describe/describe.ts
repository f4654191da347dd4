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
import { describeNode } from "./node";
import { describeEndpoints, describeEndpointSlice, describeIngress, describeNetworkPolicy, formatEndpointSlices } from "./network";
import { describeLimitRange, describePodDisruptionBudget, describePriorityClass, describeResourceQuota } from "./policy";
import { describeRole, describeRoleBinding } from "./rbac";
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from "./storage";
import { describeCronJob, describeDaemonSet, describeHorizontalPodAutoscaler, describeJob, describeReplicaSet, describeStatefulSet } from "./workloads";
import type { EventLike } from "./writer";
import { formatSelector, fromLabelSelector } from "../../../api/selectors/labels";

function listIn(c: CommandContext, resource: string, namespace: string | undefined, query: Record<string, string> = {}): KubeObject[] {
  const mapping = c.factory.discovery().tryResolve(resource);
  if (!mapping) return [];
  const r = c.factory.rest().request({ method: "GET", path: resourcePath(mapping, namespace), query });
  return r.status < 400 ? ((r.body as { items?: KubeObject[] }).items ?? []) : [];
}

/**
 * Events about one object, as kubectl's searchEvents finds them (by involvedObject). `uid` replaces
 * the object's: kubelets report node events under the node's name.
 */
function eventsFor(c: CommandContext, obj: KubeObject, uid = obj.metadata.uid): EventLike[] | undefined {
  if (!c.flags.bool("show-events")) return undefined;
  const all = listIn(c, "events", obj.metadata.namespace, {
    fieldSelector: `involvedObject.name=${obj.metadata.name},involvedObject.namespace=${obj.metadata.namespace ?? ""},involvedObject.kind=${obj.kind},involvedObject.uid=${uid}`,
    limit: String(c.flags.int("chunk-size") || 500),
  });
  return (all as unknown as (EventLike & { involvedObject?: { uid?: string; name?: string; kind?: string } })[]).filter(
    (e) => !e.involvedObject || (e.involvedObject.name === obj.metadata.name && e.involvedObject.kind === obj.kind),
  );
}

/** The pods a controller's selector matches (the describer counts those it controls). */
function podsSelectedBy(c: CommandContext, obj: KubeObject): KubeObject[] {
  const selector = (obj as { spec?: { selector?: Parameters<typeof fromLabelSelector>[0] } }).spec?.selector;
  return listIn(c, "pods", obj.metadata.namespace, { labelSelector: selector ? formatSelector(fromLabelSelector(selector)) : "" });
}

function nodeRelated(c: CommandContext, node: KubeObject, now: number): Parameters<typeof describeNode>[1] {
  const rest = c.factory.rest();
  const pods = rest.request({
    method: "GET",
    path: "/api/v1/pods",
    query: { fieldSelector: `spec.nodeName=${node.metadata.name},status.phase!=Succeeded,status.phase!=Failed` },
  });
  let events: EventLike[] | undefined;
  if (c.flags.bool("show-events")) events = [...(eventsFor(c, node) ?? []), ...(eventsFor(c, node, node.metadata.name) ?? [])];
  const lease = rest.request({ method: "GET", path: `/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/${node.metadata.name}` });
  return {
    now,
    events,
    pods: pods.status === 403 ? undefined : ((pods.body as { items?: KubeObject[] }).items ?? []),
    lease: lease.status < 400 ? { lease: lease.body as KubeObject } : { error: (lease.body as { message?: string })?.message ?? "" },
  };
}

/** An Ingress backend: `svc:port (endpoints)`, with the lookup's error in place of the endpoints. */
function ingressBackend(c: CommandContext, namespace: string | undefined) {
  return (backend: { service?: { name: string; port?: { number?: number; name?: string } }; resource?: { apiGroup?: string; kind: string; name: string } }): string => {
    if (backend.service) {
      const svc = backend.service;
      const label = `${svc.name}:${svc.port?.number ? svc.port.number : (svc.port?.name ?? "")}`;
      const rest = c.factory.rest();
      const slices = rest.request({ method: "GET", path: `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`, query: { labelSelector: `kubernetes.io/service-name=${svc.name}` } });
      if (slices.status >= 400) return `${label} (<error: ${(slices.body as { message?: string }).message}>)`;
      const service = rest.request({ method: "GET", path: `/api/v1/namespaces/${namespace}/services/${svc.name}` });
      if (service.status >= 400) return `${label} (<error: ${(service.body as { message?: string }).message}>)`;
      let portName = "";
      for (const p of (service.body as { spec?: { ports?: { name?: string; port: number }[] } }).spec?.ports ?? []) {
        if ((svc.port?.number && svc.port.number === p.port) || (svc.port?.name && svc.port.name === p.name)) portName = p.name ?? "";
      }
      return `${label} (${formatEndpointSlices((slices.body as { items?: KubeObject[] }).items ?? [], new Set([portName]))})`;
    }
    if (backend.resource) return `APIGroup: ${backend.resource.apiGroup ?? "<none>"}, Kind: ${backend.resource.kind}, Name: ${backend.resource.name}`;
    return "";
  };
}

function describeOne(c: CommandContext, mapping: ResourceMapping, obj: KubeObject): string {
  const now = c.ctx.environment.clock.now();
  if (`${mapping.group}/${mapping.resource}` === "/nodes") return describeNode(obj, nodeRelated(c, obj, now));
  const related: Related = { now, events: eventsFor(c, obj) };
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
    case "apps/replicasets":
      return describeReplicaSet(obj, { ...related, pods: podsSelectedBy(c, obj) });
    case "apps/daemonsets":
      return describeDaemonSet(obj, { ...related, pods: podsSelectedBy(c, obj) });
    case "apps/statefulsets":
      return describeStatefulSet(obj, { ...related, pods: podsSelectedBy(c, obj) });
    case "batch/jobs":
      return describeJob(obj, related);
    case "batch/cronjobs":
      return describeCronJob(obj, related);
    case "autoscaling/horizontalpodautoscalers":
      return describeHorizontalPodAutoscaler(obj, related);
    case "/endpoints":
      return describeEndpoints(obj, related);
    case "discovery.k8s.io/endpointslices":
      return describeEndpointSlice(obj, related);
    case "networking.k8s.io/ingresses":
      return describeIngress(obj, { ...related, backend: ingressBackend(c, ns) });
    case "networking.k8s.io/networkpolicies":
      return describeNetworkPolicy(obj);
    case "/persistentvolumes":
      return describePersistentVolume(obj, related);
    case "/persistentvolumeclaims":
      return describePersistentVolumeClaim(obj, { ...related, pods: listIn(c, "pods", ns) });
    case "storage.k8s.io/storageclasses":
      return describeStorageClass(obj, related);
    case "rbac.authorization.k8s.io/roles":
    case "rbac.authorization.k8s.io/clusterroles":
      return describeRole(obj);
    case "rbac.authorization.k8s.io/rolebindings":
    case "rbac.authorization.k8s.io/clusterrolebindings":
      return describeRoleBinding(obj);
    case "/resourcequotas":
      return describeResourceQuota(obj);
    case "/limitranges":
      return describeLimitRange(obj);
    case "scheduling.k8s.io/priorityclasses":
      return describePriorityClass(obj, related);
    case "policy/poddisruptionbudgets":
      return describePodDisruptionBudget(obj, related);
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
  // Each describer fetches its object again (kubectl's describers take a name, not the object).
  found.forEach(({ mapping, obj }, i) => {
    const fresh = check(rest.request({ method: "GET", path: resourcePath(mapping, obj.metadata.namespace, obj.metadata.name) })) as KubeObject;
    c.out((i > 0 ? "\n\n" : "") + describeOne(c, mapping, fresh));
  });
  if (found.length === 0 && errors.length === 0) {
    const allNamespaced = !c.flags.bool("all-namespaces") && targets.every((t) => t.mapping.namespaced);
    c.err(allNamespaced ? `No resources found in ${c.factory.namespace().namespace} namespace.\n` : "No resources found\n");
  }
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
});
