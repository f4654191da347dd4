import type { Environment } from "../../cluster/environment";
import type { Host } from "../../hosts/host";
import { hostProcesses } from "./processes";

/**
 * The memory of a lab machine (a 2-vCPU, 4 GiB Ubuntu 22.04 VM), in KiB as /proc/meminfo counts it.
 * The kernel's caches are fixed; what the host's processes hold (the control plane's static pods,
 * the kubelet, every running container) comes out of MemFree, so /proc/meminfo, `free` and `top`
 * agree with each other and with `ps`, and a node fills up as pods start on it.
 */
export const MEM_TOTAL_KB = 4_010_952;

const BUFFERS = 60_212;
const PAGE_CACHE = 1_683_548;
const SLAB_RECLAIMABLE = 98_340;
const SLAB_UNRECLAIMABLE = 67_384;
const SHMEM = 3_436;
/** Kernel code, page tables and stacks: neither free nor counted by any process. */
const KERNEL_OTHER = 171_090;
/** The kernel's low watermark: what it keeps back from MemAvailable. */
const LOW_WATERMARK = 44_064;

export interface HostMemory {
  total: number;
  free: number;
  available: number;
  buffers: number;
  pageCache: number;
  slabReclaimable: number;
  slabUnreclaimable: number;
  shmem: number;
  swapTotal: number;
  swapFree: number;
}

export function hostMemory(env: Environment, host: Host): HostMemory {
  let resident = 0;
  for (const p of hostProcesses(env, host)) resident += p.rssKiB;
  const caches = BUFFERS + PAGE_CACHE + SLAB_RECLAIMABLE + SLAB_UNRECLAIMABLE + KERNEL_OTHER;
  // A host cannot hold more than it has: past the floor the kernel would be reclaiming cache (and
  // the kubelet reporting MemoryPressure, which the simulation does not model).
  const free = Math.max(Math.round(MEM_TOTAL_KB * 0.02), MEM_TOTAL_KB - caches - resident);
  const available = Math.min(MEM_TOTAL_KB, Math.max(free, free + BUFFERS + PAGE_CACHE + SLAB_RECLAIMABLE - LOW_WATERMARK));
  return {
    total: MEM_TOTAL_KB,
    free,
    available,
    buffers: BUFFERS,
    pageCache: PAGE_CACHE,
    slabReclaimable: SLAB_RECLAIMABLE,
    slabUnreclaimable: SLAB_UNRECLAIMABLE,
    shmem: SHMEM,
    swapTotal: 0,
    swapFree: 0,
  };
}

/** /proc/meminfo (the lines tools read, in the kernel's order and layout). */
export function meminfoText(m: HostMemory): string {
  const rows: [string, number][] = [
    ["MemTotal", m.total],
    ["MemFree", m.free],
    ["MemAvailable", m.available],
    ["Buffers", m.buffers],
    ["Cached", m.pageCache],
    ["SwapCached", 0],
    ["Active", 702_632],
    ["Inactive", 1_496_552],
    ["SwapTotal", m.swapTotal],
    ["SwapFree", m.swapFree],
    ["Dirty", 172],
    ["Shmem", m.shmem],
    ["Slab", m.slabReclaimable + m.slabUnreclaimable],
    ["SReclaimable", m.slabReclaimable],
    ["SUnreclaim", m.slabUnreclaimable],
    ["CommitLimit", Math.floor(m.total / 2)],
    ["Committed_AS", 2_953_416],
    ["VmallocTotal", 34_359_738_367],
    ["HugePages_Total", 0],
    ["Hugepagesize", 2048],
  ];
  return rows.map(([k, v]) => `${`${k}:`.padEnd(16)}${String(v).padStart(8)} ${k.startsWith("HugePages") ? "" : "kB"}`.trimEnd()).join("\n") + "\n";
}
