import type { ResolveResult } from "../../network/types";
import type { Program, ProgramContext } from "../../process/types";
import { formatDate } from "../../shell/commands/date";
import { inContainer, isIPv4, networkOf, originOf } from "./common";

/**
 * nslookup, dig and host as bind9 9.18 prints them on the hosts, and BusyBox nslookup inside
 * containers. They ask DNS directly (no /etc/hosts), through the resolver the place uses: the node's
 * systemd-resolved stub, or CoreDNS with the pod's search path.
 */
type QType = "A" | "AAAA" | "SRV" | "PTR" | "CNAME";

function query(ctx: ProgramContext, name: string, type: QType = "A"): ResolveResult | undefined {
  const model = networkOf(ctx, "nslookup");
  return model?.resolve(originOf(ctx), name, type);
}

function reverseName(ip: string): string {
  return `${ip.split(".").reverse().join(".")}.in-addr.arpa`;
}

const isCluster = (name: string) => /\.cluster\.local\.?$/.test(name);

export const nslookup: Program = async (ctx) => {
  const args = ctx.args.filter((a) => !a.startsWith("-"));
  const type = (ctx.args.find((a) => /^-(type|query|q)=/i.test(a))?.split("=")[1]?.toUpperCase() ?? "A") as QType;
  const name = args[0];
  if (!name) {
    ctx.stderr(inContainer(ctx) ? "BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n" : "> ");
    return 1;
  }
  const r = query(ctx, name, type);
  if (!r) return 1;
  const server = args[1] ?? r.server;
  if (inContainer(ctx)) {
    ctx.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
    if (!r.ok) {
      if (r.error === "timeout") {
        await ctx.sleep(15_000);
        ctx.stdout(";; connection timed out; no servers could be reached\n\n");
      } else ctx.stdout(`** server can't find ${name}: ${r.error}\n\n`);
      return 1;
    }
    ctx.stdout(`Name:\t${r.name}\n${r.addresses.map((a) => `Address: ${a}`).join("\n")}\n\n`);
    return 0;
  }
  if (!r.ok && r.error === "timeout") {
    await ctx.sleep(15_000);
    ctx.stdout(";; connection timed out; no servers could be reached\n\n");
    return 1;
  }
  ctx.stdout(`Server:\t\t${server}\nAddress:\t${server}#53\n\n`);
  if (!r.ok) {
    ctx.stdout(`** server can't find ${name}: ${r.error}\n\n`);
    return 1;
  }
  if (isIPv4(name)) {
    ctx.stdout(`${reverseName(name)}\tname = ${r.name}.\n\n`);
    return 0;
  }
  if (!isCluster(r.name)) ctx.stdout("Non-authoritative answer:\n");
  ctx.stdout(`${r.canonical ? `${name}\tcanonical name = ${r.canonical}.\n` : ""}${r.addresses.map((a) => `Name:\t${r.name}\nAddress: ${a}\n`).join("")}\n`);
  return 0;
};

export const host: Program = async (ctx) => {
  const args = ctx.args.filter((a) => !a.startsWith("-"));
  const name = args[0];
  if (!name) {
    ctx.stderr("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n");
    return 1;
  }
  const r = query(ctx, name);
  if (!r) return 1;
  if (!r.ok) {
    if (r.error === "timeout") {
      await ctx.sleep(10_000);
      ctx.stdout(";; connection timed out; no servers could be reached\n");
      return 1;
    }
    ctx.stdout(`Host ${name} not found: ${r.error === "NXDOMAIN" ? "3(NXDOMAIN)" : "2(SERVFAIL)"}\n`);
    return 1;
  }
  if (isIPv4(name)) ctx.stdout(`${reverseName(name)} domain name pointer ${r.name}.\n`);
  else ctx.stdout(r.addresses.map((a) => `${r.name} has address ${a}\n`).join(""));
  return 0;
};

export const dig: Program = async (ctx) => {
  let name: string | undefined;
  let type: QType = "A";
  let short = false;
  let server: string | undefined;
  for (const a of ctx.args) {
    if (a === "+short") short = true;
    else if (a.startsWith("+")) continue;
    else if (a.startsWith("@")) server = a.slice(1);
    else if (["A", "AAAA", "SRV", "PTR", "CNAME"].includes(a.toUpperCase()) && name) type = a.toUpperCase() as QType;
    else if (a === "-x") type = "PTR";
    else if (!a.startsWith("-")) name = a;
  }
  if (!name) {
    ctx.stdout(`\n; <<>> DiG 9.18.28-0ubuntu0.22.04.1-Ubuntu <<>>\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1\n;; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n\n`);
    return 0;
  }
  const r = query(ctx, name, type);
  if (!r) return 1;
  const from = server ?? r.server;
  if (!r.ok && r.error === "timeout") {
    await ctx.sleep(15_000);
    ctx.stdout(`${short ? "" : `\n; <<>> DiG 9.18.28-0ubuntu0.22.04.1-Ubuntu <<>> ${ctx.args.join(" ")}\n;; global options: +cmd\n`};; communications error to ${from}#53: timed out\n;; communications error to ${from}#53: timed out\n;; communications error to ${from}#53: timed out\n\n; <<>> DiG 9.18.28-0ubuntu0.22.04.1-Ubuntu <<>> ${ctx.args.join(" ")}\n;; global options: +cmd\n;; no servers could be reached\n`);
    return 9;
  }
  const fqdn = `${r.ok ? r.name : name}`.replace(/\.?$/, ".");
  const answers = r.ok ? r.addresses.map((a) => `${fqdn.padEnd(Math.max(24, fqdn.length + 1))}${isCluster(fqdn) ? 30 : 300}\tIN\t${type === "PTR" ? "PTR" : "A"}\t${a}`) : [];
  if (short) {
    ctx.stdout(r.ok ? r.addresses.map((a) => `${a}\n`).join("") : "");
    return 0;
  }
  const id = ctx.environment.random.nextUint32() % 65536;
  const status = r.ok ? "NOERROR" : r.error;
  const flags = isCluster(fqdn) ? "qr aa rd" : "qr rd ra";
  const lines = [
    "",
    `; <<>> DiG 9.18.28-0ubuntu0.22.04.1-Ubuntu <<>> ${ctx.args.join(" ")}`,
    ";; global options: +cmd",
    ";; Got answer:",
    `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}`,
    `;; flags: ${flags}; QUERY: 1, ANSWER: ${answers.length}, AUTHORITY: ${r.ok ? 0 : 1}, ADDITIONAL: 1`,
    ...(isCluster(fqdn) ? [";; WARNING: recursion requested but not available"] : []),
    "",
    ";; OPT PSEUDOSECTION:",
    "; EDNS: version: 0, flags:; udp: 1232",
    ";; QUESTION SECTION:",
    `;${fqdn.padEnd(Math.max(23, fqdn.length))}\tIN\t${type}`,
    "",
    ...(answers.length ? [";; ANSWER SECTION:", ...answers, ""] : []),
    ";; Query time: 0 msec",
    `;; SERVER: ${from}#53(${from}) (UDP)`,
    `;; WHEN: ${formatDate(new Date(ctx.environment.clock.now()), "%a %b %d %H:%M:%S %Z %Y")}`,
    `;; MSG SIZE  rcvd: ${fqdn.length + 50 + answers.length * 16}`,
    "",
  ];
  ctx.stdout(`${lines.join("\n")}\n`);
  return 0;
};
