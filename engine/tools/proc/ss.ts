import type { Program } from "../../process/types";
import { commOf, hostProcesses } from "./processes";

/**
 * iproute2 `ss`: listening sockets of the host (`-tlnp`, `-ulnp`, `-l`, `-a`), with the owning
 * process under `-p` (shown to root only, as the kernel does).
 */
export const ss: Program = async (ctx) => {
  const letters = ctx.args.filter((a) => /^-[a-zA-Z]+$/.test(a)).map((a) => a.slice(1)).join("");
  const tcp = letters.includes("t") || !letters.includes("u");
  const udp = letters.includes("u");
  const numeric = letters.includes("n");
  const processes = letters.includes("p");
  const filter = ctx.args.find((a) => /^(sport|dport)/.test(a)) ?? ctx.args.slice(ctx.args.findIndex((a) => /^(sport|dport)$/.test(a))).join(" ");
  const portFilter = /sport\s*=\s*:?(\d+)|\( sport = :(\d+) \)/.exec(filter);
  const rows: { state: string; local: string; peer: string; process: string; netid: string }[] = [];
  for (const p of hostProcesses(ctx.environment, ctx.host)) {
    for (const l of p.listens) {
      if ((l.protocol === "TCP" && !tcp) || (l.protocol === "UDP" && !udp)) continue;
      if (portFilter && Number(portFilter[1] ?? portFilter[2]) !== l.port) continue;
      const fd = 3 + (l.port % 17);
      rows.push({
        netid: l.protocol === "TCP" ? "tcp" : "udp",
        state: l.protocol === "TCP" ? "LISTEN" : "UNCONN",
        local: `${l.address === "*" ? "*" : l.address === "127.0.0.53" ? "127.0.0.53%lo" : l.address}:${numeric ? l.port : serviceName(l.port)}`,
        peer: `${l.address === "*" ? "*" : "0.0.0.0"}:*`,
        process: processes && ctx.user === "root" ? `users:(("${commOf(p)}",pid=${p.pid},fd=${fd}))` : "",
      });
    }
  }
  rows.sort((a, b) => (a.local < b.local ? -1 : 1));
  const both = tcp && udp;
  const localWidth = Math.max(17, ...rows.map((r) => r.local.length));
  const peerWidth = Math.max(17, ...rows.map((r) => r.peer.length));
  const head = `${both ? "Netid ".padEnd(6) : ""}${"State".padEnd(7)}${"Recv-Q".padEnd(7)}${"Send-Q".padEnd(7)}${"Local Address:Port".padStart(localWidth)} ${"Peer Address:Port".padStart(peerWidth)}${processes ? " Process" : ""}`;
  const lines = rows.map((r) => `${both ? r.netid.padEnd(6) : ""}${r.state.padEnd(7)}${"0".padEnd(7)}${(r.state === "LISTEN" ? "4096" : "0").padEnd(7)}${r.local.padStart(localWidth)} ${r.peer.padStart(peerWidth)}${r.process ? ` ${r.process}` : ""}`);
  ctx.stdout(`${head}\n${lines.map((l) => `${l}\n`).join("")}`);
  return 0;
};

function serviceName(port: number): string {
  return ({ 22: "ssh", 53: "domain", 80: "http", 443: "https", 2379: "2379", 6443: "6443" } as Record<number, string>)[port] ?? String(port);
}
