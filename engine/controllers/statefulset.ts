import type { StatefulSet } from "kubernetes-types/apps/v1";
import type { Pod, PodTemplateSpec } from "kubernetes-types/core/v1";
import { ApiError } from "../api/errors";
import { fromLabelSelector, matches } from "../api/selectors/labels";
import type { KubeObject } from "../api/types";
import { deepEqual } from "../util/json";
import { splitKey, type ControllerFactory } from "./controller";
import { EventRecorder } from "./events";
import { asPod, controllerRef, isAvailable, isReady, ownerRefTo } from "./pods";
import { currentRevision, pruneRevisions, REVISION_HASH_LABEL } from "./revisions";

const ordinalOf = (sts: string, pod: string) => {
  const m = new RegExp(`^${sts.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-(\\d+)$`).exec(pod);
  return m ? Number(m[1]) : -1;
};

/**
 * The StatefulSet controller: pods `<name>-<ordinal>` with stable hostnames and per-ordinal
 * PersistentVolumeClaims `<template>-<name>-<ordinal>`, created in order (OrderedReady, one at a
 * time once the previous is Running and Ready) or all at once (Parallel), removed from the highest
 * ordinal, and updated from the highest ordinal down to the partition.
 */
export const statefulSetController: ControllerFactory = ({ client, clock, random, requeueAfter }) => {
  const recorder = new EventRecorder(client, clock, random, { component: "statefulset-controller" });
  return {
    name: "statefulset-controller",
    watches: ["apps/statefulsets", "/pods"],
    keysFor(event) {
      if (event.typeKey === "apps/statefulsets") return [`${event.object.metadata.namespace}/${event.object.metadata.name}`];
      const ref = controllerRef(event.object);
      return ref?.kind === "StatefulSet" ? [`${event.object.metadata.namespace}/${ref.name}`] : [];
    },
    resync: () => client.server.store.list("apps/statefulsets").map((s) => `${s.metadata.namespace}/${s.metadata.name}`),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const obj = client.get("apps", "statefulsets", namespace, name);
      if (!obj || obj.metadata.deletionTimestamp) return;
      const sts = obj as unknown as StatefulSet;
      const spec = sts.spec!;
      const replicas = spec.replicas ?? 1;
      const minReady = spec.minReadySeconds ?? 0;
      const now = clock.now();
      const parallel = spec.podManagementPolicy === "Parallel";
      const selector = fromLabelSelector(spec.selector);
      const update = currentRevision(client, obj, spec.template);
      const updateRevision = update.name;
      const oldStatus = (obj.status ?? {}) as NonNullable<StatefulSet["status"]>;
      const pods = new Map<number, Pod>();
      for (const p of client.server.store.list("/pods", namespace)) {
        if (controllerRef(p)?.uid !== obj.metadata.uid || !matches(selector, p.metadata.labels)) continue;
        const i = ordinalOf(name, p.metadata.name!);
        if (i >= 0) pods.set(i, asPod(p));
      }
      const healthy = (p: Pod | undefined) => !!p && !p.metadata?.deletionTimestamp && p.status?.phase === "Running" && isAvailable(p, minReady, now);
      const revisionOf = (p: Pod) => p.metadata?.labels?.[REVISION_HASH_LABEL];
      const currentRev = oldStatus.currentRevision ?? updateRevision;

      // Create or replace the pods 0…replicas-1.
      for (let i = 0; i < replicas; i++) {
        const pod = pods.get(i);
        if (pod?.status?.phase === "Failed" && !pod.metadata?.deletionTimestamp) {
          deletePod(obj, pod);
          if (!parallel) break;
          continue;
        }
        if (!pod) {
          // Pods below the partition keep the current revision; the rest get the update revision.
          const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
          const useCurrent = (spec.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate" && i < partition && currentRev !== updateRevision;
          createPod(obj, sts, i, useCurrent ? currentRev : updateRevision);
          if (!parallel) break;
          continue;
        }
        if (!parallel && !healthy(pod)) break;
      }
      // Scale down from the highest ordinal, one at a time unless Parallel, only when the rest are healthy.
      const extra = [...pods.keys()].filter((i) => i >= replicas).sort((a, b) => b - a);
      if (extra.length > 0) {
        const terminating = extra.some((i) => pods.get(i)!.metadata?.deletionTimestamp);
        const allHealthy = [...pods.values()].every((p) => healthy(p) || p.metadata?.deletionTimestamp);
        if (parallel) for (const i of extra) if (!pods.get(i)!.metadata?.deletionTimestamp) deletePod(obj, pods.get(i)!);
        if (!parallel && !terminating && allHealthy) deletePod(obj, pods.get(extra[0])!);
      }
      // RollingUpdate: replace the highest ordinal not at the update revision, down to the partition.
      if ((spec.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate") {
        const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
        const inRange = [...pods.entries()].filter(([i]) => i < replicas);
        const allHealthy = inRange.length === replicas && inRange.every(([, p]) => healthy(p));
        if (allHealthy || parallel) {
          const target = inRange
            .filter(([i, p]) => i >= partition && revisionOf(p) !== updateRevision && !p.metadata?.deletionTimestamp)
            .sort(([a], [b]) => b - a)[0];
          if (target) deletePod(obj, target[1]);
        }
      }

      const live = client.server.store
        .list("/pods", namespace)
        .filter((p) => controllerRef(p)?.uid === obj.metadata.uid)
        .map(asPod);
      const counted = live.filter((p) => !p.metadata?.deletionTimestamp);
      const updated = counted.filter((p) => revisionOf(p) === updateRevision).length;
      const atCurrent = counted.filter((p) => revisionOf(p) === currentRev).length;
      const done = updated === replicas && counted.length === replicas;
      const status: Record<string, unknown> = {
        ...(obj.metadata.generation !== undefined ? { observedGeneration: obj.metadata.generation } : {}),
        replicas: counted.length,
        ...(counted.filter(isReady).length ? { readyReplicas: counted.filter(isReady).length } : {}),
        ...((done ? updated : atCurrent) ? { currentReplicas: done ? updated : atCurrent } : {}),
        ...(updated ? { updatedReplicas: updated } : {}),
        currentRevision: done ? updateRevision : currentRev,
        updateRevision,
        collisionCount: 0,
        availableReplicas: counted.filter((p) => isAvailable(p, minReady, now)).length,
      };
      if (!deepEqual(status, oldStatus)) {
        try {
          client.update({ ...obj, status }, "status");
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      }
      if (minReady > 0 && counted.some((p) => isReady(p) && !isAvailable(p, minReady, now))) requeueAfter(key, minReady * 1000);
      pruneRevisions(client, obj, new Set([updateRevision, currentRev, ...live.map((p) => revisionOf(p) ?? "")]), spec.revisionHistoryLimit ?? 10);
    },
  };

  function createPod(owner: KubeObject, sts: StatefulSet, ordinal: number, revision: string): void {
    const name = `${owner.metadata.name}-${ordinal}`;
    const revisionObj = client.get("apps", "controllerrevisions", owner.metadata.namespace, revision);
    const template = JSON.parse(JSON.stringify((revisionObj?.data as { spec?: { template?: object } } | undefined)?.spec?.template ?? sts.spec?.template ?? {})) as PodTemplateSpec & { $patch?: string };
    delete template.$patch;
    const spec = (template.spec ?? { containers: [] }) as NonNullable<Pod["spec"]>;
    const claims: Record<string, unknown>[] = [];
    for (const tpl of sts.spec?.volumeClaimTemplates ?? []) {
      const claimName = `${tpl.metadata!.name}-${owner.metadata.name}-${ordinal}`;
      claims.push({ name: tpl.metadata!.name, persistentVolumeClaim: { claimName } });
      if (client.get("", "persistentvolumeclaims", owner.metadata.namespace, claimName)) continue;
      const retention = sts.spec?.persistentVolumeClaimRetentionPolicy;
      try {
        client.create({
          apiVersion: "v1",
          kind: "PersistentVolumeClaim",
          metadata: {
            name: claimName,
            namespace: owner.metadata.namespace,
            labels: { ...(tpl.metadata?.labels ?? {}), ...(sts.spec?.selector?.matchLabels ?? {}) },
            ...(tpl.metadata?.annotations ? { annotations: tpl.metadata.annotations } : {}),
            ...(retention?.whenDeleted === "Delete" ? { ownerReferences: [{ ...ownerRefTo(owner), controller: true }] } : {}),
          },
          spec: tpl.spec,
        });
        recorder.normal(owner, "SuccessfulCreate", `create Claim ${claimName} Pod ${name} in StatefulSet ${owner.metadata.name} success`);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        recorder.warning(owner, "FailedCreate", `create Claim ${claimName} for Pod ${name} in StatefulSet ${owner.metadata.name} failed error: ${e.message}`);
        return;
      }
    }
    spec.volumes = [...(spec.volumes ?? []).filter((v) => !claims.some((c) => c.name === v.name)), ...(claims as unknown as NonNullable<Pod["spec"]>["volumes"] & object[])];
    spec.hostname = name;
    if (sts.spec?.serviceName) spec.subdomain = sts.spec.serviceName;
    const labels = {
      ...(template.metadata?.labels ?? {}),
      [REVISION_HASH_LABEL]: revision,
      "statefulset.kubernetes.io/pod-name": name,
      "apps.kubernetes.io/pod-index": String(ordinal),
    };
    try {
      client.create({
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace: owner.metadata.namespace, labels, ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}), ownerReferences: [ownerRefTo(owner)] },
        spec,
      });
      recorder.normal(owner, "SuccessfulCreate", `create Pod ${name} in StatefulSet ${owner.metadata.name} successful`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      recorder.warning(owner, "FailedCreate", `create Pod ${name} in StatefulSet ${owner.metadata.name} failed error: ${e.message}`);
    }
  }

  function deletePod(owner: KubeObject, pod: Pod): void {
    try {
      client.delete("", "pods", pod.metadata!.namespace, pod.metadata!.name!);
      recorder.normal(owner, "SuccessfulDelete", `delete Pod ${pod.metadata!.name} in StatefulSet ${owner.metadata.name} successful`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
};
