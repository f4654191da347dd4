import type { Pod, PodTemplateSpec } from "kubernetes-types/core/v1";
import { ApiError } from "../api/errors";
import { fromLabelSelector, matches, type LabelSelectorObject, type Selector } from "../api/selectors/labels";
import type { KubeObject } from "../api/types";
import { deepEqual } from "../util/json";
import { splitKey, type ControllerFactory } from "./controller";
import { EventRecorder } from "./events";
import { claimObjects } from "./ownership";
import { asPod, availableAt, compareForDeletion, controllerRef, isActive, isAvailable, isReady, podFromTemplate } from "./pods";

/** The two kinds that keep N copies of a pod template: apps/v1 ReplicaSet and v1 ReplicationController. */
export interface ReplicaKind {
  group: string;
  resource: string;
  kind: string;
  component: string;
  selector(obj: KubeObject): Selector | undefined;
}

export const REPLICASET: ReplicaKind = {
  group: "apps",
  resource: "replicasets",
  kind: "ReplicaSet",
  component: "replicaset-controller",
  selector: (rs) => {
    const sel = (rs.spec as { selector?: LabelSelectorObject }).selector;
    return sel ? fromLabelSelector(sel) : undefined;
  },
};

export const REPLICATION_CONTROLLER: ReplicaKind = {
  group: "",
  resource: "replicationcontrollers",
  kind: "ReplicationController",
  component: "replication-controller",
  selector: (rc) => {
    const spec = rc.spec as { selector?: Record<string, string>; template?: PodTemplateSpec };
    const map = spec.selector ?? spec.template?.metadata?.labels;
    return map ? Object.entries(map).map(([key, v]) => ({ key, operator: "=" as const, values: [v] })) : undefined;
  },
};

/** At most this many pods are created or deleted in one sync (burstReplicas). */
const BURST_REPLICAS = 500;

interface ReplicaSpec {
  replicas?: number;
  minReadySeconds?: number;
  template?: PodTemplateSpec;
}

/**
 * The ReplicaSet / ReplicationController controller: claims the pods its selector matches, creates
 * or deletes pods to reach spec.replicas (deleting in the real ranking order), and reports
 * replicas, fullyLabeledReplicas, readyReplicas and availableReplicas.
 */
