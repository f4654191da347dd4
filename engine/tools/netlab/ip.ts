import type { Host } from "../../hosts/host";
import { PROGRAMS } from "../../programs";
import type { Program, ProgramContext } from "../../process/types";
import { broadcast, carrier, findLink, linksIn, netState, network, newMac, parseCidr, routesIn, type Link, type NetState } from "./state";

/**
 * iproute2 5.15 `ip` over the host's network state: `netns` (add, del, list, exec), `link` (add veth
 * or bridge, set up/down/netns/master, del, show), `addr` (add, del, show) and `route` (add, del,
 * show), with `-br`, `-4`, `-o` and the errors the kernel answers with.
 */
export const NETNS = Symbol("netns");

/** The namespace a program runs in (`ip netns exec NAME …`), "" for the host's own. */
export function namespaceOf(ctx: ProgramContext): string {
  return (ctx as ProgramContext & { [NETNS]?: string })[NETNS] ?? "";
}

class IpError extends Error {
  constructor(message: string, readonly code = 2) {
    super(message);
  }
}

function flags(l: Link, s: NetState): string {
  const f: string[] = [];
  if (l.kind === "loopback") f.push("LOOPBACK");
  else {
    if (l.up && !carrier(s, l)) f.push("NO-CARRIER");
    f.push("BROADCAST", "MULTICAST");
  }
  if (l.up) f.push("UP");
  if (l.up && carrier(s, l)) f.push("LOWER_UP");
  else if (l.kind === "veth" && !l.up) f.push("M-DOWN");
  return f.join(",");
}

function state(l: Link, s: NetState): string {
  if (l.kind === "loopback") return l.up ? "UNKNOWN" : "DOWN";
  return l.up && carrier(s, l) ? "UP" : l.up && l.kind === "bridge" ? "DOWN" : l.up ? "LOWERLAYERDOWN" : "DOWN";
}

function displayName(l: Link, s: NetState): string {
  if (l.kind !== "veth") return l.name;
  const peer = s.links.find((p) => p.index === l.peer);
  return peer && peer.ns === l.ns ? `${l.name}@${peer.name}` : `${l.name}@if${l.peer}`;
}

function linkHeader(l: Link, s: NetState, withMode: boolean): string {
  const master = l.master !== undefined ? ` master ${s.links.find((b) => b.index === l.master)?.name}` : "";
  const qdisc = l.kind === "loopback" ? (l.up ? "noqueue" : "noop") : l.up ? (l.kind === "ether" ? "fq_codel" : "noqueue") : "noop";
  const peer = l.kind === "veth" ? s.links.find((p) => p.index === l.peer) : undefined;
  const netns = peer && peer.ns !== l.ns ? (peer.ns ? ` link-netns ${peer.ns}` : " link-netnsid 0") : "";
  const ether = l.kind === "loopback" ? "link/loopback" : "link/ether";
  const brd = l.kind === "loopback" ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff";
  return `${l.kind === "loopback" ? 1 : l.index}: ${displayName(l, s)}: <${flags(l, s)}> mtu ${l.mtu} qdisc ${qdisc}${master} state ${state(l, s)}${withMode ? " mode DEFAULT" : ""} group default qlen 1000\n    ${ether} ${l.mac} brd ${brd}${netns}\n`;
}

function showLinks(s: NetState, ns: string, o: Opts, name?: string): string {
  const links = linksIn(s, ns).filter((l) => !name || l.name === name);
  if (name && links.length === 0) throw new IpError(`Device "${name}" does not exist.`, 1);
  if (o.brief) return links.map((l) => `${displayName(l, s).padEnd(16)} ${state(l, s).padEnd(14)} ${l.kind === "loopback" ? "00:00:00:00:00:00" : l.mac} <${flags(l, s)}> \n`).join("");
  return links.map((l) => linkHeader(l, s, true)).join("");
}

