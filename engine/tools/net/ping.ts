import type { Program } from "../../process/types";
import { namespaceOf } from "../netlab/ip";
import { reach } from "../netlab/reach";
import { contains, linksIn, netState, routesIn, type NetState } from "../netlab/state";
import { inContainer, isIPv4, lookup, networkOf, originOf, seconds } from "./common";

/**
 * ping: iputils 20211215 on the hosts, BusyBox ping inside containers. Without -c it runs until
 * Ctrl-C and then prints its statistics, like the real one.
 */
export const ping: Program = async (ctx) => {
  const busybox = inContainer(ctx);
  let count = Infinity;
  let intervalMs = 1000;
  let deadlineMs: number | undefined;
  let quiet = false;
  let target: string | undefined;
  const args = ctx.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-c") count = Number(args[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === "-i") intervalMs = seconds(args[++i]) ?? 1000;
    else if (a === "-w") deadlineMs = seconds(args[++i]);
    else if (a === "-W") i++;
    else if (a === "-q") quiet = true;
    else if (a === "-4" || a === "-n") continue;
    else if (a.startsWith("-")) {
      ctx.stderr(busybox ? `ping: unrecognized option '${a}'\n` : `ping: invalid option -- '${a.slice(1, 2)}'\n`);
      return 2;
    } else target = a;
  }
  if (!target || !Number.isFinite(count) && count !== Infinity) {
    ctx.stderr(busybox ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n" : "ping: usage error: Destination address required\n");
    return busybox ? 1 : 2;
  }
  const ns = namespaceOf(ctx);
  const lab = inContainer(ctx) ? undefined : netState(ctx.environment, ctx.host);
  const labTarget = isIPv4(target) && lab !== undefined && (ns !== "" || isLabAddress(lab, target));
  const model = labTarget ? ctx.environment.network : networkOf(ctx, "ping");
  if (!model && !labTarget) return 2;
  const name = isIPv4(target) || !model ? { ok: true as const, address: target, canonical: target } : lookup(ctx, model, target);
  if (!name.ok) {
    ctx.stderr(busybox ? `ping: bad address '${target}'\n` : `ping: ${target}: ${name.error === "timeout" ? "Temporary failure in name resolution" : "Name or service not known"}\n`);
    return busybox ? 1 : 2;
  }
  const ip = name.address;
  const shown = isIPv4(target) ? ip : name.canonical;
  // The host's own namespaces, veths and bridges answer for themselves (engine/tools/netlab).
  const local = lab && (ns !== "" || isLabAddress(lab, ip));
  const send = () => {
    if (!local || !lab) return model!.ping(originOf(ctx), ip);
    const r = reach(ctx.environment, ctx.host, lab, ns, ip, (dst) => model?.ping({ type: "host", host: ctx.host.name }, dst).ok ?? false);
    // Inside the machine the TTL drops by one per namespace that forwarded it; a reply from beyond
    // the node keeps the network model's figure.
    return r.ok ? { ok: true, rttMs: 0.05, ttl: r.routers === undefined ? undefined : 64 - r.routers } : { ok: false, error: r.error };
  };
  if (local && lab) {
    const first = reach(ctx.environment, ctx.host, lab, ns, ip, (dst) => model?.ping({ type: "host", host: ctx.host.name }, dst).ok ?? false);
    if (!first.ok && first.error === "unreachable") {
      ctx.stderr("ping: connect: Network is unreachable\n");
      return 2;
    }
  }
  ctx.stdout(busybox ? `PING ${target} (${ip}): 56 data bytes\n` : `PING ${shown} (${ip}) 56(84) bytes of data.\n`);
  const rtts: number[] = [];
  let sent = 0;
  const started = ctx.environment.clock.now();
  while (sent < count && !ctx.signal.aborted) {
    if (deadlineMs !== undefined && ctx.environment.clock.now() - started >= deadlineMs) break;
    const reply = send();
    sent++;
    if (reply.ok) {
      const rtt = (reply.rttMs ?? 0.5) * (1 + ((sent * 37) % 11) / 40);
      rtts.push(rtt);
      const ttl = ip.startsWith("127.") || (!busybox && ip === ctx.host.ip) ? 64 : (reply.ttl ?? 63);
      if (!quiet) ctx.stdout(busybox ? `64 bytes from ${ip}: seq=${sent - 1} ttl=${ttl} time=${rtt.toFixed(3)} ms\n` : `64 bytes from ${shown === ip ? ip : `${shown} (${ip})`}: icmp_seq=${sent} ttl=${ttl} time=${rtt < 10 ? rtt.toFixed(3) : rtt.toFixed(1)} ms\n`);
    }
    if (sent < count) await ctx.sleep(intervalMs);
  }
  const received = rtts.length;
  const loss = sent === 0 ? 0 : Math.round(((sent - received) / sent) * 100);
  const elapsed = Math.max(0, ctx.environment.clock.now() - started);
  const min = Math.min(...rtts);
  const max = Math.max(...rtts);
  const avg = rtts.reduce((a, b) => a + b, 0) / (received || 1);
  const mdev = Math.sqrt(rtts.reduce((a, b) => a + (b - avg) ** 2, 0) / (received || 1));
  if (busybox) {
    ctx.stdout(`\n--- ${target} ping statistics ---\n${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n${received ? `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n` : ""}`);
    return received ? 0 : 1;
  }
  ctx.stdout(`\n--- ${shown} ping statistics ---\n${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${Math.round(elapsed)}ms\n${received ? `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n` : ""}`);
  return received ? 0 : 1;
};

/** An address of, or routed through, the namespaces, veths and bridges a learner built on this host. */
function isLabAddress(lab: NetState, ip: string): boolean {
  return lab.links.some((l) => l.kind !== "ether" && l.kind !== "loopback" && l.addrs.some((a) => a.startsWith(`${ip}/`))) || routesIn(lab, "").some((r) => r.dest !== "default" && contains(r.dest, ip) && linksIn(lab, "").find((l) => l.index === r.dev)?.kind !== "ether");
}
