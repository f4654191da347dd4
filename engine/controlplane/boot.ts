import type { EnvironmentPlugin } from "../cluster/environment";
import { controlPlaneBooted } from "./health";

/**
 * Brings a freshly created environment to the state a lab is in when the learner arrives: the
 * control plane serving and every kube-system pod Ready. It lets cluster time run (as `kubeadm
 * init` and the add-ons' start-up take real seconds), bounded so a broken set-up cannot hang.
 */
const STEP_MS = 1000;
const LIMIT_MS = 180_000;

function systemPodsReady(env: Parameters<EnvironmentPlugin["install"]>[0]): boolean {
  for (const cluster of env.clusters.values()) {
    if (!controlPlaneBooted(cluster)) return false;
    for (const ns of ["kube-system", "kube-flannel"]) {
      for (const pod of cluster.store.list("/pods", ns)) {
        const ready = ((pod.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
        if (!ready) return false;
      }
    }
    // Add-on workloads exist and have their pods (controllers may still be creating them).
    for (const d of cluster.store.list("apps/deployments", "kube-system")) {
      const spec = d.spec as { replicas?: number };
      const status = (d.status ?? {}) as { readyReplicas?: number };
      if ((status.readyReplicas ?? 0) < (spec.replicas ?? 1)) return false;
    }
  }
  return true;
}

export const clusterBootPlugin: EnvironmentPlugin = {
  name: "cluster-boot",
  install() {},
  bootstrap(env) {
    const start = env.clock.now();
    while (!systemPodsReady(env) && env.clock.now() - start < LIMIT_MS) {
      const next = env.clock.nextTimerAt();
      // Jump straight to the next thing that happens, but never by more than a second at a time.
      env.advanceTo(Math.min(next ?? env.clock.now() + STEP_MS, env.clock.now() + STEP_MS));
    }
  },
};
