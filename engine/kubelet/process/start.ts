import type { Cluster } from "../../cluster/cluster";
import type { HostFileSystem } from "../../hosts/filesystem";
import type { ImageSpec } from "../images";
import { stdinUse } from "../../shell/stdin-readers";
import { componentFor } from "./components";
import { newScript } from "./shell/run";
import type { Listener, OutputLine, ProcessState } from "./types";

/**
 * Turns a container's image, command, args and environment into the process the simulation runs,
 * the way the runtime does: `command` replaces the image ENTRYPOINT, `args` replaces CMD, and
 * $(VAR) references are expanded from the container's environment first.
 */
export interface ContainerLaunch {
  image: ImageSpec;
  imageRef: string;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
  stdin?: boolean;
  tty?: boolean;
  hostname: string;
  nodeName: string;
  clusterName: string;
  podIP: string;
  now: number;
  nodeFs: HostFileSystem;
  readFile(path: string): string | undefined;
  cluster: Cluster;
}

export type LaunchResult = { ok: true; process: ProcessState } | { ok: false; message: string };

/** kubelet's expansion of $(VAR) in command and args; $$(VAR) escapes. Unknown references stay as written. */
export function expandKubeVars(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => (m === "$$" ? "$" : name !== undefined && name in env ? env[name] : m));
}

const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh"]);
const WRAPPERS = new Set(["docker-entrypoint.sh", "/docker-entrypoint.sh", "/entrypoint.sh", "/usr/bin/dumb-init", "tini", "/tini", "/sbin/tini"]);

