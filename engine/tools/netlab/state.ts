import type { Environment } from "../../cluster/environment";
import type { Host } from "../../hosts/host";

/**
 * A host's own Linux networking, the part a learner builds by hand in a networking lab: network
 * namespaces, veth pairs, bridges, addresses, routes, per-namespace forwarding and iptables rules.
 * Plain JSON in `env.extra` (it snapshots with the environment); "" is the host's root namespace.
 */
export interface Link {
  index: number;
  name: string;
  ns: string;
  kind: "loopback" | "ether" | "veth" | "bridge";
  /** The other end of a veth pair, by index. */
  peer?: number;
  /** The bridge this link is a port of, by index. */
  master?: number;
  up: boolean;
  mac: string;
  mtu: number;
  /** Addresses in CIDR form. */
  addrs: string[];
}

export interface Route {
  ns: string;
  dest: string;
  via?: string;
  dev: number;
  proto?: string;
}

export interface Rule {
  ns: string;
  table: string;
  chain: string;
  spec: string[];
}

export interface NetState {
  namespaces: string[];
  links: Link[];
  routes: Route[];
  rules: Rule[];
  /** net.ipv4.ip_forward of the named namespaces (the root's is the host's kernel parameter). */
  forward: Record<string, string>;
  policies: Record<string, string>;
  nextIndex: number;
}

const KEY = "netlab";

function mac(seed: string): string {
  let h = 2166136261;
  const bytes: string[] = ["02"];
  for (let i = 0; i < 5; i++) {
    for (const c of `${seed}/${i}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    bytes.push((h & 0xff).toString(16).padStart(2, "0"));
  }
  return bytes.join(":");
}

export function newMac(host: Host, name: string, index: number): string {
  return mac(`${host.name}/${name}/${index}`);
}

/** The host's network state, created on first use with lo and eth0 as the machine boots with them. */
export function netState(env: Environment, host: Host): NetState {
  const all = (env.extra[KEY] ??= {}) as Record<string, NetState>;
  let s = all[host.name];
  if (!s) {
    const prefix = 24;
    s = {
      namespaces: [],
      links: [
        { index: 1, name: "lo", ns: "", kind: "loopback", up: true, mac: "00:00:00:00:00:00", mtu: 65536, addrs: ["127.0.0.1/8"] },
        { index: 2, name: "eth0", ns: "", kind: "ether", up: true, mac: newMac(host, "eth0", 2), mtu: 1500, addrs: [`${host.ip}/${prefix}`] },
      ],
      routes: [{ ns: "", dest: "default", via: gatewayOf(host.ip), dev: 2, proto: "dhcp" }],
      rules: [],
      forward: {},
      policies: {},
      nextIndex: 3,
    };
    all[host.name] = s;
  }
  return s;
}

export function gatewayOf(ip: string): string {
  return `${ip.split(".").slice(0, 3).join(".")}.1`;
}

// ---------- addresses ----------

export function ipToNumber(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0) >>> 0;
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join(".");
}

export function parseCidr(cidr: string): { ip: string; prefix: number } | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/.exec(cidr);
  if (!m || m[1].split(".").some((p) => Number(p) > 255)) return undefined;
  const prefix = m[2] === undefined ? 32 : Number(m[2]);
  return prefix > 32 ? undefined : { ip: m[1], prefix };
}

export function network(cidr: string): string {
  const c = parseCidr(cidr)!;
  const mask = c.prefix === 0 ? 0 : (0xffffffff << (32 - c.prefix)) >>> 0;
  return `${numberToIp((ipToNumber(c.ip) & mask) >>> 0)}/${c.prefix}`;
}

export function broadcast(cidr: string): string {
  const c = parseCidr(cidr)!;
  const mask = c.prefix === 0 ? 0 : (0xffffffff << (32 - c.prefix)) >>> 0;
  return numberToIp(((ipToNumber(c.ip) & mask) | (~mask >>> 0)) >>> 0);
}

export function contains(cidr: string, ip: string): boolean {
  if (cidr === "default") return true;
  const c = parseCidr(cidr);
  if (!c) return false;
  const mask = c.prefix === 0 ? 0 : (0xffffffff << (32 - c.prefix)) >>> 0;
  return ((ipToNumber(c.ip) & mask) >>> 0) === ((ipToNumber(ip) & mask) >>> 0);
}

export function linksIn(s: NetState, ns: string): Link[] {
  return s.links.filter((l) => l.ns === ns).sort((a, b) => a.index - b.index);
}

export function findLink(s: NetState, ns: string, name: string): Link | undefined {
  return s.links.find((l) => l.ns === ns && l.name === name);
}

/** The routes a namespace has: the kernel's connected routes for addresses on up links, then static ones. */
export function routesIn(s: NetState, ns: string): Route[] {
  const connected: Route[] = [];
  for (const l of linksIn(s, ns)) {
    if (!l.up || l.kind === "loopback" || !carrier(s, l)) continue;
    for (const a of l.addrs) connected.push({ ns, dest: network(a), dev: l.index, proto: "kernel" });
  }
  return [...s.routes.filter((r) => r.ns === ns && s.links.find((l) => l.index === r.dev)?.up), ...connected];
}

/** A link has carrier when it is up and, for a veth, its peer is up; a bridge when a port is up. */
export function carrier(s: NetState, l: Link): boolean {
  if (!l.up) return false;
  if (l.kind === "veth") return !!s.links.find((p) => p.index === l.peer)?.up;
  if (l.kind === "bridge") return s.links.some((p) => p.master === l.index && p.up && carrier(s, p));
  return true;
}

export function forwarding(env: Environment, host: Host, s: NetState, ns: string, kernel: (name: string) => string | undefined): boolean {
  return (ns === "" ? kernel("net.ipv4.ip_forward") : s.forward[ns]) === "1";
}
