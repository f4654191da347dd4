import type { Program } from "../../process/types";
import { uptimeSeconds } from "../../shell/proc";
import { hostMemory } from "../proc/memory";
import { commOf, hostProcesses, memPercent, type HostProcess } from "../proc/processes";

/**
 * procps-ng 3.3.17 `top` in batch mode (`top -b -n 1`, `-bn1`, `-o %MEM`, `-p PID`): the summary
 * (uptime, tasks, CPU, memory in MiB from the same model `free` reads) and the task table sorted
 * by %CPU. The full-screen view needs a terminal the line-based Kubecoach terminal does not give a
 * program: interactive `top` prints one frame and says so.
 */
const CORES = 2;
const LOAD = "load average: 0.08, 0.12, 0.09";

const pad2 = (n: number) => String(n).padStart(2, "0");

function cpuPercent(p: HostProcess, now: number): number {
  const age = Math.max(1, (now - p.startedAt) / 1000);
  return Math.min(99.9, (p.cpuSeconds / age) * 100);
}

/** TIME+: minutes:seconds.hundredths of CPU time. */
function timePlus(seconds: number): string {
  const hundredths = Math.floor(seconds * 100);
  return `${Math.floor(hundredths / 6000)}:${pad2(Math.floor(hundredths / 100) % 60)}.${pad2(hundredths % 100)}`;
}

function upSince(up: number): string {
  const days = Math.floor(up / 86400);
  const hours = Math.floor((up % 86400) / 3600);
  const minutes = Math.floor((up % 3600) / 60);
  const dayPart = days > 0 ? `${days} day${days === 1 ? "" : "s"}, ` : "";
  return `${dayPart}${hours > 0 ? `${String(hours).padStart(2)}:${pad2(minutes)}` : `${minutes} min`}`;
}

const USAGE = "  usage:  top -hv | -bcEeHiOSs1 -d secs -n max -u|U user -p pid(s) -o field -w [cols]\n";

export const top: Program = async (ctx) => {
  let batch = false;
  let sortField = "%CPU";
  let pids: number[] | undefined;
  const args = ctx.args.flatMap((a) => (/^-[bcHiSs1]+n\d*$/.test(a) ? [...a.slice(1).replace(/n(\d*)$/, "").split("").map((c) => `-${c}`), `-n${/n(\d*)$/.exec(a)![1]}`] : [a]));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-b") batch = true;
    else if (a === "-n" || a === "-d" || a === "-u" || a === "-U" || a === "-w") i++;
    else if (/^-[ndw]\d/.test(a) || a === "-n") continue;
    else if (a === "-o") sortField = args[++i] ?? "";
    else if (a === "-p") pids = (args[++i] ?? "").split(",").map(Number);
    else if (/^-[cHiSs1E]$/.test(a)) continue;
    else if (a === "-h" || a === "-v") {
      ctx.stdout(`  procps-ng 3.3.17\n${USAGE}`);
      return 0;
    } else {
      ctx.stderr(`top: unknown option '${a.replace(/^-/, "")}'\n${USAGE}`);
      return 1;
    }
  }
  if (!["%CPU", "%MEM", "PID", "RES", "TIME+", "COMMAND", "VIRT"].includes(sortField)) {
    ctx.stderr(`top: unrecognized field name '${sortField}'\n`);
    return 1;
  }
  const env = ctx.environment;
  const now = env.clock.now();
  const topPid = 5000 + (ctx.host.name.length * 97 + ctx.user.length * 13) % 900 + 1 + (Math.floor(now / 1000) % 400);
  const self: HostProcess = { pid: topPid, ppid: 1, user: ctx.user, command: "top", startedAt: now, rssKiB: 4_224, vszKiB: 10_348, cpuSeconds: 0, tty: "pts/0", stat: "R", listens: [] };
  const all = [...hostProcesses(env, ctx.host), self];
  const shown = all.filter((p) => !pids || pids.includes(p.pid));
  const cpu = new Map(all.map((p) => [p.pid, cpuPercent(p, now)]));
  const value = (p: HostProcess): number | string => {
    switch (sortField) {
      case "%MEM": return p.rssKiB;
      case "PID": return p.pid;
      case "RES": return p.rssKiB;
      case "VIRT": return p.vszKiB;
      case "TIME+": return p.cpuSeconds;
      case "COMMAND": return commOf(p);
      default: return cpu.get(p.pid)!;
    }
  };
  shown.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (typeof x === "string" && typeof y === "string") return x < y ? 1 : x > y ? -1 : a.pid - b.pid;
    return (y as number) - (x as number) || a.pid - b.pid;
  });
  const clock = new Date(now).toISOString().slice(11, 19);
  const running = all.filter((p) => p.stat.startsWith("R")).length;
  const used = [...cpu.values()].reduce((s, v) => s + v, 0) / CORES;
  const us = Math.min(100, used * 0.7);
  const sy = Math.min(100 - us, used * 0.3);
  const mem = hostMemory(env, ctx.host);
  const mib = (kib: number) => (kib / 1024).toFixed(1).padStart(9);
  const cache = mem.buffers + mem.pageCache + mem.slabReclaimable;
  const lines = [
    `top - ${clock} up ${upSince(Math.floor(uptimeSeconds(env)))},  1 user,  ${LOAD}`,
    `Tasks: ${String(all.length).padStart(3)} total, ${String(running).padStart(3)} running, ${String(all.length - running).padStart(3)} sleeping,   0 stopped,   0 zombie`,
    `%Cpu(s):${us.toFixed(1).padStart(5)} us,${sy.toFixed(1).padStart(5)} sy,  0.0 ni,${(100 - us - sy).toFixed(1).padStart(5)} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st`,
    `MiB Mem :${mib(mem.total)} total,${mib(mem.free)} free,${mib(mem.total - mem.free - cache)} used,${mib(cache)} buff/cache`,
    `MiB Swap:${mib(mem.swapTotal)} total,${mib(mem.swapFree)} free,${mib(mem.swapTotal - mem.swapFree)} used.${mib(mem.available)} avail Mem `,
    "",
    "    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND",
  ];
  for (const p of shown) {
    const idle = p.stat.startsWith("I<");
    const shared = Math.round(p.rssKiB * (p.rssKiB > 50_000 ? 0.22 : 0.6));
    const comm = p.pid === 1 ? "systemd" : commOf(p);
    lines.push(
      `${String(p.pid).padStart(7)} ${(p.user.length > 8 ? `${p.user.slice(0, 7)}+` : p.user).padEnd(8)} ${(idle ? "0" : "20").padStart(3)} ${(idle ? "-20" : "0").padStart(3)} ${String(p.vszKiB).padStart(7)} ${String(p.rssKiB).padStart(6)} ${String(shared).padStart(6)} ${p.stat[0]} ${cpu.get(p.pid)!.toFixed(1).padStart(5)} ${memPercent(p).toFixed(1).padStart(5)} ${timePlus(p.cpuSeconds).padStart(9)} ${comm}`,
    );
  }
  ctx.stdout(`${lines.join("\n")}\n`);
  if (!batch) ctx.stderr("top: the full-screen view is not available in Kubecoach yet; this is one frame of `top -b -n 1`\n");
  return 0;
};
