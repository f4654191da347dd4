import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { resourcePath, type ResourceMapping } from "../../client/discovery";
import { check } from "../../client/rest";
import { buildTargets } from "../../resource/builder";
import { attachDebugContainer } from "./attach-debug";
import { nodeDebugPod, podCopy, withEphemeralContainer } from "./generate";
import { completeOptions, validateOptions, type DebugOptions } from "./options";

/**
 * `kubectl debug (POD | TYPE/NAME) [-- COMMAND…]` (debug.go, v1.33): for a node, a pod in the
 * node's namespaces with its root at /host; for a pod, an ephemeral container added through
 * pods/ephemeralcontainers, or with --copy-to a changed copy of the pod. With -i (or --attach) it
 * then waits for the debug container and attaches to it.
 */
type Json = Record<string, unknown>;

interface Visited {
  pod: KubeObject;
  container: string;
}

/** ResourceNames("pods", names…): a bare name is a pod, TYPE/NAME any type; or the objects of -f. */
function targetsOf(c: CommandContext, o: DebugOptions): { mapping: ResourceMapping; namespace?: string; name: string }[] {
  if (o.filenames.length > 0) {
    return buildTargets(c.factory, { args: [], filenames: o.filenames, recursive: false }).map((t) => ({ mapping: t.mapping, namespace: t.namespace, name: t.kind === "list" ? "" : t.name }));
  }
  const { namespace } = c.factory.namespace();
  return o.targetNames.map((arg) => {
    const slash = arg.indexOf("/");
    const type = slash >= 0 ? arg.slice(0, slash) : "pods";
    const name = slash >= 0 ? arg.slice(slash + 1) : arg;
    if (slash >= 0 && (!type || !name)) throw new Error("arguments in resource/name form must have a single resource and name");
    const mapping = c.factory.discovery().resolve(type);
    return { mapping, namespace: mapping.namespaced ? namespace : undefined, name };
  });
}

function podsPath(namespace: string, name?: string, subresource?: string): string {
  return `/api/v1/namespaces/${namespace}/pods${name ? `/${name}` : ""}${subresource ? `/${subresource}` : ""}`;
}

function createPod(c: CommandContext, namespace: string, pod: Json): KubeObject {
  const body = { kind: "Pod", apiVersion: "v1", ...pod };
  return check(c.factory.rest().request({ method: "POST", path: podsPath(namespace), body, headers: { "content-type": "application/json" } })) as KubeObject;
}

function visitNode(c: CommandContext, o: DebugOptions, node: KubeObject): Visited {
  const namespace = c.factory.namespace().namespace;
  const pod = nodeDebugPod(c, o, node.metadata.name!);
  const created = createPod(c, namespace, pod as unknown as Json);
  return { pod: created, container: String(pod.spec.containers[0].name) };
}

/**
 * debugByEphemeralContainer: the strategic merge patch kubectl computes between the pod and the pod
 * with the new ephemeral container, sent to pods/ephemeralcontainers.
 */
function visitEphemeral(c: CommandContext, o: DebugOptions, pod: KubeObject): Visited {
  const { pod: debugPod, name } = withEphemeralContainer(c, o, pod);
  const all = debugPod.spec.ephemeralContainers ?? [];
  const added = all[all.length - 1];
  const spec: Json = {};
  if (all.length > 1) spec["$setElementOrder/ephemeralContainers"] = all.map((x) => ({ name: x.name }));
  spec.ephemeralContainers = [sortKeys(added)];
  const namespace = pod.metadata.namespace!;
  const response = c.factory.rest().request({
    method: "PATCH",
    path: podsPath(namespace, pod.metadata.name!, "ephemeralcontainers"),
    body: { spec },
    headers: { "content-type": "application/strategic-merge-patch+json" },
  });
  const status = response.body as { reason?: string; details?: { name?: string } } | undefined;
  if (response.status === 404 && status?.reason === "NotFound" && !status.details?.name) {
    const message = (response.body as { message?: string }).message ?? "";
    throw new Error(`ephemeral containers are disabled for this cluster (error from server: "${message}")`);
  }
  return { pod: check(response) as KubeObject, container: name };
}

/** Go's json.Marshal of a map sorts its keys (the patch is a map). */
function sortKeys(value: Json): Json {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function visitCopy(c: CommandContext, o: DebugOptions, pod: KubeObject): Visited {
  const { pod: copied, name } = podCopy(c, o, pod);
  const namespace = copied.metadata.namespace ?? c.factory.namespace().namespace;
  const created = createPod(c, namespace, copied as unknown as Json);
  if (o.replace) {
    check(c.factory.rest().request({ method: "DELETE", path: podsPath(pod.metadata.namespace!, pod.metadata.name!), body: { kind: "DeleteOptions", apiVersion: "v1", gracePeriodSeconds: 0 }, headers: { "content-type": "application/json" } }));
  }
  return { pod: created, container: name };
}

/** fmt's %q of a GroupVersionKind: `"apps/v1, Kind=Deployment"`, `"/v1, Kind=Service"`. */
function gvkString(mapping: ResourceMapping): string {
  return `"${mapping.group}/${mapping.version}, Kind=${mapping.kind}"`;
}

registerCommand("debug", async (c) => {
  const o = completeOptions(c);
  validateOptions(c, o);
  for (const target of targetsOf(c, o)) {
    const object = check(c.factory.rest().request({ method: "GET", path: resourcePath(target.mapping, target.namespace, target.name) })) as KubeObject;
    let visited: Visited;
    if (target.mapping.group === "" && target.mapping.resource === "nodes") visited = visitNode(c, o, object);
    else if (target.mapping.group === "" && target.mapping.resource === "pods") visited = o.copyTo ? visitCopy(c, o, object) : visitEphemeral(c, o, object);
    else throw new Error(`${gvkString(target.mapping)} not supported by debug`);
    if (o.attach && visited.container) {
      const code = await attachDebugContainer(c, o, visited.pod.metadata.namespace!, visited.pod.metadata.name!, visited.container);
      // The terminal now belongs to the debug container's shell.
      if (code === undefined) return 0;
    }
  }
  return 0;
});