function showAddrs(s: NetState, ns: string, o: Opts, name?: string): string {
  const links = linksIn(s, ns).filter((l) => !name || l.name === name);
  if (name && links.length === 0) throw new IpError(`Device "${name}" does not exist.`, 1);
  if (o.brief) return links.map((l) => `${displayName(l, s).padEnd(16)} ${state(l, s).padEnd(14)} ${l.addrs.join(" ")} \n`).join("");
  let out = "";
  for (const l of links) {
    if (o.family4 && l.addrs.length === 0) continue;
    out += o.family4 ? `${l.index}: ${displayName(l, s)}: <${flags(l, s)}> mtu ${l.mtu} qdisc ${linkHeader(l, s, false).split(" qdisc ")[1].split(" ")[0]} state ${state(l, s)} group default qlen 1000\n` : linkHeader(l, s, false);
    for (const a of l.kind === "loopback" && !l.up ? [] : l.addrs) {
      const scope = l.kind === "loopback" ? "host" : "global";
      const brd = l.kind === "loopback" || parseCidr(a)!.prefix >= 31 ? "" : ` brd ${broadcast(a)}`;
      out += `    inet ${a}${brd} scope ${scope} ${l.name}\n       valid_lft forever preferred_lft forever\n`;
    }
    if (!o.family4 && l.kind === "loopback" && l.up) out += "    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n";
  }
  return out;
}

/**
 * `ip route show [PREFIX] [dev NAME]`: a prefix selects the route to exactly that destination
 * (`default` is 0.0.0.0/0); with `dev`, iproute2 leaves the device out of each line it prints.
 */
function showRoutes(s: NetState, ns: string, args: string[] = []): string {
  let prefix: string | undefined;
  let devName: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    if (w === "dev" || w === "oif") devName = args[++i];
    else if (w === "table" || w === "proto" || w === "scope" || w === "type") i++;
    else if (w === "root" || w === "match" || w === "exact") prefix = args[++i];
    else prefix = w;
  }
  const wanted = prefix === undefined ? undefined : prefix === "default" || prefix === "0.0.0.0/0" || prefix === "all" ? (prefix === "all" ? undefined : "default") : network(prefix.includes("/") ? prefix : `${prefix}/32`);
  const filterDev = devName === undefined ? undefined : device(s, ns, devName);
  const key = (r: { dest: string }) => (r.dest === "default" ? -1 : r.dest.split("/")[0].split(".").reduce((a, p) => a * 256 + Number(p), 0));
  return routesIn(s, ns)
    .filter((r) => (wanted === undefined || r.dest === wanted) && (!filterDev || r.dev === filterDev.index))
    .sort((a, b) => key(a) - key(b))
    .map((r) => {
      const dev = s.links.find((l) => l.index === r.dev)!;
      const on = filterDev ? "" : ` dev ${dev.name}`;
      const src = dev.addrs.find((a) => r.dest !== "default" && network(a) === r.dest)?.split("/")[0];
      if (r.proto === "kernel") return `${r.dest}${on} proto kernel scope link src ${src} \n`;
      if (r.proto === "dhcp") return `default via ${r.via}${on} proto dhcp src ${dev.addrs[0].split("/")[0]} metric 100 \n`;
      return `${r.dest}${r.via ? ` via ${r.via}` : ""}${on}${r.via ? "" : " scope link"} \n`;
    })
    .join("");
}

interface Opts {
  brief: boolean;
  family4: boolean;
}

function requireRoot(ctx: ProgramContext): void {
  if (ctx.user !== "root") throw new IpError("RTNETLINK answers: Operation not permitted", 2);
}

function device(s: NetState, ns: string, name: string | undefined): Link {
  const l = name ? findLink(s, ns, name) : undefined;
  if (!l) throw new IpError(`Cannot find device "${name ?? ""}"`, 1);
  return l;
}

