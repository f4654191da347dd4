import type { Container, Pod } from "kubernetes-types/core/v1";

/** A resource map as the API writes it ({"cpu": "500m", "memory": "128Mi"}). */
export type ResourceList = Record<string, string | number>;
import { tryQuantity } from "../api/quantity";

/** Requested or allocatable amounts as plain numbers: cpu in millicores, the rest in units (bytes, counts). */
export interface Resources {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources (nvidia.com/gpu, hugepages-2Mi, …). */
  scalar: Record<string, number>;
}

/** What the scheduler assumes for a container without requests when scoring (DefaultMilliCPURequest, DefaultMemoryRequest). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const parsed = new Map<string, number>();

/** Parses a quantity to a number, cached: the same few strings ("100m", "128Mi") recur thousands of times. */
function amount(value: unknown, milli: boolean): number {
  const key = `${milli ? "m" : ""}${String(value)}`;
  const hit = parsed.get(key);
  if (hit !== undefined) return hit;
  const q = tryQuantity(value);
  const n = q ? (milli ? q.milliValue() : q.value()) : 0;
  if (parsed.size < 10_000) parsed.set(key, n);
  return n;
}

export function emptyResources(): Resources {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} };
}

export function fromResourceList(list: ResourceList | undefined): Resources {
  const r = emptyResources();
  for (const [name, value] of Object.entries(list ?? {})) {
    if (name === "cpu") r.milliCPU = amount(value, true);
    else if (name === "memory") r.memory = amount(value, false);
    else if (name === "ephemeral-storage") r.ephemeralStorage = amount(value, false);
    else if (name !== "pods") r.scalar[name] = amount(value, false);
  }
  return r;
}

export function addInto(target: Resources, r: Resources, sign = 1): void {
  target.milliCPU += sign * r.milliCPU;
  target.memory += sign * r.memory;
  target.ephemeralStorage += sign * r.ephemeralStorage;
  for (const [k, v] of Object.entries(r.scalar)) target.scalar[k] = (target.scalar[k] ?? 0) + sign * v;
}

function maxInto(target: Resources, r: Resources): void {
  target.milliCPU = Math.max(target.milliCPU, r.milliCPU);
  target.memory = Math.max(target.memory, r.memory);
  target.ephemeralStorage = Math.max(target.ephemeralStorage, r.ephemeralStorage);
  for (const [k, v] of Object.entries(r.scalar)) target.scalar[k] = Math.max(target.scalar[k] ?? 0, v);
}

/** A container's requests; limits stand in for missing requests, as API defaulting would have set them. */
function containerRequests(c: Container, nonZero: boolean): Resources {
  const list: ResourceList = { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
  const r = fromResourceList(list);
  if (nonZero) {
    if (list.cpu === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (list.memory === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/**
 * The pod's effective request, as resourcehelper.PodRequests computes it: the sum of app containers
 * and sidecars (restartable init containers), or the largest regular init container plus the
 * sidecars started before it, whichever is larger, plus pod overhead. With `nonZero`, containers
 * without requests count as 100m CPU / 200Mi memory (used for scoring only).
 */
export function podRequests(pod: Pod, nonZero = false): Resources {
  const spec = pod.spec!;
  const sum = emptyResources();
  for (const c of spec.containers ?? []) addInto(sum, containerRequests(c, nonZero));
  const sidecars = emptyResources();
  const initMax = emptyResources();
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === "Always") {
      addInto(sidecars, r);
      addInto(sum, r);
    } else {
      const withSidecars = emptyResources();
      addInto(withSidecars, r);
      addInto(withSidecars, sidecars);
      maxInto(initMax, withSidecars);
    }
  }
  maxInto(sum, initMax);
  if (spec.overhead) addInto(sum, fromResourceList(spec.overhead));
  return sum;
}

export function allowedPods(list: ResourceList | undefined): number {
  return list?.pods === undefined ? 0 : amount(list.pods, false);
}
