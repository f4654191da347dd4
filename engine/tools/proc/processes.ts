import type { Environment } from "../../cluster/environment";
import type { Host } from "../../hosts/host";
import { expandedCommand, findUnitFiles } from "../../hosts/unit-files";
import { lookupImage, parseImageRef, type ProcessTitles } from "../../kubelet/images";
import { readKubeletStates, type ContainerRecord, type PodRecord, type ReadonlyDeep } from "../../kubelet/state";
import { MEM_TOTAL_KB } from "./memory";

/**
 * The processes of a host as ps and ss show them: systemd and a few kernel threads, the main
 * process of every running systemd unit (its ExecStart, expanded), and on a node the containerd
 * shims, pause containers and container processes of the pods the kubelet runs there.
 */
export interface HostProcess {
  pid: number;
  ppid: number;
  user: string;
  /** Full command line, as /proc/PID/cmdline shows it. */
  command: string;
  /** /proc/PID/comm when the command line is a title the process set itself ("nginx: worker process" is nginx). */
  comm?: string;
  startedAt: number;
  rssKiB: number;
  vszKiB: number;
  cpuSeconds: number;
  tty: string;
  stat: string;
  /** TCP/UDP ports it listens on, with the address it binds. */
  listens: { port: number; protocol: "TCP" | "UDP"; address: string }[];
  /** What the process is in the simulation, for signals (`kill`, `pkill`). */
  owner?: ProcessOwner;
}

/** What runs the process: the kubelet's records, to read (a signal takes them again to change them). */
export type ProcessOwner = { kind: "unit"; unit: string } | { kind: "container"; pod: ReadonlyDeep<PodRecord>; container: ReadonlyDeep<ContainerRecord> } | { kind: "sandbox"; pod: ReadonlyDeep<PodRecord> };

const KERNEL_THREADS = ["kthreadd", "rcu_gp", "rcu_par_gp", "slub_flushwq", "netns", "kworker/0:0H-events_highpri", "mm_percpu_wq", "rcu_tasks_kthread", "ksoftirqd/0", "rcu_preempt", "migration/0", "cpuhp/0", "cpuhp/1", "migration/1", "ksoftirqd/1", "kdevtmpfs", "inet_frag_wq", "kauditd", "khungtaskd", "oom_reaper", "writeback", "kcompactd0", "kswapd0"];

const SERVICE_USERS: Record<string, string> = { "systemd-resolved": "systemd-resolve", "systemd-timesyncd": "systemd-timesync", rsyslog: "syslog" };

/** Where well-known daemons listen (the simulation tracks ports, not bind addresses). */
const SERVICE_PORTS: Record<string, { port: number; address: string; protocol?: "TCP" | "UDP" }[]> = {
  ssh: [{ port: 22, address: "0.0.0.0" }],
  "systemd-resolved": [{ port: 53, address: "127.0.0.53" }, { port: 53, address: "127.0.0.53", protocol: "UDP" }],
  kubelet: [{ port: 10248, address: "127.0.0.1" }, { port: 10250, address: "*" }],
  containerd: [{ port: 39971, address: "127.0.0.1" }],
};
const LOOPBACK_PORTS = new Set([10248, 10249, 10257, 10259, 2381]);

function stableNumber(text: string, modulo: number): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h % modulo;
}

export function hostProcesses(env: Environment, host: Host): HostProcess[] {
  const boot = (env.extra["hosts.bootTime"] as number | undefined) ?? env.clock.now();
  const now = env.clock.now();
  const upFor = (since: number) => Math.max(0, (now - since) / 1000);
  const out: HostProcess[] = [
    { pid: 1, ppid: 0, user: "root", command: "/sbin/init", startedAt: boot, rssKiB: 12_988, vszKiB: 167_724, cpuSeconds: 0.3 + upFor(boot) * 0.0004, tty: "?", stat: "Ss", listens: [] },
  ];
  KERNEL_THREADS.forEach((name, i) => out.push({ pid: i + 2, ppid: i === 0 ? 0 : 2, user: "root", command: `[${name}]`, startedAt: boot, rssKiB: 0, vszKiB: 0, cpuSeconds: 0, tty: "?", stat: i === 0 ? "S" : "I<", listens: [] }));
  for (const unit of host.services.all()) {
    if (unit.active !== "active" || unit.mainPid === undefined) continue;
    const command = expandedCommand(host.fs, findUnitFiles(host.fs, unit.name))?.replace(/^!+/, "") ?? `/usr/sbin/${unit.name}`;
    const shown = unit.name === "ssh" ? "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups" : command;
    const heavy = unit.name === "kubelet" || unit.name === "containerd";
    out.push({
      pid: unit.mainPid,
      ppid: 1,
      user: SERVICE_USERS[unit.name] ?? "root",
      command: shown,
      startedAt: unit.since,
      rssKiB: heavy ? 78_000 + stableNumber(unit.name, 20_000) : 4_000 + stableNumber(unit.name, 8_000),
      vszKiB: heavy ? 1_900_000 + stableNumber(unit.name, 300_000) : 20_000 + stableNumber(unit.name, 60_000),
      cpuSeconds: upFor(unit.since) * (heavy ? 0.02 : 0.0005),
      tty: "?",
      stat: "Ssl",
      listens: (SERVICE_PORTS[unit.name] ?? []).map((l) => ({ ...l, protocol: l.protocol ?? "TCP" })),
      owner: { kind: "unit", unit: unit.name },
    });
  }
  if (host.cluster) out.push(...podProcesses(env, host, upFor));
  return out.sort((a, b) => a.pid - b.pid);
}

