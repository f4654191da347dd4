import type { Cluster } from "../cluster/cluster";
import type { ControllerFactory } from "../controllers/controller";
import { KUBE_SCHEDULER_CONTROLLERS } from "../scheduler/install";
import { kubeletStates } from "../kubelet/state";
import { layoutOf } from "./plugin";
import { versionInfo } from "./releases";

/**
 * Whether each control-plane component is serving, judged from its static pod on the control-plane
 * node: the kube-apiserver (and the etcd it needs) decides `cluster.apiserverUp`; a scheduler or
 * controller-manager that is not running pauses its control loops, so new pods stay Pending or
 * nothing reconciles — the consequences a learner has to diagnose.
 */
export const HEALTH_CONTROLLER = "control-plane-health";
// "leader-election" writes every component's lease itself (engine/controllers/leader-election.ts), whichever is down.
const NOT_KCM = new Set([HEALTH_CONTROLLER, "event-ttl", "leader-election", ...KUBE_SCHEDULER_CONTROLLERS]);

const BOOTED_KEY = "controlplane/booted";

export function controlPlaneBooted(cluster: Cluster): boolean {
  return !!cluster.extra[BOOTED_KEY];
}

export type Component = "etcd" | "kube-apiserver" | "kube-controller-manager" | "kube-scheduler";

/** Serving now, or when it will be (listening later), or never (not running). */
export function componentServing(cluster: Cluster, component: Component): { up: boolean; at?: number } {
  const layout = layoutOf(cluster);
  const state = kubeletStates(cluster)[layout.controlPlane.name];
  if (!state) return { up: false };
  const now = cluster.clock.now();
  for (const rec of Object.values(state.pods)) {
    if (rec.namespace !== "kube-system" || rec.name !== `${component}-${layout.controlPlane.name}` || !rec.staticSource) continue;
    const c = rec.containers[component];
    const proc = c?.process;
    if (!c || c.state !== "running" || !proc || proc.listens.length === 0) return { up: false };
    return proc.listeningAt <= now ? { up: true } : { up: false, at: proc.listeningAt };
  }
  return { up: false };
}

/** The image tag of a control-plane component's running container (its release). */
export function runningImageTag(cluster: Cluster, component: Component): string | undefined {
  const layout = layoutOf(cluster);
  const state = kubeletStates(cluster)[layout.controlPlane.name];
  for (const rec of Object.values(state?.pods ?? {})) {
    if (rec.namespace !== "kube-system" || rec.name !== `${component}-${layout.controlPlane.name}` || !rec.staticSource) continue;
    const c = rec.containers[component];
    if (c?.state === "running" && c.image) return c.image.replace(/^.*:/, "");
  }
  return undefined;
}

export function kcmControllers(cluster: Cluster): string[] {
  return cluster.controllers.names.filter((n) => !NOT_KCM.has(n) && !n.startsWith("kubelet-"));
}

/** What is serving now, and when the next component starts to (undefined: none will). */
function observe(cluster: Cluster) {
  const etcd = componentServing(cluster, "etcd");
  const apiserver = componentServing(cluster, "kube-apiserver");
  const scheduler = componentServing(cluster, "kube-scheduler");
  const kcm = componentServing(cluster, "kube-controller-manager");
  const pending = [etcd.at, apiserver.at, scheduler.at, kcm.at].filter((t): t is number => t !== undefined);
  return { apiUp: etcd.up && apiserver.up, schedulerUp: scheduler.up, kcmUp: kcm.up, nextAt: pending.length ? Math.min(...pending) : undefined };
}

/** The cluster's in-memory view of its control plane (kept nowhere else: a restore rebuilds it). */
function applyHealth(cluster: Cluster, seen: ReturnType<typeof observe>): void {
  cluster.apiserverUp = seen.apiUp;
  // /version tells the release of the kube-apiserver that is running (it changes with `kubeadm upgrade apply`).
  const tag = runningImageTag(cluster, "kube-apiserver");
  if (seen.apiUp && tag) cluster.apiserver.versionInfo = versionInfo(tag);
  cluster.controllers.setPaused([...KUBE_SCHEDULER_CONTROLLERS], !(seen.apiUp && seen.schedulerUp));
  cluster.controllers.setPaused(kcmControllers(cluster), !(seen.apiUp && seen.kcmUp));
}

export const controlPlaneHealth =
  (cluster: Cluster): ControllerFactory =>
  ({ requeueAfter }) => ({
    name: HEALTH_CONTROLLER,
    watches: ["/pods"],
    keysFor: (event) => (event.object.metadata.namespace === "kube-system" && event.object.metadata.annotations?.["kubernetes.io/config.mirror"] ? ["check"] : []),
    // A restore rebuilds the in-memory view here (its timer is in the snapshot already), so a copy of
    // a template at rest (which reconciles nothing) has its broken scheduler paused at once.
    resync: () => {
      if (cluster.extra[BOOTED_KEY]) applyHealth(cluster, observe(cluster));
      return ["check"];
    },
    reconcile() {
      const seen = observe(cluster);
      // Until the control plane has come up once (kubeadm init waits for it), nothing is judged down.
      if (!cluster.extra[BOOTED_KEY]) {
        if (!(seen.apiUp && seen.schedulerUp && seen.kcmUp)) {
          if (seen.nextAt !== undefined) requeueAfter("check", Math.max(1, seen.nextAt - cluster.clock.now()));
          return;
        }
        cluster.setPluginState(BOOTED_KEY, true);
      }
      applyHealth(cluster, seen);
      if (seen.nextAt !== undefined) requeueAfter("check", Math.max(1, seen.nextAt - cluster.clock.now()));
    },
  });
