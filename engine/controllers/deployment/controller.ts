import type { Deployment, DeploymentStatus, ReplicaSet } from "kubernetes-types/apps/v1";
import type { Pod } from "kubernetes-types/core/v1";
import type { ApiClient } from "../../api/client";
import { ApiError } from "../../api/errors";
import { fromLabelSelector, matches, type LabelSelectorObject } from "../../api/selectors/labels";
import type { KubeObject } from "../../api/types";
import type { VirtualClock } from "../../clock/clock";
import { deepEqual } from "../../util/json";
import { splitKey, type ControllerFactory } from "../controller";
import { EventRecorder } from "../events";
import { claimObjects } from "../ownership";
import { controllerRef, ownerRefTo } from "../pods";
import {
  byCreation,
  computeHash,
  DESIRED_REPLICAS,
  equalIgnoreHash,
  getCondition,
  HASH_LABEL,
  isRollingUpdate,
  MAX_REPLICAS,
  maxSurge,
  maxUnavailable,
  newCondition,
  removeCondition,
  replicasOf,
  REVISION,
  revisionOf,
  setCondition,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  specReplicas,
  sumSpec,
  sumStatus,
} from "./util";

const MAX_INT32 = 2147483647;
const asRS = (o: KubeObject) => o as unknown as ReplicaSet;
const asObj = (rs: ReplicaSet) => rs as unknown as KubeObject;

/** One sync of one Deployment; holds the objects it read and the writes it made (DeploymentController.syncDeployment). */
class DeploymentSync {
  private d: Deployment;
  constructor(
    private readonly client: ApiClient,
    private readonly clock: VirtualClock,
    private readonly recorder: EventRecorder,
    private readonly requeue: (delayMs: number) => void,
    deployment: KubeObject,
    private rsList: ReplicaSet[],
  ) {
    // Stored objects are frozen; this sync edits its own copy.
    this.d = JSON.parse(JSON.stringify(deployment)) as Deployment;
  }

  private get now(): string {
    return this.clock.nowRfc3339();
  }

  run(): void {
    const d = this.d;
    if (d.metadata?.deletionTimestamp) {
      const { newRS, oldRSs } = this.getAllReplicaSets(false);
      this.syncStatusOnly([...oldRSs, newRS], newRS);
      return;
    }
    this.checkPausedConditions();
    if (d.spec?.paused) return this.sync();
    if (this.isScalingEvent()) return this.sync();
    if (isRollingUpdate(d)) this.rolloutRolling();
    else this.rolloutRecreate();
  }

  private hasProgressDeadline(): boolean {
    const s = this.d.spec?.progressDeadlineSeconds ?? 600;
    return s !== MAX_INT32;
  }

  private checkPausedConditions(): void {
    if (!this.hasProgressDeadline()) return;
    const status = (this.d.status ??= {});
    const cond = getCondition(status, "Progressing");
    if (cond?.reason === "ProgressDeadlineExceeded") return;
    const pausedExists = cond?.reason === "DeploymentPaused";
    let changed = false;
    if (this.d.spec?.paused && !pausedExists) {
      setCondition(status, newCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", this.now));
      changed = true;
    } else if (!this.d.spec?.paused && pausedExists) {
      setCondition(status, newCondition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", this.now));
      changed = true;
    }
    if (changed) this.writeStatus(status);
  }

  // ---------- finding the ReplicaSets ----------

  private getAllReplicaSets(createIfNotExisted: boolean): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
    const existing = [...this.rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, this.d.spec?.template));
    const oldRSs = this.rsList.filter((rs) => rs !== existing);
    const newRS = this.getNewReplicaSet(existing, oldRSs, createIfNotExisted);
    return { newRS, oldRSs: oldRSs.filter((rs) => rs.metadata?.uid !== newRS?.metadata?.uid) };
  }

