import { Quantity, tryQuantity } from "../quantity";

/**
 * A pod's QoS class (pkg/apis/core/helper/qos: ComputePodQOS, v1.33): Guaranteed when every
 * container limits cpu and memory and the summed requests equal the summed limits, BestEffort
 * when nothing is requested or limited, Burstable otherwise. Only cpu and memory count.
 */
export type QOSClass = "Guaranteed" | "Burstable" | "BestEffort";

interface ContainerResources {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

interface PodLike {
  spec?: { containers?: ContainerResources[]; initContainers?: ContainerResources[] };
}

const COMPUTE = new Set(["cpu", "memory"]);

function accumulate(into: Map<string, Quantity>, list: Record<string, unknown> | undefined, found?: Set<string>): void {
  for (const [name, raw] of Object.entries(list ?? {})) {
    if (!COMPUTE.has(name)) continue;
    const q = tryQuantity(raw);
    if (!q || q.sign() <= 0) continue;
    found?.add(name);
    const current = into.get(name);
    into.set(name, current ? q.add(current) : q);
  }
}

export function podQOSClass(pod: PodLike): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    accumulate(requests, c.resources?.requests);
    const found = new Set<string>();
    accumulate(limits, c.resources?.limits, found);
    if (!found.has("cpu") || !found.has("memory")) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return "BestEffort";
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? "Guaranteed" : "Burstable";
}