function arg(args: string[], key: string): string | undefined {
  const i = args.indexOf(key);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * iproute2 takes any prefix of a command word and tries the words in its own order: `ip a a` is
 * `ip addr add`, `ip l s` is `ip link set` (set comes before show there), `ip r d` deletes a route.
 */
const LINK_VERBS = ["add", "set", "change", "replace", "delete", "show", "lst", "list"];
const ADDR_VERBS = ["add", "change", "replace", "delete", "list", "show", "lst", "flush"];
const ROUTE_VERBS = ["add", "change", "replace", "prepend", "append", "test", "delete", "list", "show", "lst", "get", "flush"];

function abbreviated(word: string, verbs: string[]): string {
  const full = word === "del" || word === "ls" ? word : verbs.find((v) => word.length > 0 && v.startsWith(word));
  if (full === "lst") return "list";
  return full ?? word;
}

function link(ctx: ProgramContext, host: Host, s: NetState, ns: string, args: string[], o: Opts): string {
  const [word = "show", ...rest] = args;
  const full = abbreviated(word, LINK_VERBS);
  const verb = full === "change" ? "set" : full;
  if (verb === "show" || verb === "list" || verb === "ls") return showLinks(s, ns, o, rest[0] === "dev" ? rest[1] : rest[0]);
  requireRoot(ctx);
  if (verb === "add") {
    const name = rest[0] === "name" ? rest[1] : rest[0];
    const type = arg(rest, "type");
    if (!name || !type) throw new IpError('Not enough information: "type" argument is required', 1);
    if (findLink(s, ns, name)) throw new IpError("RTNETLINK answers: File exists", 2);
    if (type === "bridge") {
      const index = s.nextIndex++;
      s.links.push({ index, name, ns, kind: "bridge", up: false, mac: newMac(host, name, index), mtu: 1500, addrs: [] });
      return "";
    }
    if (type === "veth") {
      // Each end may be created straight in a namespace: `ip link add A netns red type veth peer
      // name B netns blue` (iproute2 also takes `peer B` without `name`).
      const at = rest.indexOf("peer");
      const own = at >= 0 ? rest.slice(0, at) : rest;
      const peerArgs = at >= 0 ? rest.slice(at + 1) : [];
      const peerName = at < 0 ? undefined : (arg(peerArgs, "name") ?? (peerArgs[0] && !["netns", "type", "address", "mtu"].includes(peerArgs[0]) ? peerArgs[0] : undefined));
      if (!peerName) throw new IpError('Error: argument "peer" is required for veth.', 1);
      const nsOf = (words: string[]): string => {
        const target = arg(words, "netns");
        if (target === undefined) return ns;
        if (!s.namespaces.includes(target)) throw new IpError(`Error: argument "${target}" is wrong: Invalid "netns" value\n`, 255);
        return target;
      };
      const [nsA, nsB] = [nsOf(own), nsOf(peerArgs)];
      if (findLink(s, nsA, name) || findLink(s, nsB, peerName) || (nsA === nsB && name === peerName)) throw new IpError("RTNETLINK answers: File exists", 2);
      const a = s.nextIndex++;
      const b = s.nextIndex++;
      s.links.push({ index: a, name, ns: nsA, kind: "veth", peer: b, up: false, mac: newMac(host, name, a), mtu: 1500, addrs: [] });
      s.links.push({ index: b, name: peerName, ns: nsB, kind: "veth", peer: a, up: false, mac: newMac(host, peerName, b), mtu: 1500, addrs: [] });
      return "";
    }
    throw new IpError(`Error: Unknown device type "${type}".`, 2);
  }
  if (verb === "set") {
    const l = device(s, ns, rest[0] === "dev" ? rest[1] : rest[0]);
    for (let i = 1; i < rest.length; i++) {
      const w = rest[i];
      if (w === "up") l.up = true;
      else if (w === "down") l.up = false;
      else if (w === "netns") {
        const target = rest[++i];
        if (!s.namespaces.includes(target)) throw new IpError(`Cannot find device "${target}"`.replace("device", "netns"), 2);
        if (findLink(s, target, l.name)) throw new IpError("RTNETLINK answers: File exists", 2);
        // Moving a link to another namespace takes it down and drops its addresses and routes.
        l.ns = target;
        l.up = false;
        l.addrs = [];
        delete l.master;
        s.routes = s.routes.filter((r) => r.dev !== l.index);
      } else if (w === "master") {
        const bridge = device(s, ns, rest[++i]);
        if (bridge.kind !== "bridge") throw new IpError("Error: Device is not a bridge.", 2);
        l.master = bridge.index;
      } else if (w === "nomaster") delete l.master;
      else if (w === "mtu") l.mtu = Number(rest[++i]);
      else if (w === "name") l.name = rest[++i];
      else if (w === "dev") i++;
    }
    return "";
  }
  if (verb === "del" || verb === "delete") {
    const l = device(s, ns, rest[0] === "dev" ? rest[1] : rest[0]);
    if (l.kind === "loopback" || l.kind === "ether") throw new IpError("RTNETLINK answers: Operation not supported", 2);
    const gone = new Set([l.index, ...(l.peer !== undefined ? [l.peer] : [])]);
    s.links = s.links.filter((x) => !gone.has(x.index)).map((x) => (x.master !== undefined && gone.has(x.master) ? { ...x, master: undefined } : x));
    s.routes = s.routes.filter((r) => !gone.has(r.dev));
    return "";
  }
  throw new IpError(`Command "${verb}" is unknown, try "ip link help".`, 255);
}

function addr(ctx: ProgramContext, s: NetState, ns: string, args: string[], o: Opts): string {
  const [word = "show", ...rest] = args;
  const verb = abbreviated(word, ADDR_VERBS);
  if (verb === "show" || verb === "list" || verb === "ls") return showAddrs(s, ns, o, rest[0] === "dev" ? rest[1] : rest[0]);
  requireRoot(ctx);
  const cidr = rest.find((w) => parseCidr(w));
  const l = device(s, ns, arg(rest, "dev"));
  if (!cidr) throw new IpError(`Error: any valid prefix is expected rather than "${rest[0] ?? ""}".`, 1);
  const full = cidr.includes("/") ? cidr : `${cidr}/32`;
  if (verb === "add") {
    if (l.addrs.includes(full)) throw new IpError("RTNETLINK answers: File exists", 2);
    l.addrs.push(full);
    return "";
  }
  if (verb === "del" || verb === "delete") {
    if (!l.addrs.includes(full)) throw new IpError("RTNETLINK answers: Cannot assign requested address", 2);
    l.addrs = l.addrs.filter((a) => a !== full);
    return "";
  }
  throw new IpError(`Command "${verb}" is unknown, try "ip address help".`, 255);
}

function route(ctx: ProgramContext, s: NetState, ns: string, args: string[]): string {
  const [word = "show", ...rest] = args;
  const verb = abbreviated(word, ROUTE_VERBS);
  if (verb === "show" || verb === "list" || verb === "ls") return showRoutes(s, ns, rest);
  requireRoot(ctx);
  const dest = rest[0] === "default" || rest[0] === "0.0.0.0/0" ? "default" : rest[0];
  if (dest !== "default" && !parseCidr(dest ?? "")) throw new IpError(`Error: any valid prefix is expected rather than "${dest ?? ""}".`, 1);
  const destination = dest === "default" ? "default" : network(dest.includes("/") ? dest : `${dest}/32`);
  const via = arg(rest, "via");
  const devName = arg(rest, "dev");
  if (verb === "add" || verb === "replace") {
    let dev: Link | undefined = devName ? device(s, ns, devName) : undefined;
    if (via) {
      const connected = routesIn(s, ns).filter((r) => r.proto === "kernel" && s.links.find((l) => l.index === r.dev)).find((r) => parseCidr(r.dest) && contains(r.dest, via));
      if (!connected || (dev && connected.dev !== dev.index)) throw new IpError("Error: Nexthop has invalid gateway.", 2);
      dev = s.links.find((l) => l.index === connected.dev);
    }
    if (!dev) throw new IpError("Error: Device for nexthop is not up.", 2);
    if (verb === "add" && s.routes.some((r) => r.ns === ns && r.dest === destination)) throw new IpError("RTNETLINK answers: File exists", 2);
    s.routes = s.routes.filter((r) => !(r.ns === ns && r.dest === destination));
    s.routes.push({ ns, dest: destination, ...(via ? { via } : {}), dev: dev.index });
    return "";
  }
  if (verb === "del" || verb === "delete") {
    const before = s.routes.length;
    s.routes = s.routes.filter((r) => !(r.ns === ns && r.dest === destination));
    if (s.routes.length === before) throw new IpError("RTNETLINK answers: No such process", 2);
    return "";
  }
  throw new IpError(`Command "${verb}" is unknown, try "ip route help".`, 255);
}

function contains(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr)!;
  const mask = c.prefix === 0 ? 0 : (0xffffffff << (32 - c.prefix)) >>> 0;
  const n = (x: string) => x.split(".").reduce((a, p) => a * 256 + Number(p), 0) >>> 0;
  return ((n(c.ip) & mask) >>> 0) === ((n(ip) & mask) >>> 0);
}

