import { badRequest, conflict, methodNotAllowed, notFound, successStatus } from "../api/errors";
import type { ServerContext, SubresourceHandler } from "../api/server/context";
import type { VirtualResourceHandler } from "../api/server/apiserver";
import type { KubeObject } from "../api/types";

interface Binding {
  metadata?: { name?: string; namespace?: string; uid?: string; annotations?: Record<string, string> };
  target?: { kind?: string; name?: string };
}

/**
 * Assigns a pod to a node, as BindingREST does: sets spec.nodeName, copies the binding's
 * annotations and marks PodScheduled=True in one write. A pod already on a node cannot be moved.
 */
function bind(server: ServerContext, namespace: string, name: string, binding: Binding): void {
  const gr = { group: "", resource: "pods/binding" };
  const target = binding.target?.name;
  if (!target) throw badRequest(`Binding.core "${name}" is invalid: target.name: Required value`);
  if (binding.target?.kind && binding.target.kind !== "Node") throw badRequest(`Binding.core "${name}" is invalid: target.kind: Invalid value: "${binding.target.kind}": must be empty or 'Node'`);
  const pod = server.store.get("/pods", namespace, name);
  if (!pod) throw notFound({ group: "", resource: "pods" }, name);
  if (binding.metadata?.uid && binding.metadata.uid !== pod.metadata.uid) {
    throw conflict(gr, name, `Precondition failed: UID in precondition: ${binding.metadata.uid}, UID in object meta: ${pod.metadata.uid}`);
  }
  if (pod.metadata.deletionTimestamp) throw conflict(gr, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  const spec = pod.spec as { nodeName?: string };
  if (spec.nodeName) throw conflict(gr, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
  // Copy only the parts that change: the rest stays shared with the frozen stored pod (a full
  // copy of every pod was a tenth of the scheduler's time on large clusters).
  const status = (pod.status ?? {}) as { conditions?: Record<string, unknown>[] };
  const conditions = (status.conditions ?? []).filter((c) => c.type !== "PodScheduled");
  conditions.push({ type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: server.clock.nowRfc3339() });
  const annotations = binding.metadata?.annotations;
  const updated: KubeObject = {
    ...pod,
    metadata: annotations ? { ...pod.metadata, annotations: { ...(pod.metadata.annotations ?? {}), ...annotations } } : pod.metadata,
    spec: { ...(pod.spec as object), nodeName: target },
    status: { ...status, conditions },
  };
  // `updated` is made here for this write alone: the store stamps it in place.
  server.store.update("/pods", updated, true);
}

function created() {
  return { status: 201, body: { ...successStatus(), code: 201 } };
}

/** POST pods/{name}/binding. */
export const podBindingSubresource: SubresourceHandler = {
  handle(request, server) {
    if (request.method !== "POST") throw methodNotAllowed();
    const body = (request.body ?? {}) as Binding;
    if (body.metadata?.name && body.metadata.name !== request.name) {
      throw badRequest(`name in URL does not match name in Binding object`);
    }
    bind(server, request.namespace!, request.name, body);
    return created();
  },
};

/** POST namespaces/{ns}/bindings (the older form `kubectl create -f binding.yaml` uses). */
export const bindingsResource: VirtualResourceHandler = (call, server) => {
  if (call.method !== "POST") throw methodNotAllowed();
  const body = (call.body ?? {}) as Binding;
  const name = body.metadata?.name;
  if (!name) throw badRequest(`Binding.core "" is invalid: metadata.name: Required value: name or generateName is required`);
  bind(server, call.namespace!, name, body);
  return created();
};
