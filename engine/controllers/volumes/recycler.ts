import type { PersistentVolume, Pod } from "kubernetes-types/core/v1";
import type { ApiClient } from "../../api/client";
import { ApiError } from "../../api/errors";
import { parseQuantity } from "../../api/quantity";
import type { KubeObject } from "../../api/types";
import type { ControllerContext } from "../controller";
import type { EventRecorder, EventType } from "../events";

type Volume = PersistentVolume & KubeObject;

export const RECYCLER_NAMESPACE = "default";
export const RECYCLER_PREFIX = "recycler-for-";
/** kube-controller-manager's default recycler pod image (pkg/volume NewPersistentVolumeRecyclerPodTemplate, 1.33). */
export const RECYCLER_IMAGE = "registry.k8s.io/build-image/debian-base:bookworm-v1.0.4";
const SCRUB = 'test -e /scrub && find /scrub -mindepth 1 -delete && test -z "$(ls -A /scrub)" || exit 1';
/** The PV controller's resync period (--pvclaimbinder-sync-period): a Failed volume is recycled again on each. */
export const RESYNC_MS = 15_000;
/** --pv-recycler-{minimum,increment}-timeout-{hostpath,nfs} defaults, in seconds. */
const TIMEOUTS = { hostPath: { minimum: 60, increment: 30 }, nfs: { minimum: 300, increment: 30 } };

interface RecyclerDeps {
  client: ApiClient;
  recorder: EventRecorder;
  ctx: Pick<ControllerContext, "requeueAfter" | "pendingAt">;
  /** Writes the volume's phase (and message) with an event, as updateVolumePhaseWithEvent: nothing when the phase is already set. */
  failVolume(volume: Volume, reason: string, message: string): void;
  /** Makes the recycled volume Available again (unbindVolume). */
  unbind(volume: Volume): void;
}

/**
 * The PV controller's Recycle reclaim policy, as recycleVolumeOperation and the hostPath/NFS
 * plugins' recyclerclient do it: a `recycler-for-<pv>` pod in the default namespace scrubs the
 * volume; its events are relayed to the volume as RecyclerPod events; when it succeeds the volume
 * becomes Available, when it fails the volume is Failed and recycled again on the next resync.
 * The running pod is the operation's only state, so a restored cluster carries on where it was.
 */
