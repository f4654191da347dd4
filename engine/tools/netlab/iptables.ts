import type { Program } from "../../process/types";
import { namespaceOf } from "./ip";
import { netState, type Rule } from "./state";

/**
 * iptables v1.8.7 (nf_tables) over the rules the learner adds (the nat table's MASQUERADE is what
 * the network lab needs): -A, -I, -D, -F, -P, -N, -L [-n] [-v] [--line-numbers], -S.
 */
const CHAINS: Record<string, string[]> = { filter: ["INPUT", "FORWARD", "OUTPUT"], nat: ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"], mangle: ["PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"], raw: ["PREROUTING", "OUTPUT"] };

function field(spec: string[], ...keys: string[]): string | undefined {
  for (const k of keys) {
    const i = spec.indexOf(k);
    if (i >= 0) return spec[i + 1];
  }
  return undefined;
}

export const iptables: Program = async (ctx) => {
  const s = netState(ctx.environment, ctx.host);
  const ns = namespaceOf(ctx);
  if (ctx.user !== "root") {
    ctx.stderr("iptables v1.8.7 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n\n");
    return 4;
  }
  const args = [...ctx.args];
  const table = field(args, "-t", "--table") ?? "filter";
  if (!CHAINS[table]) {
    ctx.stderr(`iptables v1.8.7 (nf_tables): table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`);
    return 3;
  }
  const chains = [...CHAINS[table], ...new Set(s.rules.filter((r) => r.ns === ns && r.table === table && !CHAINS[table].includes(r.chain)).map((r) => r.chain))];
  const numeric = args.includes("-n") || args.includes("--numeric");
  const verbose = args.includes("-v");
  const numbers = args.includes("--line-numbers");
  const cmdIndex = args.findIndex((a) => /^-[AIDFLPNSX]$|^--(append|insert|delete|flush|list|policy|new-chain|list-rules)$/.test(a));
  const cmd = args[cmdIndex] ?? "-L";
  const chain = cmdIndex >= 0 && args[cmdIndex + 1] && !args[cmdIndex + 1].startsWith("-") ? args[cmdIndex + 1] : undefined;
  const spec = cmdIndex >= 0 ? args.slice(cmdIndex + (chain ? 2 : 1)).filter((a, i, all) => !["-t", "--table"].includes(a) && !["-t", "--table"].includes(all[i - 1] ?? "") && a !== "-n" && a !== "-v" && a !== "--line-numbers") : [];
  const rules = (c: string) => s.rules.filter((r) => r.ns === ns && r.table === table && r.chain === c);
  const needChain = () => {
    if (!chain || !chains.includes(chain)) {
      ctx.stderr(`iptables: No chain/target/match by that name.\n`);
      return false;
    }
    return true;
  };
  switch (cmd) {
    case "-A":
    case "--append":
      if (!chain || (!chains.includes(chain) && !CHAINS[table].includes(chain))) return needChain() ? 0 : 1;
      s.rules.push({ ns, table, chain, spec });
      return 0;
    case "-I":
    case "--insert": {
      if (!needChain()) return 1;
      const n = /^\d+$/.test(spec[0] ?? "") ? Number(spec.shift()) : 1;
      const existing = rules(chain!);
      const anchor = existing[n - 1];
      const at = anchor ? s.rules.indexOf(anchor) : s.rules.length;
      s.rules.splice(at, 0, { ns, table, chain: chain!, spec });
      return 0;
    }
    case "-D":
    case "--delete": {
      if (!needChain()) return 1;
      const list = rules(chain!);
      const target: Rule | undefined = /^\d+$/.test(spec[0] ?? "") ? list[Number(spec[0]) - 1] : list.find((r) => r.spec.join(" ") === spec.join(" "));
      if (!target) {
        ctx.stderr(/^\d+$/.test(spec[0] ?? "") ? "iptables: Index of deletion too big.\n" : "iptables: Bad rule (does a matching rule exist in that chain?).\n");
        return 1;
      }
      s.rules.splice(s.rules.indexOf(target), 1);
      return 0;
    }
    case "-F":
    case "--flush":
      s.rules = s.rules.filter((r) => !(r.ns === ns && r.table === table && (!chain || r.chain === chain)));
      return 0;
    case "-P":
    case "--policy": {
      const policy = spec[0];
      if (!chain || !CHAINS[table].includes(chain) || !["ACCEPT", "DROP"].includes(policy ?? "")) {
        ctx.stderr("iptables: Bad policy name. Run `dmesg' for more information.\n");
        return 1;
      }
      s.policies[`${ns}/${table}/${chain}`] = policy;
      return 0;
    }
    case "-N":
    case "--new-chain":
      if (!chain) return 1;
      if (chains.includes(chain)) {
        ctx.stderr("iptables: Chain already exists.\n");
        return 1;
      }
      s.rules.push({ ns, table, chain, spec: ["--kubecoach-placeholder"] });
      return 0;
    case "-S":
    case "--list-rules": {
      const lines: string[] = [];
      for (const c of chain ? [chain] : chains) {
        lines.push(CHAINS[table].includes(c) ? `-P ${c} ${s.policies[`${ns}/${table}/${c}`] ?? "ACCEPT"}` : `-N ${c}`);
      }
      for (const c of chain ? [chain] : chains) for (const r of rules(c)) if (!r.spec.includes("--kubecoach-placeholder")) lines.push(`-A ${c} ${r.spec.join(" ")}`);
      ctx.stdout(lines.map((l) => `${l}\n`).join(""));
      return 0;
    }
    default: {
      const blocks: string[] = [];
      for (const c of chain ? [chain] : chains) {
        const builtin = CHAINS[table].includes(c);
        const list = rules(c).filter((r) => !r.spec.includes("--kubecoach-placeholder"));
        const head = builtin ? `Chain ${c} (policy ${s.policies[`${ns}/${table}/${c}`] ?? "ACCEPT"}${verbose ? " 0 packets, 0 bytes" : ""})` : `Chain ${c} (0 references)`;
        const cols = `${numbers ? "num  " : ""}${verbose ? " pkts bytes " : ""}target     prot opt ${verbose ? "in     out    " : ""}source               destination         `;
        const rows = list.map((r, i) => {
          const target = field(r.spec, "-j", "--jump") ?? "";
          const prot = field(r.spec, "-p", "--protocol") ?? "all";
          const any = numeric ? "0.0.0.0/0" : "anywhere";
          const src = field(r.spec, "-s", "--source") ?? any;
          const dst = field(r.spec, "-d", "--destination") ?? any;
          const extra = r.spec.filter((_, j, all) => !["-j", "-p", "-s", "-d", "-o", "-i", "--jump", "--protocol", "--source", "--destination"].some((k) => all[j] === k || all[j - 1] === k)).join(" ");
          const io = verbose ? `${(field(r.spec, "-i") ?? "*").padEnd(6)} ${(field(r.spec, "-o") ?? "*").padEnd(6)} ` : "";
          return `${numbers ? `${String(i + 1).padEnd(4)} ` : ""}${verbose ? "    0     0 " : ""}${target.padEnd(10)} ${prot.padEnd(4)} --  ${io}${src.padEnd(20)} ${dst.padEnd(20)}${extra ? ` ${extra}` : ""}`;
        });
        blocks.push([head, cols, ...rows].join("\n"));
      }
      ctx.stdout(`${blocks.join("\n\n")}\n`);
      return 0;
    }
  }
};
