import type { Environment } from "../../cluster/environment";
import type { Host } from "../../hosts/host";
import { kernelParameter } from "../../hosts/kernel";
import { carrier, contains, forwarding, linksIn, parseCidr, routesIn, type Link, type NetState } from "./state";

/**
 * Whether an ICMP echo from a namespace reaches an address and the reply comes back, decided the
 * way the kernel would: a route (longest prefix), a neighbour on the same layer-2 segment (a veth
 * pair, or the ports of a bridge, all up), forwarding enabled on every router in between, and a way
 * back for the reply — which MASQUERADE on the way out provides.
 */
/** `routers`: how many namespaces forwarded the packet on its way (each takes one off its TTL). */
export type Reach = { ok: true; routers?: number } | { ok: false; error: "unreachable" | "timeout" | "outside" };

const isLoopback = (ip: string) => ip.startsWith("127.");

function addressOf(l: Link): string[] {
  return l.addrs.map((a) => parseCidr(a)!.ip);
}

/** Links on the same layer-2 segment as `link` (veth peers, bridge ports), with carrier. */
function segment(s: NetState, link: Link): Link[] {
  const seen = new Set<number>();
  const out: Link[] = [];
  const visit = (l: Link | undefined) => {
    if (!l || seen.has(l.index) || !l.up) return;
    seen.add(l.index);
    out.push(l);
    if (l.kind === "veth") visit(s.links.find((p) => p.index === l.peer));
    if (l.master !== undefined) visit(s.links.find((b) => b.index === l.master));
    if (l.kind === "bridge") for (const p of s.links.filter((p) => p.master === l.index)) visit(p);
  };
  visit(link);
  // A port enslaved to a bridge hands its frames to the bridge: the bridge's own address is on the segment.
  return out.filter((l) => l.index !== link.index);
}

/** Whether a rule's match option holds: absent matches everything; `! -o br0` inverts the test. */
function optionHolds(spec: string[], flags: string[], test: (value: string) => boolean): boolean {
  const at = spec.findIndex((t) => flags.includes(t));
  if (at < 0) return true;
  const held = test(spec[at + 1] ?? "");
  return spec[at - 1] === "!" ? !held : held;
}

function masquerades(s: NetState, ns: string, src: string, egress: Link): boolean {
  return s.rules.some((r) => {
    if (r.ns !== ns || r.table !== "nat" || r.chain !== "POSTROUTING") return false;
    const jump = r.spec[r.spec.indexOf("-j") + 1];
    if (jump !== "MASQUERADE" && jump !== "SNAT") return false;
    return optionHolds(r.spec, ["-s", "--source"], (cidr) => contains(cidr, src)) && optionHolds(r.spec, ["-o", "--out-interface"], (dev) => dev === egress.name || (dev.endsWith("+") && egress.name.startsWith(dev.slice(0, -1))));
  });
}

function dropsForward(s: NetState, ns: string): boolean {
  return (s.policies[`${ns}/filter/FORWARD`] ?? "ACCEPT") === "DROP" && !s.rules.some((r) => r.ns === ns && r.table === "filter" && r.chain === "FORWARD" && r.spec.includes("ACCEPT"));
}

export function reach(env: Environment, host: Host, s: NetState, fromNs: string, dst: string, outside: (ip: string) => boolean, depth = 0, srcOverride?: string, checkReply = true): Reach {
  if (depth > 8) return { ok: false, error: "timeout" };
  const local = linksIn(s, fromNs);
  if (isLoopback(dst)) return local.find((l) => l.kind === "loopback")?.up ? { ok: true, routers: 0 } : { ok: false, error: "unreachable" };
  if (local.some((l) => l.up && addressOf(l).includes(dst))) return { ok: true, routers: 0 };
  const routes = routesIn(s, fromNs).filter((r) => contains(r.dest, dst));
  if (routes.length === 0) return { ok: false, error: "unreachable" };
  const best = routes.sort((a, b) => prefix(b.dest) - prefix(a.dest))[0];
  const egress = s.links.find((l) => l.index === best.dev)!;
  if (!carrier(s, egress)) return { ok: false, error: "timeout" };
  const src = srcOverride ?? egress.addrs.map((a) => parseCidr(a)!.ip)[0] ?? local.flatMap(addressOf)[0] ?? "0.0.0.0";
  // Leaving the machine: the rest of the world answers only to the host's own address.
  if (fromNs === "" && egress.kind === "ether") {
    if (!outside(dst)) return { ok: false, error: "timeout" };
    const seen = masquerades(s, "", src, egress) ? egress.addrs.map((a) => parseCidr(a)!.ip)[0] : src;
    return seen === host.ip ? { ok: true } : { ok: false, error: "timeout" };
  }
  const hop = best.via ?? dst;
  const neighbour = segment(s, egress).find((l) => addressOf(l).includes(hop));
  if (!neighbour) return { ok: false, error: "timeout" };
  // The reply's own way back is the way the request came: it is not checked again.
  const back = (ns: string, to: string) => (checkReply ? reach(env, host, s, ns, to, outside, depth + 1, undefined, false) : ({ ok: true } as Reach));
  if (hop === dst) return back(neighbour.ns, src).ok ? { ok: true, routers: 0 } : { ok: false, error: "timeout" };
  const routerNs = neighbour.ns;
  const kernel = (name: string) => kernelParameter(env, host, name);
  if (!forwarding(env, host, s, routerNs, kernel) || dropsForward(s, routerNs)) return { ok: false, error: "timeout" };
  // The router sends it on; with MASQUERADE the packet leaves with the router's address.
  const onward = routesIn(s, routerNs).filter((r) => contains(r.dest, dst)).sort((a, b) => prefix(b.dest) - prefix(a.dest))[0];
  if (!onward) return { ok: false, error: "timeout" };
  const out = s.links.find((l) => l.index === onward.dev)!;
  const nat = masquerades(s, routerNs, src, out);
  const forwardedSrc = nat ? out.addrs.map((a) => parseCidr(a)!.ip)[0] : src;
  const result = reach(env, host, s, routerNs, dst, outside, depth + 1, forwardedSrc, checkReply);
  if (!result.ok) return result.error === "unreachable" ? { ok: false, error: "timeout" } : result;
  // Without NAT, the far side must know the way back to the original sender.
  if (!nat && routerNs !== "" && !back(routerNs, src).ok) return { ok: false, error: "timeout" };
  return { ok: true, ...(result.routers !== undefined ? { routers: result.routers + 1 } : {}) };
}

function prefix(dest: string): number {
  return dest === "default" ? 0 : (parseCidr(dest)?.prefix ?? 0);
}