function podProcesses(env: Environment, host: Host, upFor: (since: number) => number): HostProcess[] {
  const cluster = env.clusters.get(host.cluster!);
  const state = cluster ? readKubeletStates(cluster)[host.name] : undefined;
  // Containers run under containerd's shims: they outlive a stopped kubelet, not a stopped containerd.
  if (!state || host.services.get("containerd")?.active !== "active") return [];
  const out: HostProcess[] = [];
  for (const pod of Object.values(state.pods)) {
    if (!pod.sandboxId) continue;
    const shimPid = 2000 + stableNumber(`shim/${pod.sandboxId}`, 20_000);
    const hostNetwork = pod.ip === host.ip;
    out.push({ pid: shimPid, ppid: 1, user: "root", command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${pod.sandboxId} -address /run/containerd/containerd.sock`, startedAt: pod.createdAt, rssKiB: 10_240, vszKiB: 1_238_000, cpuSeconds: upFor(pod.createdAt) * 0.001, tty: "?", stat: "Sl", listens: [], owner: { kind: "sandbox", pod } });
    out.push({ pid: shimPid + 19, ppid: shimPid, user: "65535", command: "/pause", startedAt: pod.createdAt, rssKiB: 512, vszKiB: 1_020, cpuSeconds: 0, tty: "?", stat: "Ss", listens: [], owner: { kind: "sandbox", pod } });
    for (const c of Object.values(pod.containers)) {
      const p = c.process;
      if (c.state !== "running" || !p || !c.id) continue;
      const pid = shimPid + 40 + stableNumber(c.id, 900);
      const titles = p.kind === "server" ? serverTitles(p.image) : undefined;
      const command = p.argv.join(" ");
      out.push({
        pid,
        ppid: shimPid,
        user: "root",
        command: titles ? titles.main.replace("{command}", command) : command,
        ...(titles ? { comm: execName(p.argv[0]) } : {}),
        startedAt: p.startedAt,
        rssKiB: Math.round(p.memoryMiB * 1024),
        vszKiB: Math.round(p.memoryMiB * 1024 * 9),
        cpuSeconds: upFor(p.startedAt) * (p.cpuMillis / 1000),
        tty: "?",
        // A server that titles itself (nginx) is single-threaded: no "l".
        stat: titles ? "Ss" : "Ssl",
        listens: hostNetwork ? p.listens.map((l) => ({ port: l.port, protocol: l.protocol, address: LOOPBACK_PORTS.has(l.port) ? "127.0.0.1" : "*" })) : [],
        owner: { kind: "container", pod, container: c },
      });
      // Workers (nginx's) are the main process's children; a signal to one changes nothing here (nginx starts another).
      const workers = titles?.workers;
      for (let i = 0; workers && i < workers.count; i++) {
        out.push({ pid: pid + 40 + i, ppid: pid, user: userOf(host, workers.uid), command: workers.title, comm: execName(p.argv[0]), startedAt: p.startedAt, rssKiB: 2_872, vszKiB: 11_868, cpuSeconds: 0, tty: "?", stat: "S", listens: [] });
      }
    }
  }
  return out;
}

function serverTitles(image: string): ProcessTitles | undefined {
  const ref = parseImageRef(image);
  const found = ref ? lookupImage(ref) : undefined;
  return found?.found ? found.image.server?.processTitles : undefined;
}

function execName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1).slice(0, 15);
}

/** The host's name for a uid, from its /etc/passwd (ps shows the number when there is none). */
function userOf(host: Host, uid: number): string {
  const passwd = host.fs.readFileSync("/etc/passwd") ?? "";
  const entry = passwd.split("\n").find((line) => line.split(":")[2] === String(uid));
  return entry ? entry.split(":")[0] : String(uid);
}

/** The name a process is known by (/proc/PID/comm): its executable's base name, at most 15 characters. */
export function commOf(p: HostProcess): string {
  if (p.comm) return p.comm;
  if (p.command.startsWith("[")) return p.command.slice(1, -1);
  if (p.command.startsWith("sshd:")) return "sshd";
  const exe = p.command.split(" ")[0];
  return exe.slice(exe.lastIndexOf("/") + 1).slice(0, 15);
}

export function memPercent(p: HostProcess): number {
  return (p.rssKiB / MEM_TOTAL_KB) * 100;
}
