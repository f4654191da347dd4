import type { Cluster } from "../cluster/cluster";
import { containerLogPath, parseLogFile } from "../kubelet/logs";
import { kubeletControllerName } from "../kubelet/kubelet";
import { kubeletStates, readKubeletStates, type ContainerRecord, type NodeKubeletState, type PodRecord, type ReadonlyDeep } from "../kubelet/state";
import type { ProgramContext } from "../process/types";
import { PROGRAMS } from "../programs";

/**
 * crictl (v1.33) against the node's containerd: the kubelet's sandboxes and containers with the
 * same IDs the pods' containerStatuses and /var/log/pods carry. ps (-a, --name, --pod, -q), pods,
 * images, logs (--tail), inspect, stop (the kubelet restarts the container) and rmi.
 */
const SOCKET = "unix:///run/containerd/containerd.sock";

/** The node's state as crictl reads it: only `stop` and `rmi` change it, through kubeletStates. */
type NodeState = ReadonlyDeep<NodeKubeletState>;

interface Row {
  pod: ReadonlyDeep<PodRecord>;
  c: ReadonlyDeep<ContainerRecord>;
  id: string;
  state: "Running" | "Exited" | "Created";
  attempt: number;
  createdAt: number;
  exitCode?: number;
}

/** go-units HumanDuration + " ago", as crictl prints CREATED. */
function ago(ms: number): string {
  const s = Math.floor(ms / 1000);
  let text: string;
  if (s < 1) text = "Less than a second";
  else if (s === 1) text = "1 second";
  else if (s < 60) text = `${s} seconds`;
  else if (Math.floor(s / 60) === 1) text = "About a minute";
  else if (s < 3600) text = `${Math.floor(s / 60)} minutes`;
  else if (Math.round(s / 3600) === 1) text = "About an hour";
  else if (s < 48 * 3600) text = `${Math.round(s / 3600)} hours`;
  else if (s < 7 * 24 * 3600 * 2) text = `${Math.floor(s / 86400)} days`;
  else if (s < 30 * 24 * 3600 * 3) text = `${Math.floor(s / (7 * 86400))} weeks`;
  else text = `${Math.floor(s / (30 * 86400))} months`;
  return `${text} ago`;
}