async function netns(ctx: ProgramContext, s: NetState, args: string[]): Promise<number> {
  const [verb = "list", ...rest] = args;
  if (verb === "list" || verb === "show") {
    ctx.stdout(s.namespaces.map((n) => `${n}\n`).join(""));
    return 0;
  }
  if (verb === "add" || verb === "delete" || verb === "del") {
    const name = rest[0];
    if (ctx.user !== "root") throw new IpError("mkdir /var/run/netns failed: Permission denied", 1);
    if (!name) throw new IpError("No netns name specified", 1);
    if (verb === "add") {
      if (s.namespaces.includes(name)) throw new IpError(`Cannot create namespace file "/var/run/netns/${name}": File exists`, 1);
      s.namespaces.push(name);
      const index = 1;
      s.links.push({ index: s.nextIndex++, name: "lo", ns: name, kind: "loopback", up: false, mac: "00:00:00:00:00:00", mtu: 65536, addrs: ["127.0.0.1/8"] });
      void index;
      return 0;
    }
    if (!s.namespaces.includes(name)) throw new IpError(`Cannot remove namespace file "/var/run/netns/${name}": No such file or directory`, 1);
    s.namespaces = s.namespaces.filter((n) => n !== name);
    const gone = new Set(s.links.filter((l) => l.ns === name).map((l) => l.index));
    for (const l of s.links) if (l.peer !== undefined && gone.has(l.peer)) gone.add(l.index);
    s.links = s.links.filter((l) => !gone.has(l.index));
    s.routes = s.routes.filter((r) => r.ns !== name && !gone.has(r.dev));
    s.rules = s.rules.filter((r) => r.ns !== name);
    delete s.forward[name];
    return 0;
  }
  if (verb === "exec") {
    const [name, command, ...commandArgs] = rest;
    if (!name || !s.namespaces.includes(name)) throw new IpError(`Cannot open network namespace "${name ?? ""}": No such file or directory`, 1);
    if (ctx.user !== "root") throw new IpError(`setting the network namespace "${name}" failed: Operation not permitted`, 1);
    if (!command) throw new IpError("No command specified", 1);
    const program = PROGRAMS.get(command);
    if (!program) {
      ctx.stderr(`ip netns exec: running "${command}" inside a network namespace is not available in Kubecoach yet (ip, ping, sysctl and iptables are)\n`);
      return 1;
    }
    return program({ ...ctx, args: commandArgs, name: command, [NETNS]: name } as ProgramContext);
  }
  throw new IpError(`Command "${verb}" is unknown, try "ip netns help".`, 255);
}

