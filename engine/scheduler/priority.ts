import type { AdmissionPlugin } from "../api/admission/types";
import { ApiError } from "../api/errors";
import type { ObjectStore } from "../api/store";
import type { KubeObject } from "../api/types";

/** The two classes every cluster has (created by the apiserver's bootstrap in a real cluster). */
export const SYSTEM_PRIORITY_CLASSES: KubeObject[] = [
  {
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name: "system-cluster-critical" },
    value: 2000000000,
    preemptionPolicy: "PreemptLowerPriority",
    description: "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.",
  },
  {
    apiVersion: "scheduling.k8s.io/v1",
    kind: "PriorityClass",
    metadata: { name: "system-node-critical" },
    value: 2000001000,
    preemptionPolicy: "PreemptLowerPriority",
    description: "Used for system critical pods that must not be moved from their current node.",
  },
];

function forbidden(podName: string, message: string): ApiError {
  return new ApiError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `pods "${podName}" is forbidden: ${message}`, reason: "Forbidden", details: { name: podName, kind: "pods" }, code: 403 });
}

/** The class a pod without priorityClassName gets: the globalDefault one (the lowest value if several). */
function globalDefault(store: ObjectStore): KubeObject | undefined {
  const defaults = store.list("scheduling.k8s.io/priorityclasses").filter((pc) => pc.globalDefault === true);
  return defaults.sort((a, b) => (a.value as number) - (b.value as number))[0];
}

/**
 * The Priority admission plugin: resolves spec.priorityClassName (or the global default class) into
 * spec.priority and spec.preemptionPolicy when a pod is created, as the scheduler and kubelet expect.
 */
export function priorityAdmission(store: ObjectStore): AdmissionPlugin {
  return {
    name: "Priority",
    mutate(attrs, ctx) {
      if (attrs.operation !== "CREATE" || attrs.def.group !== "" || attrs.def.resource !== "pods" || attrs.subresource || !attrs.object) return;
      const pod = attrs.object as KubeObject & { spec?: { priorityClassName?: string; priority?: number; preemptionPolicy?: string } };
      const spec = (pod.spec ??= {});
      let cls: KubeObject | undefined;
      if (spec.priorityClassName) {
        cls = ctx.lookup("scheduling.k8s.io", "priorityclasses", undefined, spec.priorityClassName);
        if (!cls) throw forbidden(pod.metadata.name ?? "", `no PriorityClass with name ${spec.priorityClassName} was found`);
      } else {
        cls = globalDefault(store);
        if (cls) spec.priorityClassName = cls.metadata.name;
      }
      const value = cls ? (cls.value as number) : 0;
      if (spec.priority !== undefined && spec.priority !== value) {
        throw forbidden(
          pod.metadata.name ?? "",
          `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`,
        );
      }
      spec.priority = value;
      spec.preemptionPolicy ??= (cls?.preemptionPolicy as string | undefined) ?? "PreemptLowerPriority";
    },
  };
}
