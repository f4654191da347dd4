import type { Cluster } from "../cluster/cluster";
import { SYSTEM_MASTER, type UserInfo } from "../api/types";
import { bindingsResource, podBindingSubresource } from "./binding";
import { SchedulerCache } from "./cache";
import { priorityAdmission, SYSTEM_PRIORITY_CLASSES } from "./priority";
import { schedulerLoop } from "./scheduler";

/** Controller names of kube-scheduler, for whoever models its static pod being down (ControllerManager.setPaused). */
export const KUBE_SCHEDULER_CONTROLLERS = ["default-scheduler"];

/** kube-scheduler's identity; it keeps system:masters so it works before and after RBAC roles exist. */
export const KUBE_SCHEDULER_USER: UserInfo = { username: "system:kube-scheduler", groups: [...SYSTEM_MASTER.groups] };

/**
 * Installs the scheduler: the binding endpoints, the Priority admission plugin, the default
 * scheduler and the loop that serves schedulers the learner runs as pods.
 */
export function installScheduler(cluster: Cluster): void {
  cluster.apiserver.registerSubresource("", "pods", "binding", podBindingSubresource);
  cluster.apiserver.virtualResources.set("/bindings", bindingsResource);
  cluster.apiserver.admission.push(priorityAdmission(cluster.store));
  const cache = new SchedulerCache(cluster.store);
  const loops: { moveUnschedulable(reason: string): void }[] = [];
  for (const mode of ["default", "pods"] as const) {
    const name = mode === "default" ? "default-scheduler" : "pod-schedulers";
    cluster.addController(
      name,
      (ctx) => {
        const loop = schedulerLoop({ mode, cache, cluster })(ctx);
        loops.push(loop);
        return loop;
      },
      KUBE_SCHEDULER_USER,
    );
  }
  // Made first and then assigned: V8 allocates a function literal assigned straight to a property in
  // the old generation, where it would keep the cluster alive through young-generation collections.
  const moveUnschedulable = (reason: string) => {
    for (const loop of loops) loop.moveUnschedulable(reason);
  };
  cache.onClusterChange = moveUnschedulable;
}

export function bootstrapScheduler(cluster: Cluster): void {
  for (const pc of SYSTEM_PRIORITY_CLASSES) {
    if (!cluster.admin.get("scheduling.k8s.io", "priorityclasses", undefined, pc.metadata.name!)) cluster.admin.create(pc);
  }
}