const OBJECTS: Record<string, string> = { l: "link", li: "link", lin: "link", link: "link", a: "addr", ad: "addr", addr: "addr", address: "addr", r: "route", ro: "route", rou: "route", route: "route", n: "neigh", netns: "netns" };

export const ip: Program = async (ctx) => {
  const s = netState(ctx.environment, ctx.host);
  const ns = namespaceOf(ctx);
  const o: Opts = { brief: false, family4: false };
  let i = 0;
  for (; i < ctx.args.length && ctx.args[i].startsWith("-"); i++) {
    const f = ctx.args[i];
    if (f === "-br" || f === "-brief") o.brief = true;
    else if (f === "-4") o.family4 = true;
    else if (f === "-n" || f === "-netns") {
      const target = ctx.args[++i];
      if (!s.namespaces.includes(target)) {
        ctx.stderr(`Cannot open network namespace "${target}": No such file or directory\n`);
        return 1;
      }
      return ip({ ...ctx, args: [...ctx.args.slice(0, i - 1), ...ctx.args.slice(i + 1)], [NETNS]: target } as ProgramContext);
    } else if (f === "-c" || f === "-color" || f === "-o" || f === "-oneline" || f === "-d" || f === "-s") continue;
    else {
      ctx.stderr(`Option "${f}" is unknown, try "ip -help".\n`);
      return 255;
    }
  }
  const object = OBJECTS[ctx.args[i] ?? ""];
  const rest = ctx.args.slice(i + 1);
  try {
    if (!ctx.args[i]) {
      ctx.stderr('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n');
      return 255;
    }
    switch (object) {
      case "link":
        ctx.stdout(link(ctx, ctx.host, s, ns, rest, o));
        return 0;
      case "addr":
        ctx.stdout(addr(ctx, s, ns, rest, o));
        return 0;
      case "route":
        ctx.stdout(route(ctx, s, ns, rest));
        return 0;
      case "netns":
        return await netns(ctx, s, rest);
      case "neigh":
        return 0;
      default:
        ctx.stderr(`Object "${ctx.args[i]}" is unknown, try "ip help".\n`);
        return 1;
    }
  } catch (err) {
    if (err instanceof IpError) {
      ctx.stderr(`${err.message}\n`);
      return err.code;
    }
    throw err;
  }
};