function basename(p: string): string {
  return p.replace(/^.*\//, "");
}

export function imageHas(image: ImageSpec, program: string): boolean {
  if (image.binaries.includes(program)) return true;
  const base = basename(program);
  if (program.startsWith("/")) {
    // /bin/sh, /usr/bin/env, /usr/local/bin/kube-proxy: present if the image ships that program.
    return image.binaries.includes(base) && (image.os !== "scratch" && image.os !== "distroless" ? true : image.binaries.includes(program));
  }
  return image.binaries.includes(base) || image.binaries.includes(`/${base}`);
}

function notFoundMessage(program: string): string {
  const why = program.startsWith("/") ? `exec: "${program}": stat ${program}: no such file or directory` : `exec: "${program}": executable file not found in $PATH`;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ${why}: unknown`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function serverListeners(image: ImageSpec): Listener[] {
  return (image.server?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? "TCP", ...(p.http ? { http: p.http } : {}) }));
}

function fill(text: string, launch: ContainerLaunch, at: number): string {
  const d = new Date(at);
  const iso = d.toISOString();
  const [date, time] = [iso.slice(0, 10), iso.slice(11, 19)];
  const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return text
    .replace(/\{ts\}/g, `${date.replace(/-/g, "/")} ${time}`)
    .replace(/\{ip\}/g, launch.podIP)
    .replace(/\{hostname\}/g, launch.hostname)
    .replace(/\{httpdts\}/g, `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, "0")} ${time}.${String(d.getUTCMilliseconds()).padStart(3, "0")}000 ${d.getUTCFullYear()}`)
    .replace(/\{redists\}/g, `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time}.${String(d.getUTCMilliseconds()).padStart(3, "0")}`)
    .replace(/\{mysqlts\}/g, `${date}T${time}.${String(d.getUTCMilliseconds()).padStart(3, "0")}`)
    .replace(/\{pgts\}/g, `${date} ${time}.${String(d.getUTCMilliseconds()).padStart(3, "0")}`)
    .replace(/\{gots\}/g, `${date.replace(/-/g, "/")} ${time}`);
}

function base(launch: ContainerLaunch, argv: string[]): Omit<ProcessState, "kind"> {
  return {
    argv,
    startedAt: launch.now,
    image: launch.imageRef,
    listens: [],
    listeningAt: launch.now,
    memoryMiB: launch.image.memoryMiB,
    cpuMillis: launch.image.cpuMillis,
    gracefulStop: false,
    pending: [],
    hostname: launch.hostname,
  };
}

function server(launch: ContainerLaunch, argv: string[]): ProcessState {
  const behaviour = launch.image.server!;
  const at = launch.now;
  return {
    ...base(launch, argv),
    kind: "server",
    listens: serverListeners(launch.image),
    listeningAt: at + (behaviour.readyAfterMs ?? 0),
    gracefulStop: behaviour.gracefulStop ?? false,
    pending: (behaviour.startupLogs ?? []).map((l, i): OutputLine => ({ at: at + Math.min(i * 5, behaviour.readyAfterMs ?? 0), stream: l.stream, text: fill(l.text, launch, at) })),
  };
}

function script(launch: ContainerLaunch, argv: string[], source: string, shell: string): ProcessState {
  const vars: Record<string, string> = { HOSTNAME: launch.hostname, HOME: "/root", PWD: launch.image.workingDir ?? "/", ...launch.env };
  return { ...base(launch, argv), kind: "script", script: newScript(source, shell, vars, launch.now) };
}

/** Decides what the container's main process is; fails like runc when the program is missing. */
export function launchProcess(launch: ContainerLaunch): LaunchResult {
  const { image } = launch;
  const entrypoint = launch.command ?? image.entrypoint ?? [];
  const rest = launch.command ? (launch.args ?? []) : (launch.args ?? image.cmd ?? []);
  let argv = [...entrypoint, ...rest].map((a) => expandKubeVars(a, launch.env));
  if (argv.length === 0) return { ok: false, message: "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown" };
  if (!imageHas(image, argv[0])) return { ok: false, message: notFoundMessage(argv[0]) };
  while (WRAPPERS.has(argv[0]) && argv.length > 1) argv = argv.slice(argv[1] === "--" ? 2 : 1);

  const program = basename(argv[0]);
  if (SHELLS.has(program)) {
    const shell = program === "bash" ? "bash" : "sh";
    const c = argv.indexOf("-c");
    if (c >= 0 && argv[c + 1] !== undefined) {
      // sh -c 'script' name args…: positional parameters after the script.
      const positional = argv.slice(c + 2);
      const proc = script(launch, argv, argv[c + 1], shell);
      positional.forEach((v, i) => (proc.script!.vars[String(i)] = v));
      return { ok: true, process: proc };
    }
    if (argv.length > 1 && !argv[1].startsWith("-")) return { ok: true, process: script(launch, argv, `. ${shellQuote(argv[1])}`, shell) };
    // An interactive shell with no terminal reads EOF at once and exits 0 (the busybox "Completed" loop).
    return { ok: true, process: script(launch, argv, launch.stdin || launch.tty ? "tail -f /dev/null" : "exit 0", shell) };
  }
  const component = componentFor(program);
  if (component) {
    const outcome = component({ argv, image: launch.imageRef, nodeName: launch.nodeName, clusterName: launch.clusterName, now: launch.now, fs: launch.nodeFs, readFile: launch.readFile, cluster: launch.cluster });
    const proc: ProcessState = { ...base(launch, argv), kind: "server", gracefulStop: true };
    proc.pending = outcome.logs.map((l, i) => ({ at: launch.now + i, stream: l.stream, text: fill(l.text, launch, launch.now) }));
    if (outcome.ok) {
      proc.listens = outcome.listens ?? serverListeners(image);
      proc.listeningAt = launch.now + (outcome.readyAfterMs ?? image.server?.readyAfterMs ?? 1000);
    } else {
      proc.exitAt = launch.now + outcome.exitAfterMs;
      proc.exitCode = outcome.exitCode;
    }
    return { ok: true, process: proc };
  }
  const isDefault = !launch.command && !launch.args;
  if (image.server && (isDefault || (image.cmd && program === basename(image.cmd[0])) || (image.entrypoint && argv[0] === image.entrypoint[0]))) {
    return { ok: true, process: server(launch, argv) };
  }
  // A filter reading an open stdin (`kubectl run -i … -- cat`) blocks until a client attaches and
  // types (engine/kubelet/streaming/attach-session.ts runs it then); without stdin it reads EOF at once.
  if ((launch.stdin || launch.tty) && stdinUse(argv[0], argv.slice(1))) return { ok: true, process: script(launch, argv, "tail -f /dev/null", "sh") };
  // Anything else runs through the interpreter as a one-line script (sleep 3600, echo hi, stress …).
  return { ok: true, process: script(launch, argv, argv.map(shellQuote).join(" "), "sh") };
}