export function volumeRecycler({ client, recorder, ctx, failVolume, unbind }: RecyclerDeps) {
  const store = client.server.store;
  const podName = (pv: string) => RECYCLER_PREFIX + pv;
  const getPod = (pv: string) => store.get("/pods", RECYCLER_NAMESPACE, podName(pv)) as (Pod & KubeObject) | undefined;
  const deletePod = (pv: string) => {
    try {
      client.delete("", "pods", RECYCLER_NAMESPACE, podName(pv));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  };
  const retryLater = (pv: string) => ctx.requeueAfter(`volume|${pv}`, RESYNC_MS);

  /** One step of recycling a released volume: start the pod, or finish once it has. */
  function recycle(volume: Volume): void {
    const name = volume.metadata.name!;
    const pod = getPod(name);
    if (pod) {
      const phase = pod.status?.phase;
      if (phase !== "Succeeded" && phase !== "Failed") return; // still scrubbing: its updates bring us back
      deletePod(name);
      if (phase === "Failed") {
        failVolume(volume, "VolumeFailedRecycle", `Recycle failed: failed to recycle volume: ${pod.status?.message || "pod failed, pod.Status.Message unknown"}`);
        retryLater(name);
        return;
      }
      recorder.normal(volume, "VolumeRecycled", "Volume recycled");
      unbind(volume);
      return;
    }
    // A Failed volume waits for the next resync before its next attempt.
    if (volume.status?.phase === "Failed" && ctx.pendingAt?.(`volume|${name}`) !== undefined) return;
    const users = podsUsing(volume);
    if (users.length > 0) {
      recorder.normal(volume, "VolumeFailedRecycle", `Volume is used by pods: ${users.join(",")}`);
      return;
    }
    const source = recyclableSource(volume);
    if (!source) {
      failVolume(volume, "VolumeFailedRecycle", "No recycler plugin found for the volume!");
      return;
    }
    try {
      client.create(recyclerPod(name, source.volume, timeoutSeconds(volume, source.plugin)));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      failVolume(volume, "VolumeFailedRecycle", `Recycle failed: unexpected error creating recycler pod:  ${e.message}`);
      retryLater(name);
    }
  }

  /** The volume was deleted while its recycler ran: the pod is still removed once it has finished, as the operation does. */
  function abandoned(pv: string): void {
    const phase = getPod(pv)?.status?.phase;
    if (phase === "Succeeded" || phase === "Failed") deletePod(pv);
  }

  /** The recycler pod vanished before it finished (someone deleted it): the attempt failed. */
  function podGone(volume: Volume): void {
    if (getPod(volume.metadata.name!) || volume.status?.phase !== "Released") return;
    failVolume(volume, "VolumeFailedRecycle", "Recycle failed: failed to recycle volume: recycler pod was deleted");
    retryLater(volume.metadata.name!);
  }

  /**
   * A new event about the recycler pod goes to its volume too (recyclerclient relays ADDED events
   * only), while the volume is being recycled: the pod may already be gone when its last events are
   * read, as the events watch can lag the pods watch.
   */
  function relay(volume: Volume, event: KubeObject): void {
    if (!volume.spec?.claimRef?.uid || volume.spec.persistentVolumeReclaimPolicy !== "Recycle") return;
    recorder.record(volume, event.type as EventType, "RecyclerPod", `Recycler pod: ${event.message as string}`);
  }

  /** Running pods still mounting the released claim (isVolumeUsed). */
  function podsUsing(volume: Volume): string[] {
    const ref = volume.spec?.claimRef;
    if (!ref?.name) return [];
    return store
      .list("/pods", ref.namespace)
      .filter((p) => {
        const phase = (p.status as Pod["status"])?.phase;
        if (phase === "Succeeded" || phase === "Failed") return false;
        return ((p.spec as Pod["spec"])?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === ref.name);
      })
      .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
      .sort();
  }

  return { recycle, podGone, relay, abandoned };
}

/** The volume's name if `pod` is a recycler pod, as the binder's watch sees it. */
export function recycledVolumeOf(obj: KubeObject): string | undefined {
  const name = obj.metadata.name ?? "";
  return obj.metadata.namespace === RECYCLER_NAMESPACE && name.startsWith(RECYCLER_PREFIX) ? name.slice(RECYCLER_PREFIX.length) : undefined;
}

/** Only the hostPath and NFS plugins can recycle (FindRecyclablePluginBySpec). */
function recyclableSource(volume: Volume): { plugin: keyof typeof TIMEOUTS; volume: Record<string, unknown> } | undefined {
  const spec = volume.spec ?? {};
  if (spec.hostPath) return { plugin: "hostPath", volume: { hostPath: { path: spec.hostPath.path } } };
  if (spec.nfs) return { plugin: "nfs", volume: { nfs: { server: spec.nfs.server, path: spec.nfs.path, readOnly: false } } };
  return undefined;
}

/** CalculateTimeoutForVolume: the increment per whole GiB of capacity, at least the minimum. */
function timeoutSeconds(volume: Volume, plugin: keyof typeof TIMEOUTS): number {
  const { minimum, increment } = TIMEOUTS[plugin];
  const storage = volume.spec?.capacity?.storage;
  let gib = 0;
  try {
    gib = storage ? Math.floor(parseQuantity(String(storage)).value() / 2 ** 30) : 0;
  } catch {
    gib = 0;
  }
  return Math.max(minimum, gib * increment);
}

function recyclerPod(pv: string, source: Record<string, unknown>, timeout: number): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: RECYCLER_PREFIX + pv, namespace: RECYCLER_NAMESPACE },
    spec: {
      activeDeadlineSeconds: timeout,
      restartPolicy: "Never",
      volumes: [{ name: "vol", ...source }],
      containers: [{ name: "pv-recycler", image: RECYCLER_IMAGE, command: ["/bin/sh"], args: ["-c", SCRUB], volumeMounts: [{ name: "vol", mountPath: "/scrub" }] }],
    },
  };
}