export function replicaController(kind: ReplicaKind): ControllerFactory {
  return ({ client, clock, random, requeueAfter }) => {
    const recorder = new EventRecorder(client, clock, random, { component: kind.component });
    const typeKey = `${kind.group}/${kind.resource}`;
    const ownersSelecting = (pod: KubeObject): string[] =>
      client.server.store
        .list(typeKey, pod.metadata.namespace)
        .filter((o) => {
          const sel = kind.selector(o);
          return sel && sel.length > 0 && matches(sel, pod.metadata.labels);
        })
        .map((o) => `${o.metadata.namespace}/${o.metadata.name}`);

    return {
      name: kind.component,
      watches: [typeKey, "/pods"],
      keysFor(event) {
        const obj = event.object;
        if (event.typeKey === typeKey) return [`${obj.metadata.namespace}/${obj.metadata.name}`];
        const ref = controllerRef(obj);
        if (ref) return ref.kind === kind.kind ? [`${obj.metadata.namespace}/${ref.name}`] : [];
        return event.type === "DELETED" ? [] : ownersSelecting(obj);
      },
      resync: () => client.server.store.list(typeKey).map((o) => `${o.metadata.namespace}/${o.metadata.name}`),
      reconcile(key) {
        const { namespace, name } = splitKey(key);
        const owner = client.get(kind.group, kind.resource, namespace, name);
        if (!owner) return;
        const spec = owner.spec as ReplicaSpec;
        const selector = kind.selector(owner);
        if (!selector || selector.length === 0) return;
        const candidates = client.server.store.list("/pods", namespace);
        const owned = claimObjects(client, owner, candidates, (p) => matches(selector, p.metadata.labels), { group: "", resource: "pods" });
        const active = owned.filter((p) => isActive(asPod(p)));
        let failure: string | undefined;
        if (!owner.metadata.deletionTimestamp) failure = manageReplicas(owner, spec, active);
        const pods = client.server.store.list("/pods", namespace).filter((p) => controllerRef(p)?.uid === owner.metadata.uid && isActive(asPod(p)));
        updateStatus(owner, spec, pods.map(asPod), failure);
      },
    };

    function manageReplicas(owner: KubeObject, spec: ReplicaSpec, active: KubeObject[]): string | undefined {
      const wanted = spec.replicas ?? 1;
      const diff = active.length - wanted;
      if (diff < 0) {
        const count = Math.min(-diff, BURST_REPLICAS);
        // Slow start: batches of 1, 2, 4, … stop at the first error, as the real controller does against quotas.
        let created = 0;
        for (let batch = 1; created < count; batch *= 2) {
          const size = Math.min(batch, count - created);
          for (let i = 0; i < size; i++) {
            try {
              const pod = client.create(podFromTemplate(spec.template ?? {}, owner));
              recorder.normal(owner, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`);
            } catch (e) {
              if (!(e instanceof ApiError)) throw e;
              recorder.warning(owner, "FailedCreate", `Error creating: ${e.message}`);
              return e.message;
            }
          }
          created += size;
        }
      } else if (diff > 0) {
        const now = clock.now();
        const perNode = new Map<string, number>();
        for (const p of active) {
          const node = asPod(p).spec?.nodeName;
          if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
        }
        const rank = (p: Pod) => (p.spec?.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0);
        const victims = [...active].sort((a, b) => compareForDeletion(asPod(a), asPod(b), rank, now)).slice(0, Math.min(diff, BURST_REPLICAS));
        for (const pod of victims) {
          try {
            client.delete("", "pods", pod.metadata.namespace, pod.metadata.name!);
            recorder.normal(owner, "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`);
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
            recorder.warning(owner, "FailedDelete", `Error deleting: ${e.message}`);
          }
        }
      }
      return undefined;
    }

    function updateStatus(owner: KubeObject, spec: ReplicaSpec, pods: Pod[], failure: string | undefined): void {
      const now = clock.now();
      const minReady = spec.minReadySeconds ?? 0;
      const templateLabels = spec.template?.metadata?.labels ?? {};
      const old = (owner.status ?? {}) as Record<string, unknown> & { conditions?: Record<string, unknown>[] };
      const status: Record<string, unknown> = { replicas: pods.length };
      const fullyLabeled = pods.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata?.labels?.[k] === v)).length;
      const ready = pods.filter(isReady).length;
      const available = pods.filter((p) => isAvailable(p, minReady, now)).length;
      if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
      if (ready) status.readyReplicas = ready;
      if (available) status.availableReplicas = available;
      if (owner.metadata.generation !== undefined) status.observedGeneration = owner.metadata.generation;
      // As calculateStatus: a failure is recorded once (its first message stays) and cleared by the next clean sync.
      let conditions = old.conditions ?? [];
      const hasFailure = conditions.some((c) => c.type === "ReplicaFailure");
      if (failure && !hasFailure) {
        const reason = pods.length < (spec.replicas ?? 1) ? "FailedCreate" : "FailedDelete";
        conditions = [...conditions, { type: "ReplicaFailure", status: "True", lastTransitionTime: clock.nowRfc3339(), reason, message: failure }];
      } else if (!failure && hasFailure) {
        conditions = conditions.filter((c) => c.type !== "ReplicaFailure");
      }
      if (conditions.length > 0) status.conditions = conditions;
      if (!deepEqual(status, old)) {
        try {
          client.update({ ...owner, status }, "status");
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }
      // Come back when a ready pod has been ready for minReadySeconds.
      if (minReady > 0) {
        const next = pods
          .map((p) => availableAt(p, minReady))
          .filter((t): t is number => t !== undefined && t > now)
          .sort((a, b) => a - b)[0];
        if (next !== undefined) requeueAfter(`${owner.metadata.namespace}/${owner.metadata.name}`, next - now);
      }
      if (failure) requeueAfter(`${owner.metadata.namespace}/${owner.metadata.name}`, 10_000);
    }
  };
}