/** go-units HumanSize: decimal units, four significant digits. */
function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${Number(v.toPrecision(4))}${units[i]}`;
}

/** crictl's table: tabwriter with a minimum column width of 20 and padding 3. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(17, ...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 3))).join("")).join("\n") + "\n";
}

function nodeOf(ctx: ProgramContext): { cluster: Cluster; state: NodeState } | undefined {
  const cluster = ctx.host.cluster ? ctx.environment.clusters.get(ctx.host.cluster) : undefined;
  const state = cluster ? readKubeletStates(cluster)[ctx.host.name] : undefined;
  return cluster && state ? { cluster, state } : undefined;
}

/**
 * The attempt number of the exited container in `last`: the kubelet counts a restart when it begins
 * one, so while it backs off (CrashLoopBackOff) the exited container is still the current attempt.
 */
function lastAttempt(c: ReadonlyDeep<ContainerRecord>, created: boolean): number {
  if (!created && c.reason === "CrashLoopBackOff") return c.restartCount;
  return Math.max(0, c.restartCount - 1);
}

function rows(state: NodeState, all: boolean): Row[] {
  const out: Row[] = [];
  for (const pod of Object.values(state.pods)) {
    for (const c of Object.values(pod.containers)) {
      // A waiting record that still names its exited container has no new container yet (the kubelet
      // is pulling or backing off): containerd lists only the exited one.
      const created = c.state !== "waiting" || c.id !== c.last?.containerID;
      if (c.id && created && (c.state === "running" || all)) out.push({ pod, c, id: c.id, state: c.state === "running" ? "Running" : c.state === "terminated" ? "Exited" : "Created", attempt: c.restartCount, createdAt: c.startedAt ?? pod.createdAt, exitCode: c.exitCode });
      if (all && c.last?.containerID && (c.last.containerID !== c.id || !created)) out.push({ pod, c, id: c.last.containerID, state: "Exited", attempt: lastAttempt(c, created), createdAt: c.last.startedAt, exitCode: c.last.exitCode });
    }
  }
  return out.sort((a, b) => b.createdAt - a.createdAt);
}

function find(state: NodeState, prefix: string): Row | undefined {
  if (!prefix) return undefined;
  return rows(state, true).find((r) => r.id.startsWith(prefix));
}

function flag(args: string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    for (const n of names) {
      if (args[i] === n) return args[i + 1];
      if (args[i].startsWith(`${n}=`)) return args[i].slice(n.length + 1);
    }
  }
  return undefined;
}

function unavailable(ctx: ProgramContext): number {
  const when = new Date(ctx.environment.clock.now()).toISOString();
  ctx.stderr(`E${when.slice(5, 7)}${when.slice(8, 10)} ${when.slice(11, 23)}000    4321 remote_runtime.go:87] "Version from runtime service failed" err="rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused\\""\ntime="${when.replace(/\.\d+Z$/, "Z")}" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"${SOCKET}\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused\\""\n`);
  return 1;
}

function ps(ctx: ProgramContext, state: NodeState, args: string[]): number {
  const now = ctx.environment.clock.now();
  const all = args.includes("-a") || args.includes("--all");
  const name = flag(args, "--name");
  const pod = flag(args, "--pod", "-p");
  let list = rows(state, all).filter((r) => (!name || new RegExp(name).test(r.c.name)) && (!pod || r.pod.sandboxId?.startsWith(pod)));
  if (args.includes("-l") || args.includes("--latest")) list = list.slice(0, 1);
  if (args.includes("-q") || args.includes("--quiet")) {
    ctx.stdout(list.map((r) => `${r.id}\n`).join(""));
    return 0;
  }
  const header = ["CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "ATTEMPT", "POD ID", "POD", "NAMESPACE"];
  const imageId = (r: Row) => (state.images[r.c.image ?? ""]?.id ?? r.c.imageID ?? "").replace(/^sha256:/, "").slice(0, 13);
  ctx.stdout(table([header, ...list.map((r) => [r.id.slice(0, 13), imageId(r), ago(now - r.createdAt), r.state, r.c.name, String(r.attempt), (r.pod.sandboxId ?? "").slice(0, 13), r.pod.name, r.pod.namespace])]));
  return 0;
}

function pods(ctx: ProgramContext, state: NodeState, args: string[]): number {
  const now = ctx.environment.clock.now();
  const name = flag(args, "--name");
  const list = Object.values(state.pods)
    .filter((p) => p.sandboxId && (!name || new RegExp(name).test(p.name)))
    .sort((a, b) => b.createdAt - a.createdAt);
  if (args.includes("-q") || args.includes("--quiet")) {
    ctx.stdout(list.map((p) => `${p.sandboxId}\n`).join(""));
    return 0;
  }
  ctx.stdout(table([["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"], ...list.map((p) => [p.sandboxId!.slice(0, 13), ago(now - p.createdAt), "Ready", p.name, p.namespace, "0", "(default)"])]));
  return 0;
}

function images(ctx: ProgramContext, state: NodeState, args: string[]): number {
  const list = Object.entries(state.images).sort(([a], [b]) => a.localeCompare(b));
  if (args.includes("-q") || args.includes("--quiet")) {
    ctx.stdout(list.map(([, i]) => `${i.id}\n`).join(""));
    return 0;
  }
  const rowsOut = list.map(([ref, i]) => {
    const at = ref.lastIndexOf(":");
    return [ref.slice(0, at), ref.slice(at + 1), i.id.replace(/^sha256:/, "").slice(0, 13), humanSize(i.size)];
  });
  ctx.stdout(table([["IMAGE", "TAG", "IMAGE ID", "SIZE"], ...rowsOut]));
  return 0;
}

function logs(ctx: ProgramContext, state: NodeState, args: string[]): number {
  const id = args.filter((a, i) => !a.startsWith("-") && !["--tail", "--since"].includes(args[i - 1] ?? "")).pop() ?? "";
  const row = find(state, id);
  if (!row) {
    ctx.stderr(`E0000 00:00:00.000000    4321 log.go:32] "Failed to get container status" err="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found" containerID="${id}"\ntime="${new Date(ctx.environment.clock.now()).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found"\n`);
    return 1;
  }
  const path = containerLogPath(row.pod.namespace, row.pod.name, row.pod.uid, row.c.name, row.attempt);
  let entries = parseLogFile(ctx.host.fs.readFileSync(path));
  const tail = flag(args, "--tail");
  if (tail !== undefined && Number(tail) >= 0) entries = entries.slice(Math.max(0, entries.length - Number(tail)));
  const stamps = args.includes("-t") || args.includes("--timestamps");
  for (const e of entries) (e.stream === "stderr" ? ctx.stderr : ctx.stdout)(`${stamps ? `${e.time} ` : ""}${e.text}\n`);
  return 0;
}

function inspect(ctx: ProgramContext, state: NodeState, args: string[]): number {
  const ids = args.filter((a) => !a.startsWith("-"));
  const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString().replace(/Z$/, "000000Z") : "0001-01-01T00:00:00Z");
  for (const id of ids) {
    const row = find(state, id);
    if (!row) {
      ctx.stderr(`time="${new Date(ctx.environment.clock.now()).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="getting the status of the container \\"${id}\\": rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found"\n`);
      return 1;
    }
    const c = row.c;
    const current = row.id === c.id;
    const status = {
      id: row.id,
      metadata: { attempt: row.attempt, name: c.name },
      state: current ? (c.state === "running" ? "CONTAINER_RUNNING" : "CONTAINER_EXITED") : "CONTAINER_EXITED",
      createdAt: iso(row.createdAt),
      startedAt: iso(row.createdAt),
      finishedAt: iso(current ? c.finishedAt : c.last?.finishedAt),
      exitCode: current ? (c.exitCode ?? 0) : (c.last?.exitCode ?? 0),
      image: { annotations: {}, image: c.image ?? "", runtimeHandler: "", userSpecifiedImage: "" },
      imageRef: c.imageID ?? "",
      reason: current ? (c.state === "terminated" ? (c.reason ?? "") : "") : (c.last?.reason ?? ""),
      message: "",
      labels: { "io.kubernetes.container.name": c.name, "io.kubernetes.pod.name": row.pod.name, "io.kubernetes.pod.namespace": row.pod.namespace, "io.kubernetes.pod.uid": row.pod.uid },
      logPath: containerLogPath(row.pod.namespace, row.pod.name, row.pod.uid, c.name, row.attempt),
    };
    const info = { sandboxID: row.pod.sandboxId, pid: current && c.state === "running" ? (c.pid ?? 0) : 0, removing: false, snapshotKey: row.id, snapshotter: "overlayfs", runtimeType: "io.containerd.runc.v2", config: { metadata: { name: c.name, attempt: row.attempt }, image: { image: c.imageID ?? "" }, envs: Object.entries(c.env ?? {}).map(([key, value]) => ({ key, value })), log_path: `${c.name}/${row.attempt}.log` } };
    ctx.stdout(`${JSON.stringify({ status, info }, null, 2)}\n`);
  }
  return 0;
}

