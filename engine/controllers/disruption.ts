import type { Pod } from "kubernetes-types/core/v1";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1";
import { ApiError } from "../api/errors";
import { fromLabelSelector, matches } from "../api/selectors/labels";
import type { ObjectStore } from "../api/store";
import { deepEqual } from "../util/json";
import { splitKey, type ControllerFactory } from "./controller";
import { EventRecorder } from "./events";
import { asPod, controllerRef, isReady } from "./pods";

/** How long an eviction's entry in status.disruptedPods holds before the pod is counted again (DeletionTimeout). */
export const DISRUPTED_POD_TIMEOUT_MS = 2 * 60_000;

export function pdbPods(store: ObjectStore, pdb: PodDisruptionBudget): Pod[] {
  if (!pdb.spec?.selector) return [];
  const sel = fromLabelSelector(pdb.spec.selector);
  // An empty selector matches every pod in the namespace for policy/v1.
  return store
    .list("/pods", pdb.metadata!.namespace)
    .map(asPod)
    .filter((p) => matches(sel, p.metadata?.labels));
}

/** The replica count of the workload behind a pod (RS → its Deployment, StatefulSet, RC, …). */
function expectedScale(store: ObjectStore, pod: Pod): { key: string; replicas: number } | undefined {
  const ref = controllerRef(pod);
  if (!ref) return undefined;
  const ns = pod.metadata!.namespace;
  const lookup: Record<string, string> = { ReplicaSet: "apps/replicasets", StatefulSet: "apps/statefulsets", ReplicationController: "/replicationcontrollers", Deployment: "apps/deployments" };
  const typeKey = lookup[ref.kind];
  if (!typeKey) return undefined;
  let owner = store.get(typeKey, ns, ref.name);
  if (!owner || owner.metadata.uid !== ref.uid) return undefined;
  if (ref.kind === "ReplicaSet") {
    const parent = controllerRef(owner);
    const d = parent?.kind === "Deployment" ? store.get("apps/deployments", ns, parent.name) : undefined;
    if (d && d.metadata.uid === parent!.uid) owner = d;
  }
  return { key: owner.metadata.uid!, replicas: ((owner.spec as { replicas?: number }).replicas ?? 1) };
}

function scaled(value: number | string, total: number): number {
  if (typeof value === "number") return value;
  const m = /^(\d+)%$/.exec(value);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(value) || 0;
}

/**
 * The disruption controller: keeps each PodDisruptionBudget's status — expected pods, how many
 * must stay healthy, how many are, and how many may be disrupted now — for evictions to consult.
 */
export const disruptionController: ControllerFactory = ({ client, clock, random, requeueAfter }) => {
  const recorder = new EventRecorder(client, clock, random, { component: "controllermanager" });
  const store = client.server.store;
  return {
    name: "disruption-controller",
    watches: ["policy/poddisruptionbudgets", "/pods"],
    keysFor(event) {
      if (event.typeKey === "policy/poddisruptionbudgets") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
      return store
        .list("policy/poddisruptionbudgets", event.object.metadata.namespace)
        .map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
    },
    resync: () => store.list("policy/poddisruptionbudgets").map((p) => `${p.metadata.namespace}/${p.metadata.name}`),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const obj = client.get("policy", "poddisruptionbudgets", namespace, name);
      if (!obj) return;
      const pdb = obj as unknown as PodDisruptionBudget;
      const pods = pdbPods(store, pdb);
      const now = clock.now();
      const disrupted: Record<string, string> = {};
      let nextExpiry: number | undefined;
      for (const [podName, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
        const pod = pods.find((p) => p.metadata?.name === podName);
        const expires = Date.parse(at) + DISRUPTED_POD_TIMEOUT_MS;
        if (!pod || pod.metadata?.deletionTimestamp || expires <= now) continue;
        disrupted[podName] = at;
        nextExpiry = Math.min(nextExpiry ?? expires, expires);
      }
      const healthy = pods.filter((p) => !p.metadata?.deletionTimestamp && !disrupted[p.metadata!.name!] && isReady(p)).length;
      let expected = pods.length;
      let desired = 0;
      const usesScale = pdb.spec?.maxUnavailable !== undefined || typeof pdb.spec?.minAvailable === "string";
      if (usesScale) {
        const owners = new Map<string, number>();
        for (const p of pods) {
          const s = expectedScale(store, p);
          if (s) owners.set(s.key, s.replicas);
        }
        expected = [...owners.values()].reduce((a, b) => a + b, 0);
        if (pdb.spec?.maxUnavailable !== undefined) desired = Math.max(0, expected - scaled(pdb.spec.maxUnavailable as number | string, expected));
        else desired = scaled(pdb.spec!.minAvailable as string, expected);
      } else if (pdb.spec?.minAvailable !== undefined) {
        desired = pdb.spec.minAvailable as number;
      }
      const allowed = Math.max(0, healthy - desired);
      if (pods.length === 0) recorder.normal(obj, "NoPods", "No matching pods found");
      const old = (obj.status ?? {}) as Record<string, unknown> & { conditions?: Record<string, unknown>[] };
      const oldCond = old.conditions?.find((c) => c.type === "DisruptionAllowed");
      const condStatus = allowed > 0 ? "True" : "False";
      const status: Record<string, unknown> = {
        ...(obj.metadata.generation !== undefined ? { observedGeneration: obj.metadata.generation } : {}),
        ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
        disruptionsAllowed: allowed,
        currentHealthy: healthy,
        desiredHealthy: desired,
        expectedPods: expected,
        conditions: [
          {
            type: "DisruptionAllowed",
            status: condStatus,
            ...(obj.metadata.generation !== undefined ? { observedGeneration: obj.metadata.generation } : {}),
            lastTransitionTime: oldCond?.status === condStatus ? oldCond.lastTransitionTime : clock.nowRfc3339(),
            reason: allowed > 0 ? "SufficientPods" : "InsufficientPods",
            message: "",
          },
        ],
      };
      if (!deepEqual(status, old)) {
        try {
          client.update({ ...obj, status }, "status");
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }
      if (nextExpiry !== undefined) requeueAfter(key, nextExpiry - now);
    },
  };
};