  private getNewReplicaSet(existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], create: boolean): ReplicaSet | undefined {
    const d = this.d;
    const newRevision = Math.max(0, ...oldRSs.map(revisionOf)) + 1;
    if (existing) {
      const copy = JSON.parse(JSON.stringify(existing)) as ReplicaSet;
      const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
      const minReadyChanged = (copy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
      if (annotationsChanged || minReadyChanged) {
        copy.spec!.minReadySeconds = d.spec?.minReadySeconds;
        return this.replaceRS(copy);
      }
      this.setDeploymentRevision(copy.metadata?.annotations?.[REVISION] ?? "");
      const status = (d.status ??= {});
      if (this.hasProgressDeadline() && !getCondition(status, "Progressing")) {
        setCondition(status, newCondition("Progressing", "True", "FoundNewReplicaSet", `Found new replica set "${copy.metadata!.name}"`, this.now));
        this.writeStatus(status);
      }
      return copy;
    }
    if (!create) return undefined;
    const collisionCount = d.status?.collisionCount;
    const hash = computeHash(d.spec?.template, collisionCount);
    const template = JSON.parse(JSON.stringify(d.spec?.template ?? {}));
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH_LABEL]: hash } };
    const selector = JSON.parse(JSON.stringify(d.spec?.selector ?? {})) as LabelSelectorObject;
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH_LABEL]: hash };
    const rs: ReplicaSet = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${d.metadata!.name}-${hash}`,
        namespace: d.metadata!.namespace,
        labels: template.metadata.labels,
        ownerReferences: [ownerRefTo(d as unknown as KubeObject)],
      },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds, selector, template },
    };
    rs.spec!.replicas = this.newRSReplicas([...oldRSs, rs], rs);
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    let created: ReplicaSet;
    try {
      created = asRS(this.client.create(asObj(rs)));
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 409) throw e;
      // A ReplicaSet of that name exists: ours with the same template is fine, anything else is a hash collision.
      const clash = this.client.get("apps", "replicasets", d.metadata!.namespace, rs.metadata!.name!) as unknown as ReplicaSet | undefined;
      if (clash && controllerRef(clash)?.uid === d.metadata?.uid && equalIgnoreHash(clash.spec?.template, d.spec?.template)) return clash;
      const status = (d.status ??= {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      this.writeStatus(status);
      return undefined;
    }
    if (specReplicas(created) > 0) {
      this.recorder.normal(d as unknown as KubeObject, "ScalingReplicaSet", `Scaled up replica set ${created.metadata!.name} from 0 to ${specReplicas(created)}`);
    }
    this.rsList.push(created);
    this.setDeploymentRevision(String(newRevision));
    const status = (d.status ??= {});
    if (this.hasProgressDeadline()) {
      setCondition(status, newCondition("Progressing", "True", "NewReplicaSetCreated", `Created new replica set "${created.metadata!.name}"`, this.now));
      this.writeStatus(status);
    }
    return created;
  }

  private setDeploymentRevision(revision: string): void {
    if (!revision || this.d.metadata?.annotations?.[REVISION] === revision) return;
    const updated = this.client.patch("apps", "deployments", this.d.metadata!.namespace, this.d.metadata!.name!, {
      metadata: { annotations: { [REVISION]: revision } },
    });
    this.d = { ...(JSON.parse(JSON.stringify(updated)) as Deployment), status: this.d.status };
  }

  private replaceRS(rs: ReplicaSet): ReplicaSet {
    const updated = asRS(this.client.update(asObj(rs)));
    this.rsList = this.rsList.map((r) => (r.metadata?.uid === updated.metadata?.uid ? updated : r));
    return updated;
  }

  // ---------- scaling ----------

  private newRSReplicas(allRSs: ReplicaSet[], newRS: ReplicaSet): number {
    const d = this.d;
    if (!isRollingUpdate(d)) return replicasOf(d);
    const current = sumSpec(allRSs);
    const maxTotal = replicasOf(d) + maxSurge(d);
    if (current >= maxTotal) return specReplicas(newRS);
    const scaleUp = Math.min(maxTotal - current, replicasOf(d) - specReplicas(newRS));
    return specReplicas(newRS) + scaleUp;
  }

  private scaleAndRecord(rs: ReplicaSet, newScale: number): ReplicaSet {
    if (specReplicas(rs) === newScale) return rs;
    return this.scaleRS(rs, newScale, specReplicas(rs) < newScale ? "up" : "down");
  }

  private scaleRS(rs: ReplicaSet, newScale: number, operation: string): ReplicaSet {
    const d = this.d;
    const sizeChanged = specReplicas(rs) !== newScale;
    const copy = JSON.parse(JSON.stringify(rs)) as ReplicaSet;
    const annotationsChanged = setReplicasAnnotations(copy, replicasOf(d), replicasOf(d) + maxSurge(d));
    if (!sizeChanged && !annotationsChanged) return rs;
    const old = specReplicas(rs);
    copy.spec!.replicas = newScale;
    const updated = this.replaceRS(copy);
    if (sizeChanged) {
      this.recorder.normal(d as unknown as KubeObject, "ScalingReplicaSet", `Scaled ${operation} replica set ${rs.metadata!.name} from ${old} to ${newScale}`);
    }
    return updated;
  }

  private isScalingEvent(): boolean {
    const { newRS, oldRSs } = this.getAllReplicaSets(false);
    return [...oldRSs, newRS].filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0).some((rs) => {
      const desired = rs.metadata?.annotations?.[DESIRED_REPLICAS];
      return desired !== undefined && Number(desired) !== replicasOf(this.d);
    });
  }

  /** The scaling path (paused deployments and replica count changes): proportional across active ReplicaSets. */
  private sync(): void {
    const { newRS, oldRSs } = this.getAllReplicaSets(false);
    this.scale(newRS, oldRSs);
    const fresh = this.refresh(newRS, oldRSs);
    if (this.d.spec?.paused) this.cleanup(fresh.oldRSs);
    this.syncStatusOnly([...fresh.oldRSs, fresh.newRS], fresh.newRS);
  }

  private refresh(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
    const byUid = new Map(this.rsList.map((r) => [r.metadata!.uid!, r]));
    return { newRS: newRS ? (byUid.get(newRS.metadata!.uid!) ?? newRS) : undefined, oldRSs: oldRSs.map((r) => byUid.get(r.metadata!.uid!) ?? r) };
  }

  private scale(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
    const d = this.d;
    const desired = replicasOf(d);
    const active = [newRS, ...oldRSs].filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0);
    if (active.length <= 1) {
      const target = active[0] ?? newRS ?? [...oldRSs].sort(byCreation).reverse()[0];
      if (target && specReplicas(target) !== desired) this.scaleAndRecord(target, desired);
      return;
    }
    const saturated =
      newRS &&
      newRS.metadata?.annotations?.[DESIRED_REPLICAS] === String(desired) &&
      (newRS.status?.availableReplicas ?? 0) === desired &&
      specReplicas(newRS) === desired;
    if (saturated) {
      for (const old of oldRSs.filter((rs) => specReplicas(rs) > 0)) this.scaleAndRecord(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const allowed = desired > 0 ? desired + maxSurge(d) : 0;
    const toAdd = allowed - sumSpec(active);
    const newer = (a: ReplicaSet, b: ReplicaSet) => specReplicas(b) - specReplicas(a) || byCreation(b, a);
    const older = (a: ReplicaSet, b: ReplicaSet) => specReplicas(b) - specReplicas(a) || byCreation(a, b);
    if (toAdd > 0) active.sort(newer);
    else if (toAdd < 0) active.sort(older);
    const operation = toAdd > 0 ? "up" : "down";
    let added = 0;
    const sizes = active.map((rs) => {
      if (toAdd === 0) return specReplicas(rs);
      const proportion = this.proportion(rs, toAdd, added);
      added += proportion;
      return specReplicas(rs) + proportion;
    });
    active.forEach((rs, i) => {
      if (i === 0 && toAdd !== 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
      this.scaleRS(rs, sizes[i], operation);
    });
  }

  private proportion(rs: ReplicaSet, toAdd: number, added: number): number {
    if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
    const d = this.d;
    let fraction: number;
    if (replicasOf(d) === 0) fraction = -specReplicas(rs);
    else {
      const deploymentReplicas = replicasOf(d) + maxSurge(d);
      const annotated = Number(rs.metadata?.annotations?.[MAX_REPLICAS] ?? d.status?.replicas ?? 0) || d.status?.replicas || 1;
      fraction = Math.round((specReplicas(rs) * deploymentReplicas) / annotated) - specReplicas(rs);
    }
    const allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  // ---------- rollouts ----------

  private rolloutRolling(): void {
    let { newRS, oldRSs } = this.getAllReplicaSets(true);
    if (!newRS) return;
    if (this.reconcileNewReplicaSet(newRS)) {
      ({ newRS, oldRSs } = this.refresh(newRS, oldRSs));
      return this.syncRolloutStatus([...oldRSs, newRS], newRS);
    }
    if (this.reconcileOldReplicaSets(newRS, oldRSs)) {
      ({ newRS, oldRSs } = this.refresh(newRS, oldRSs));
      return this.syncRolloutStatus([...oldRSs, newRS], newRS);
    }
    if (this.complete(this.d.status ?? {})) this.cleanup(oldRSs);
    ({ newRS, oldRSs } = this.refresh(newRS, oldRSs));
    this.syncRolloutStatus([...oldRSs, newRS], newRS);
  }

  private reconcileNewReplicaSet(newRS: ReplicaSet): boolean {
    const desired = replicasOf(this.d);
    if (specReplicas(newRS) === desired) return false;
    if (specReplicas(newRS) > desired) {
      this.scaleAndRecord(newRS, desired);
      return true;
    }
    const all = this.rsList;
    const count = this.newRSReplicas(all, newRS);
    if (count === specReplicas(newRS)) return false;
    this.scaleAndRecord(newRS, count);
    return true;
  }

  private reconcileOldReplicaSets(newRS: ReplicaSet, oldRSs: ReplicaSet[]): boolean {
    const d = this.d;
    const active = oldRSs.filter((rs) => specReplicas(rs) > 0);
    if (sumSpec(active) === 0) return false;
    const all = [...oldRSs, newRS];
    const minAvailable = replicasOf(d) - maxUnavailable(d);
    const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = sumSpec(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return false;
    // First drop old pods that are not available anyway, then available ones while minAvailable holds.
    let cleaned = 0;
    for (const rs of [...active].sort(byCreation)) {
      if (cleaned >= maxScaledDown) break;
      const unhealthy = specReplicas(rs) - (rs.status?.availableReplicas ?? 0);
      if (specReplicas(rs) === 0 || unhealthy <= 0) continue;
      const down = Math.min(maxScaledDown - cleaned, unhealthy);
      this.scaleAndRecord(rs, specReplicas(rs) - down);
      cleaned += down;
    }
    const fresh = this.refresh(newRS, active);
    const available = sumStatus([...fresh.oldRSs, fresh.newRS], "availableReplicas");
    let scaledDown = 0;
    if (available > minAvailable) {
      const total = available - minAvailable;
      for (const rs of [...fresh.oldRSs].sort(byCreation)) {
        if (scaledDown >= total) break;
        if (specReplicas(rs) === 0) continue;
        const down = Math.min(specReplicas(rs), total - scaledDown);
        this.scaleAndRecord(rs, specReplicas(rs) - down);
        scaledDown += down;
      }
    }
    return cleaned + scaledDown > 0;
  }

  private rolloutRecreate(): void {
    let { newRS, oldRSs } = this.getAllReplicaSets(false);
    const activeOld = oldRSs.filter((rs) => specReplicas(rs) > 0);
    if (activeOld.length > 0) {
      for (const rs of activeOld) this.scaleAndRecord(rs, 0);
      ({ newRS, oldRSs } = this.refresh(newRS, oldRSs));
      return this.syncRolloutStatus([...oldRSs, newRS], newRS);
    }
    if (this.oldPodsRunning(newRS, oldRSs)) return this.syncRolloutStatus([...oldRSs, newRS], newRS);
    if (!newRS) ({ newRS, oldRSs } = this.getAllReplicaSets(true));
    if (!newRS) return;
    this.scaleAndRecord(newRS, replicasOf(this.d));
    if (this.complete(this.d.status ?? {})) this.cleanup(oldRSs);
    ({ newRS, oldRSs } = this.refresh(newRS, oldRSs));
    this.syncRolloutStatus([...oldRSs, newRS], newRS);
  }

  private oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): boolean {
    if (sumStatus(oldRSs, "replicas") > 0) return true;
    const oldUids = new Set(oldRSs.map((rs) => rs.metadata!.uid));
    return this.client.server.store
      .list("/pods", this.d.metadata!.namespace)
      .map((p) => p as unknown as Pod)
      .some((p) => {
        const ref = controllerRef(p);
        return ref && oldUids.has(ref.uid) && ref.uid !== newRS?.metadata?.uid && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed";
      });
  }

  /** Deletes the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit. */
  private cleanup(oldRSs: ReplicaSet[]): void {
    const limit = this.d.spec?.revisionHistoryLimit ?? 10;
    const alive = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
    const diff = alive.length - limit;
    if (diff <= 0) return;
    const byRevision = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
    for (const rs of byRevision.slice(0, diff)) {
      if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0) continue;
      if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      this.client.delete("apps", "replicasets", rs.metadata!.namespace, rs.metadata!.name!);
    }
  }

  // ---------- status ----------

  private complete(status: DeploymentStatus): boolean {
    const d = this.d;
    const desired = replicasOf(d);
    return (
      (status.updatedReplicas ?? 0) === desired &&
      (status.replicas ?? 0) === desired &&
      (status.availableReplicas ?? 0) === desired &&
      (status.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
    );
  }

  private calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentStatus {
    const d = this.d;
    const available = sumStatus(allRSs, "availableReplicas");
    const unavailable = Math.max(0, sumSpec(allRSs) - available);
    const status: DeploymentStatus = {};
    if (d.metadata?.generation !== undefined) status.observedGeneration = d.metadata.generation;
    const replicas = sumStatus(allRSs, "replicas");
    const updated = sumStatus([newRS], "replicas");
    const ready = sumStatus(allRSs, "readyReplicas");
    if (replicas) status.replicas = replicas;
    if (updated) status.updatedReplicas = updated;
    if (ready) status.readyReplicas = ready;
    if (available) status.availableReplicas = available;
    if (unavailable) status.unavailableReplicas = unavailable;
    if (d.status?.conditions) status.conditions = JSON.parse(JSON.stringify(d.status.conditions));
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    if (available >= replicasOf(d) - maxUnavailable(d)) {
      setCondition(status, newCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", this.now));
    } else {
      setCondition(status, newCondition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", this.now));
    }
    return status;
  }

  private syncStatusOnly(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const status = this.calculateStatus(allRSs, newRS);
    if (!deepEqual(status, this.d.status ?? {})) this.writeStatus(status);
  }

  private syncRolloutStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): void {
    const d = this.d;
    const status = this.calculateStatus(allRSs, newRS);
    if (!this.hasProgressDeadline()) removeCondition(status, "Progressing");
    const current = getCondition(status, "Progressing");
    const completed = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === "NewReplicaSetAvailable";
    if (this.hasProgressDeadline() && !completed) {
      const name = newRS?.metadata?.name;
      if (this.complete(status)) {
        setCondition(status, newCondition("Progressing", "True", "NewReplicaSetAvailable", name ? `ReplicaSet "${name}" has successfully progressed.` : `Deployment "${d.metadata!.name}" has successfully progressed.`, this.now));
      } else if (this.progressing(status)) {
        const cond = newCondition("Progressing", "True", "ReplicaSetUpdated", name ? `ReplicaSet "${name}" is progressing.` : `Deployment "${d.metadata!.name}" is progressing.`, this.now);
        if (current?.status === "True") cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, "Progressing");
        setCondition(status, cond);
      } else if (this.timedOut(status)) {
        setCondition(status, newCondition("Progressing", "False", "ProgressDeadlineExceeded", name ? `ReplicaSet "${name}" has timed out progressing.` : `Deployment "${d.metadata!.name}" has timed out progressing.`, this.now));
      }
    }
    const failure = allRSs.flatMap((rs) => rs?.status?.conditions ?? []).find((c) => c.type === "ReplicaFailure");
    if (failure) setCondition(status, newCondition("ReplicaFailure", failure.status as "True", failure.reason ?? "", failure.message ?? "", this.now));
    else if (getCondition(status, "ReplicaFailure")) removeCondition(status, "ReplicaFailure");
    if (deepEqual(status, d.status ?? {})) {
      this.requeueStuck(status);
      return;
    }
    this.writeStatus(status);
  }

  private progressing(status: DeploymentStatus): boolean {
    const old = this.d.status ?? {};
    const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
    const newOld = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
    return (
      newOld < oldOld ||
      (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
      (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
      (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
    );
  }

  private timedOut(status: DeploymentStatus): boolean {
    const cond = getCondition(status, "Progressing");
    if (!cond || cond.reason === "ProgressDeadlineExceeded") return false;
    const from = Date.parse(cond.lastUpdateTime ?? "");
    const deadline = (this.d.spec?.progressDeadlineSeconds ?? 600) * 1000;
    return from + deadline < this.clock.now();
  }

  private requeueStuck(status: DeploymentStatus): void {
    const cond = getCondition(status, "Progressing");
    if (!this.hasProgressDeadline() || !cond || this.complete(status) || cond.reason === "ProgressDeadlineExceeded") return;
    const after = Date.parse(cond.lastUpdateTime ?? "") + (this.d.spec?.progressDeadlineSeconds ?? 600) * 1000 - this.clock.now();
    // Virtual time stands still within a sync: a deadline due now is checked again a moment later.
    this.requeue(Math.max(after, 0) + 1000);
  }

  private writeStatus(status: DeploymentStatus): void {
    try {
      const latest = this.client.get("apps", "deployments", this.d.metadata!.namespace, this.d.metadata!.name!);
      if (!latest) return;
      const updated = this.client.update({ ...latest, status: status as unknown as Record<string, unknown> }, "status");
      this.d = JSON.parse(JSON.stringify(updated)) as Deployment;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
}

/**
 * The Deployment controller: a ReplicaSet per pod template (named by its pod-template-hash),
 * RollingUpdate within maxSurge/maxUnavailable or Recreate, revisions and rollbacks, pause,
 * proportional scaling, history cleanup, and the Available/Progressing conditions.
 */
export const deploymentController: ControllerFactory = ({ client, clock, random, requeueAfter }) => {
  const recorder = new EventRecorder(client, clock, random, { component: "deployment-controller" });
  const deploymentsSelecting = (obj: KubeObject) =>
    client.server.store
      .list("apps/deployments", obj.metadata.namespace)
      .filter((d) => {
        const sel = (d.spec as { selector?: LabelSelectorObject }).selector;
        return sel && matches(fromLabelSelector(sel), obj.metadata.labels);
      })
      .map((d) => `${d.metadata.namespace}/${d.metadata.name}`);
  return {
    name: "deployment-controller",
    watches: ["apps/deployments", "apps/replicasets", "/pods"],
    keysFor(event) {
      const obj = event.object;
      if (event.typeKey === "apps/deployments") return [`${obj.metadata.namespace}/${obj.metadata.name}`];
      if (event.typeKey === "apps/replicasets") {
        const ref = controllerRef(obj);
        if (ref) return ref.kind === "Deployment" ? [`${obj.metadata.namespace}/${ref.name}`] : [];
        return event.type === "DELETED" ? [] : deploymentsSelecting(obj);
      }
      // Pods matter only for Recreate, which waits for the old ones to go.
      if (event.type !== "DELETED") return [];
      const rsRef = controllerRef(obj);
      if (rsRef?.kind !== "ReplicaSet") return [];
      const rs = client.server.store.get("apps/replicasets", obj.metadata.namespace, rsRef.name);
      const dRef = rs ? controllerRef(rs) : undefined;
      return dRef?.kind === "Deployment" ? [`${obj.metadata.namespace}/${dRef.name}`] : [];
    },
    resync: () => client.server.store.list("apps/deployments").map((d) => `${d.metadata.namespace}/${d.metadata.name}`),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const d = client.get("apps", "deployments", namespace, name);
      if (!d) return;
      const selector = (d.spec as { selector?: LabelSelectorObject }).selector;
      if (!selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0)) {
        recorder.warning(d, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
        return;
      }
      const sel = fromLabelSelector(selector);
      const candidates = client.server.store.list("apps/replicasets", namespace);
      const owned = claimObjects(client, d, candidates, (rs) => matches(sel, rs.metadata.labels), { group: "apps", resource: "replicasets" });
      new DeploymentSync(client, clock, recorder, (ms) => requeueAfter(key, ms), d, owned.map(asRS)).run();
    },
  };
};