function stop(ctx: ProgramContext, cluster: Cluster, args: string[]): number {
  const state = kubeletStates(cluster)[ctx.host.name]!;
  for (const id of args.filter((a) => !a.startsWith("-"))) {
    const row = find(state, id);
    if (!row) {
      ctx.stderr(`time="${new Date(ctx.environment.clock.now()).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="stopping the container \\"${id}\\": rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found"\n`);
      return 1;
    }
    if (row.id === row.c.id && row.c.state === "running") {
      // SIGTERM now; the process stops at once or when its grace period ends, and the kubelet notices.
      // The row's container is one of `state`'s, taken to change above.
      (row.c as ContainerRecord).killAt = ctx.environment.clock.now();
      cluster.controllers.enqueue(kubeletControllerName(ctx.host.name), `pod:${row.pod.namespace}/${row.pod.name}`);
      cluster.settle();
    }
    ctx.stdout(`${id}\n`);
  }
  return 0;
}

function rmi(ctx: ProgramContext, cluster: Cluster, args: string[]): number {
  const state = kubeletStates(cluster)[ctx.host.name]!;
  for (const name of args.filter((a) => !a.startsWith("-"))) {
    const ref = Object.keys(state.images).find((r) => r === name || r === `docker.io/library/${name}` || r === `docker.io/${name}` || state.images[r].id.replace(/^sha256:/, "").startsWith(name) || r === `${name}:latest` || r === `docker.io/library/${name}:latest`);
    if (!ref) {
      ctx.stderr(`time="${new Date(ctx.environment.clock.now()).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="no such image ${name}"\n`);
      return 1;
    }
    const inUse = Object.values(state.pods).some((p) => Object.values(p.containers).some((c) => c.image === ref && c.state === "running"));
    if (inUse || state.images[ref].pinned) {
      ctx.stderr(`time="${new Date(ctx.environment.clock.now()).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="error of removing image \\"${state.images[ref].id}\\": rpc error: code = FailedPrecondition desc = image is in use by a container"\n`);
      return 1;
    }
    delete state.images[ref];
    ctx.stdout(`Deleted: ${ref}\n`);
  }
  return 0;
}

async function crictl(ctx: ProgramContext): Promise<number> {
  const node = nodeOf(ctx);
  const [command, ...rest] = ctx.args.filter((a, i) => !(a === "--runtime-endpoint" || ctx.args[i - 1] === "--runtime-endpoint" || a.startsWith("--runtime-endpoint=")));
  if (command === undefined || command === "--help" || command === "-h") {
    ctx.stdout("NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nVERSION:\n   v1.33.0\n");
    return 0;
  }
  if (command === "--version" || command === "-v") {
    ctx.stdout("crictl version v1.33.0\n");
    return 0;
  }
  if (ctx.user !== "root") {
    ctx.stderr(`time="${new Date(ctx.environment.clock.now()).toISOString().replace(/\.\d+Z$/, "Z")}" level=fatal msg="validate service connection: validate CRI v1 runtime API for endpoint \\"${SOCKET}\\": rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: permission denied\\""\n`);
    return 1;
  }
  if (!node || ctx.host.services.get("containerd")?.active !== "active") return unavailable(ctx);
  const { cluster, state } = node;
  switch (command) {
    case "ps":
      return ps(ctx, state, rest);
    case "pods":
      return pods(ctx, state, rest);
    case "images":
    case "image":
    case "img":
      return images(ctx, state, rest);
    case "logs":
      return logs(ctx, state, rest);
    case "inspect":
      return inspect(ctx, state, rest);
    case "stop":
      return stop(ctx, cluster, rest);
    case "rmi":
      return rmi(ctx, cluster, rest);
    case "version":
      ctx.stdout("Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  1.7.27\nRuntimeApiVersion:  v1\n");
      return 0;
    default:
      ctx.stderr(`crictl ${command} is not available in Kubecoach yet\n`);
      return 1;
  }
}

PROGRAMS.register(["crictl"], crictl);
