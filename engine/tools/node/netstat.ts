import type { Program } from "../../process/types";
import { hostProcesses, type HostProcess } from "../proc/processes";

/**
 * net-tools 2.10 `netstat` (Ubuntu 22.04) over the same sockets `ss` lists: `-t`/`-u`, `-l` (or `-a`,
 * the same here: the model keeps listening sockets only), `-n` and `-p`, in any combination
 * (`-tlnp`, `-plnt`, `-tulpn`). A socket bound to every address of both families (`*` to ss) is
 * a tcp6/udp6 line on `:::PORT`, as netstat shows it.
 */
const SERVICES: Record<number, string> = { 22: "ssh", 53: "domain", 80: "http", 443: "https", 2379: "2379", 6443: "6443" };
const HOST_NAMES: Record<string, string> = { "127.0.0.1": "localhost", "127.0.0.53": "_localdnsstub" };
/** The kernel's TASK_COMM_LEN budget for "PID/name" (net-tools' PROGNAME_WIDTH less its NUL). */
const PROGNAME_WIDTH = 20;

interface Row {
  proto: string;
  local: string;
  foreign: string;
  state: string;
  program: string;
}

/** The program column: PID and the first word of the command line, without its directory. */
function program(p: HostProcess): string {
  const cmdline = p.command.startsWith("sshd:") ? p.command : p.command.split(" ")[0];
  const name = cmdline.startsWith("sshd:") ? cmdline : cmdline.slice(cmdline.lastIndexOf("/") + 1);
  return `${p.pid}/${name}`.slice(0, PROGNAME_WIDTH - 1);
}

export const netstat: Program = async (ctx) => {
  let letters = "";
  for (const a of ctx.args) {
    if (a === "--tcp") letters += "t";
    else if (a === "--udp") letters += "u";
    else if (a === "--listening") letters += "l";
    else if (a === "--numeric") letters += "n";
    else if (a === "--programs") letters += "p";
    else if (a === "--all") letters += "a";
    else if (/^-[a-zA-Z]+$/.test(a)) letters += a.slice(1);
    else {
      ctx.stderr(`netstat: invalid option -- '${a.replace(/^-+/, "")}'\n`);
      return 1;
    }
  }
  for (const c of letters) {
    if (!"tulnpa46ew".includes(c)) {
      ctx.stderr(`netstat: invalid option -- '${c}'\nusage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n`);
      return 1;
    }
  }
  const tcp = letters.includes("t") || !letters.includes("u");
  const udp = letters.includes("u") || !letters.includes("t");
  const servers = letters.includes("l") || letters.includes("a");
  const numeric = letters.includes("n");
  const showProgram = letters.includes("p");
  const root = ctx.user === "root";
  const address = (ip: string, port: number, six: boolean) => {
    const host = numeric ? ip : (HOST_NAMES[ip] ?? ip);
    const service = numeric ? String(port) : (SERVICES[port] ?? String(port));
    return six ? `${numeric || ip !== "::" ? ip : "[::]"}:${service}` : `${host}:${service}`;
  };
  const rows: Row[] = [];
  if (servers) {
    const all = hostProcesses(ctx.environment, ctx.host);
    for (const protocol of ["TCP", "UDP"] as const) {
      if ((protocol === "TCP" && !tcp) || (protocol === "UDP" && !udp)) continue;
      for (const six of [false, true]) {
        for (const p of all) {
          for (const l of p.listens) {
            if (l.protocol !== protocol || (l.address === "*") !== six) continue;
            const base = protocol === "TCP" ? "tcp" : "udp";
            rows.push({
              proto: six ? `${base}6` : base,
              local: address(six ? "::" : l.address, l.port, six),
              foreign: six ? (numeric ? ":::*" : "[::]:*") : "0.0.0.0:*",
              state: protocol === "TCP" ? "LISTEN" : "",
              program: root || p.user === ctx.user ? program(p) : "-",
            });
          }
        }
      }
    }
  }
  let out = "";
  if (showProgram && !root) out += "(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n";
  out += `Active Internet connections ${letters.includes("a") ? "(servers and established)" : servers ? "(only servers)" : "(w/o servers)"}\n`;
  out += `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${showProgram ? ` ${"PID/Program name".padEnd(PROGNAME_WIDTH)}` : ""}\n`;
  for (const r of rows) {
    const line = `${r.proto.padEnd(4)}  ${"0".padStart(6)} ${"0".padStart(6)} ${r.local.padEnd(23)} ${r.foreign.padEnd(23)} ${r.state.padEnd(11)}`;
    out += `${line}${showProgram ? ` ${r.program.padEnd(PROGNAME_WIDTH)}` : ""}\n`;
  }
  ctx.stdout(out);
  return 0;
};
