/**
 * Service ClusterIP and NodePort allocation over what the store already holds (no hidden state:
 * whatever services exist are what is allocated, so deleting a service releases its IP and ports).
 * Like the apiserver's allocators, dynamic picks start at a random point above a band kept for
 * static choices (pkg/registry/core/service/{ipallocator,portallocator}).
 */

export interface Cidr {
  base: number;
  prefix: number;
  size: number;
}

export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(text);
  if (!m) return undefined;
  const prefix = Number(m[5]);
  const ip = ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
  const size = 2 ** (32 - prefix);
  return { base: ip - (ip % size), prefix, size };
}

export function ipToInt(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m || m.slice(1).some((p) => Number(p) > 255)) return undefined;
  return ((Number(m[1]) << 24) >>> 0) + (Number(m[2]) << 16) + (Number(m[3]) << 8) + Number(m[4]);
}

export function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");
}

export function cidrContains(cidr: Cidr, ip: string): boolean {
  const n = ipToInt(ip);
  return n !== undefined && n >= cidr.base && n < cidr.base + cidr.size;
}

/** The usable addresses of a range: network and broadcast addresses are never handed out. */
function usable(cidr: Cidr): { first: number; count: number } {
  if (cidr.prefix >= 31) return { first: cidr.base, count: cidr.size };
  return { first: cidr.base + 1, count: cidr.size - 2 };
}

/** min(max(min, size/step), max): the low band reserved for static allocations. */
function rangeOffset(size: number, min: number, step: number, max: number): number {
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}

/** A free address, searched from a random start in the dynamic band, then the static band. */
export function nextFreeIP(cidr: Cidr, used: Set<string>, random: () => number): string | undefined {
  const { first, count } = usable(cidr);
  const offset = count > 16 ? rangeOffset(count, 16, 16, 256) : 0;
  const pick = (from: number, to: number): string | undefined => {
    const span = to - from;
    if (span <= 0) return undefined;
    const start = Math.floor(random() * span);
    for (let i = 0; i < span; i++) {
      const ip = intToIp(first + from + ((start + i) % span));
      if (!used.has(ip)) return ip;
    }
    return undefined;
  };
  return pick(offset, count) ?? pick(0, offset);
}

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

export function nextFreeNodePort(used: Set<number>, random: () => number): number | undefined {
  const size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
  const offset = rangeOffset(size, 16, 32, 128);
  const pick = (from: number, to: number): number | undefined => {
    const span = to - from;
    const start = Math.floor(random() * span);
    for (let i = 0; i < span; i++) {
      const port = NODE_PORT_MIN + from + ((start + i) % span);
      if (!used.has(port)) return port;
    }
    return undefined;
  };
  return pick(offset, size) ?? pick(0, offset);
}
