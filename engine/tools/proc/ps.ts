import type { Program } from "../../process/types";
import { commOf, hostProcesses, memPercent, type HostProcess } from "./processes";

/**
 * procps-ng 3.3.17 `ps`: BSD style (`ps aux`), standard (`ps -ef`, `-e`, `-p`, `-C`) and `-o`
 * formats over the host's processes, with the caller's shell and `ps` itself on pts/0.
 */
const pad = (n: number) => String(n).padStart(2, "0");

function clockTime(seconds: number, long: boolean): string {
  const s = Math.floor(seconds);
  if (long) return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
  return `${Math.floor(s / 60)}:${pad(s % 60)}`;
}

function startTime(ms: number, now: number): string {
  const d = new Date(ms);
  if (now - ms < 24 * 3600 * 1000) return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()]}${pad(d.getUTCDate())}`;
}

function cpuPercent(p: HostProcess, now: number): string {
  const age = Math.max(1, (now - p.startedAt) / 1000);
  return Math.min(99.9, (p.cpuSeconds / age) * 100).toFixed(1);
}

const PS_USAGE = "\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n";

type Column = { header: string; width: number; left?: boolean; value: (p: HostProcess) => string };

export const ps: Program = async (ctx) => {
  const now = ctx.environment.clock.now();
  const user = ctx.user;
  const shellPid = 5000 + (ctx.host.name.length * 97 + user.length * 13) % 900;
  const self: HostProcess[] = [
    { pid: shellPid, ppid: 1, user, command: "-bash", startedAt: now, rssKiB: 5_120, vszKiB: 8_832, cpuSeconds: 0, tty: "pts/0", stat: "Ss", listens: [] },
    { pid: shellPid + 1 + (Math.floor(now / 1000) % 400), ppid: shellPid, user, command: `ps ${ctx.args.join(" ")}`.trim(), startedAt: now, rssKiB: 3_456, vszKiB: 10_072, cpuSeconds: 0, tty: "pts/0", stat: "R+", listens: [] },
  ];
  let all = [...hostProcesses(ctx.environment, ctx.host), ...self];
  const args = ctx.args;
  const bsd = args.length > 0 && !args[0].startsWith("-") && /^[auxwef]+$/.test(args[0]);
  const flags = bsd ? args[0] : args.filter((a) => a.startsWith("-") && !a.startsWith("--")).map((a) => a.slice(1)).join("");
  const value = (flag: string) => {
    const i = args.findIndex((a) => a === `-${flag}` || a === `--${flag === "p" ? "pid" : flag}`);
    return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`-${flag}`) && a.length > 2)?.slice(2);
  };
  // procps refuses an option whose list is missing, naming the option as it was written.
  const missing = ([["p", "list of process IDs"], ["C", "list of command names"], ["o", "format specification"]] as const).find(([flag]) => {
    const i = args.findIndex((a) => a === `-${flag}` || (flag === "p" && a === "--pid"));
    return i >= 0 && args[i + 1] === undefined;
  });
  if (missing) {
    const written = args.find((a) => a === `-${missing[0]}` || a === "--pid");
    ctx.stderr(`error: ${missing[1]} must follow ${written}\n${PS_USAGE}`);
    return 1;
  }
  const pids = value("p")?.split(",").map(Number);
  const names = value("C")?.split(",");
  const format = value("o");
  if (pids) all = all.filter((p) => pids.includes(p.pid));
  if (names) all = all.filter((p) => names.includes(commOf(p)));
  const everyone = bsd ? flags.includes("a") || flags.includes("x") : /[eA]/.test(flags) || pids !== undefined || names !== undefined;
  if (!everyone) all = self;
  const width = ctx.terminal.isTTY && !flags.includes("w") ? ctx.terminal.columns : Infinity;
  let columns: Column[];
  if (format) {
    const requested = format.split(",").map((f) => column(f.split("=")[0], now));
    if (requested.some((c) => !c)) {
      ctx.stderr(`error: unknown user-defined format specifier "${format.split(",").find((f) => !column(f.split("=")[0], now))}"\n`);
      return 1;
    }
    columns = requested as Column[];
  } else if (bsd && flags.includes("u")) {
    columns = ["user", "pid", "%cpu", "%mem", "vsz", "rss", "tty", "stat", "start", "bsdtime", "command"].map((c) => column(c, now)!);
  } else if (flags.includes("f")) {
    columns = ["uid", "pid", "ppid", "c", "stime", "tty", "time", "cmd"].map((c) => column(c, now)!);
  } else columns = ["pid", "tty", "time", "comm"].map((c) => column(c, now)!).map((c) => (c.header === "COMMAND" ? { ...c, header: "CMD" } : c));
  const line = (cells: string[]) => {
    const text = cells.map((cell, i) => (i === cells.length - 1 ? cell : columns[i].left ? cell.padEnd(columns[i].width) : cell.padStart(columns[i].width))).join(" ");
    return text.length > width ? text.slice(0, width) : text;
  };
  ctx.stdout(`${line(columns.map((c) => c.header))}\n${all.map((p) => `${line(columns.map((c) => c.value(p)))}\n`).join("")}`);
  return all.length > 0 ? 0 : 1;
};

/** procps shows a user name longer than the column as its first seven characters and a "+" (systemd+). */
function userColumn(user: string): string {
  return user.length > 8 ? `${user.slice(0, 7)}+` : user;
}

function column(name: string, now: number): Column | undefined {
  switch (name) {
    case "user": return { header: "USER", width: 8, left: true, value: (p) => userColumn(p.user) };
    case "uid": return { header: "UID", width: 8, left: true, value: (p) => userColumn(p.user) };
    case "pid": return { header: "PID", width: 7, value: (p) => String(p.pid) };
    case "ppid": return { header: "PPID", width: 7, value: (p) => String(p.ppid) };
    case "%cpu": case "pcpu": return { header: "%CPU", width: 4, value: (p) => cpuPercent(p, now) };
    case "%mem": case "pmem": return { header: "%MEM", width: 4, value: (p) => memPercent(p).toFixed(1) };
    case "vsz": return { header: "VSZ", width: 6, value: (p) => String(p.vszKiB) };
    case "rss": case "rssize": return { header: "RSS", width: 5, value: (p) => String(p.rssKiB) };
    case "tty": case "tt": return { header: "TTY", width: 8, left: true, value: (p) => p.tty };
    case "stat": return { header: "STAT", width: 4, left: true, value: (p) => p.stat };
    case "start": return { header: "START", width: 5, value: (p) => startTime(p.startedAt, now) };
    case "stime": return { header: "STIME", width: 5, value: (p) => startTime(p.startedAt, now) };
    case "c": return { header: "C", width: 2, value: (p) => String(Math.floor(Number(cpuPercent(p, now)))) };
    case "time": return { header: "TIME", width: 8, value: (p) => clockTime(p.cpuSeconds, true) };
    case "bsdtime": return { header: "TIME", width: 6, value: (p) => clockTime(p.cpuSeconds, false) };
    case "etime": return { header: "ELAPSED", width: 11, value: (p) => clockTime((now - p.startedAt) / 1000, true) };
    case "comm": case "ucomm": return { header: "COMMAND", width: 15, left: true, value: (p) => commOf(p) };
    case "cmd": return { header: "CMD", width: 0, left: true, value: (p) => p.command };
    case "args": case "command": return { header: "COMMAND", width: 0, left: true, value: (p) => p.command };
    default: return undefined;
  }
}
