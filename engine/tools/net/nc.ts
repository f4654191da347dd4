import type { Program } from "../../process/types";
import { inContainer, lookup, networkOf, originOf, seconds, SERVICE_NAMES, SYN_TIMEOUT_MS } from "./common";

/**
 * nc: OpenBSD netcat on the hosts, BusyBox nc inside containers. `-z` checks a port; otherwise a
 * request read from stdin is sent and the answer printed (an HTTP request gets the server's reply).
 */
export const nc: Program = async (ctx) => {
  const busybox = inContainer(ctx);
  let zero = false;
  let verbose = false;
  let udp = false;
  let waitMs: number | undefined;
  const positional: string[] = [];
  for (let i = 0; i < ctx.args.length; i++) {
    const a = ctx.args[i];
    if (a === "-w") waitMs = seconds(ctx.args[++i]);
    else if (/^-w\d+$/.test(a)) waitMs = seconds(a.slice(2));
    else if (a.startsWith("-") && a.length > 1) {
      for (const f of a.slice(1)) {
        if (f === "z") zero = true;
        else if (f === "v") verbose = true;
        else if (f === "u") udp = true;
        else if (f === "n" || f === "N" || f === "q" || f === "4" || f === "C") continue;
        else if (f === "l") {
          ctx.stderr("nc: listening is not available in Kubecoach yet\n");
          return 1;
        } else {
          ctx.stderr(`nc: invalid option -- '${f}'\nusage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n`);
          return 1;
        }
      }
    } else positional.push(a);
  }
  const [target, portText] = positional;
  const port = Number(portText);
  if (!target || !Number.isInteger(port)) {
    ctx.stderr("usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n");
    return 1;
  }
  const model = networkOf(ctx, "nc");
  if (!model) return 1;
  const name = lookup(ctx, model, target);
  if (!name.ok) {
    ctx.stderr(busybox ? `nc: bad address '${target}'\n` : `nc: getaddrinfo for host "${target}" port ${port}: ${name.error === "timeout" ? "Temporary failure in name resolution" : "Name or service not known"}\n`);
    return 1;
  }
  const ip = name.address;
  const proto = udp ? "udp" : "tcp";
  const result = model.connect(originOf(ctx), ip, port, udp ? "UDP" : "TCP");
  if (!result.ok) {
    if (result.error === "timeout") {
      await ctx.sleep(waitMs ?? SYN_TIMEOUT_MS);
      if (busybox) ctx.stderr(`nc: ${target} (${ip}:${port}): Connection timed out\n`);
      else if (verbose || waitMs !== undefined) ctx.stderr(`nc: connect to ${target} port ${port} (${proto}) timed out: Operation now in progress\n`);
      return 1;
    }
    const reason = result.error === "unreachable" ? "No route to host" : "Connection refused";
    ctx.stderr(busybox ? `nc: ${target} (${ip}:${port}): ${reason}\n` : `nc: connect to ${target} port ${port} (${proto}) failed: ${reason}\n`);
    return 1;
  }
  if (verbose) ctx.stderr(busybox ? `${target} (${ip}:${port}) open\n` : `Connection to ${target} ${port} port [${proto}/${SERVICE_NAMES[port] ?? "*"}] succeeded!\n`);
  if (zero) return 0;
  const request = ctx.stdin;
  const line = /^([A-Z]+) (\S+) HTTP\/1\.[01]\r?\n/.exec(request);
  if (line) {
    const outcome = model.http(originOf(ctx), `http://${target}:${port}${line[2]}`, { method: line[1], headers: {} });
    if (outcome.ok) {
      const r = outcome.response;
      ctx.stdout(`HTTP/1.1 ${r.status} ${r.statusText}\r\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}\r\n`).join("")}Content-Length: ${Buffer.byteLength(r.body)}\r\nConnection: close\r\n\r\n${r.body}`);
    }
  }
  return 0;
};
