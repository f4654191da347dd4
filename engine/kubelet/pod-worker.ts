import type { ApiClient } from "../api/client";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import type { EventRecorder } from "../controllers/events";
import type { NodeLayout } from "../controlplane/layout";
import type { Host } from "../hosts/host";
import { containerMounts, setUpVolumes } from "./volumes";
import { ContainerFs, TASK_ROOT, type Mount } from "./container-fs";
import { mebibytes, resolveEnv } from "./config-refs";
import { imageLayer } from "./image-fs";
import { lookupImage, parseImageRef, type ImageSpec } from "./images";
import { appendLogLines, containerLogPath } from "./logs";
import { clusterNetwork } from "./network-hooks";
import type { ContainerSpec, PodSpec, Probe } from "./pod-types";
import { runProbe } from "./probes";
import { imageHas, launchProcess } from "./process/start";
import { stepProcess } from "./process/step";
import type { ScriptHost } from "./process/shell/host";
import type { ContainerRecord, NodeKubeletState, PodRecord, ProbeState } from "./state";
import { BACKOFF, PULL_SECONDS_WARM, imagePullDecision, restartAllowed } from "./lifecycle";
import { buildPodStatus } from "./pod-status";
import { ephemeralContainers } from "./ephemeral";

/**
 * One pass of the kubelet's pod worker over a pod bound to this node (syncPod): sandbox, volumes,
 * init containers in order, app containers, restarts with back-off, probes, termination. Every
 * transition happens at its clock time; the worker returns when it next needs to run.
 */
export interface WorkerContext {
  cluster: Cluster;
  client: ApiClient;
  node: NodeLayout;
  host: Host;
  state: NodeKubeletState;
  recorder: EventRecorder;
  now: number;
  rfc3339: (ms: number) => string;
  newId: () => string;
}

export interface SyncResult {
  wakeAt?: number;
  /** The pod is gone from the node (finished terminating). */
  removed?: boolean;
}

const POD_DELETE_WAIT_MS = 0;

/** `killReason` of a container killed by SIGKILL sent on its node. */
export const SIGKILL_REASON = "SIGKILL";

export const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

/** The pod's identity in the runtime: a static pod keeps its manifest hash across mirror-pod re-creation. */
export function runtimeUid(pod: KubeObject): string {
  return pod.metadata.annotations?.[MIRROR_ANNOTATION] ?? pod.metadata.uid!;
}

/** Stops every container of a pod the node should no longer run, and forgets it. */
export function killPod(ctx: WorkerContext, rec: PodRecord): void {
  const fs = ctx.host.fs;
  for (const c of Object.values(rec.containers)) if (c.id) fs.rmSync(`${TASK_ROOT}/${c.id}`, { recursive: true, force: true });
  if (rec.sandboxId) fs.rmSync(`/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/${rec.sandboxId}`, { recursive: true, force: true });
  fs.rmSync(`/var/lib/kubelet/pods/${rec.uid}`, { recursive: true, force: true });
  delete ctx.state.pods[rec.uid];
}

export function syncPod(ctx: WorkerContext, pod: KubeObject): SyncResult {
  const w = new PodWorker(ctx, pod);
  return w.run();
}

class PodWorker {
  private readonly spec: PodSpec;
  private readonly rec: PodRecord;
  private wake?: number;

  constructor(
    private readonly ctx: WorkerContext,
    private readonly pod: KubeObject,
  ) {
    this.spec = pod.spec as PodSpec;
    const uid = runtimeUid(pod);
    let rec = ctx.state.pods[uid];
    if (!rec) {
      rec = { uid, namespace: pod.metadata.namespace!, name: pod.metadata.name!, createdAt: ctx.now, containers: {} };
      ctx.state.pods[uid] = rec;
    }
    this.rec = rec;
  }

  private wakeAt(t: number | undefined): void {
    if (t === undefined) return;
    if (t <= this.ctx.now) t = this.ctx.now + 1;
    this.wake = this.wake === undefined ? t : Math.min(this.wake, t);
  }

  private get hostIP(): string {
    return this.ctx.node.ip;
  }

  private event(type: "Normal" | "Warning", reason: string, message: string, container?: ContainerSpec, kind?: ContainerRecord["kind"]): void {
    const fieldPath = container ? `spec.${kind === "app" ? "containers" : kind === "ephemeral" ? "ephemeralContainers" : "initContainers"}{${container.name}}` : undefined;
    if (type === "Normal") this.ctx.recorder.normal(this.pod, reason, message, { fieldPath });
    else this.ctx.recorder.warning(this.pod, reason, message, { fieldPath });
  }

  run(): SyncResult {
    const status = (this.pod.status ?? {}) as { phase?: string };
    const terminal = status.phase === "Succeeded" || status.phase === "Failed";
    if (this.pod.metadata.deletionTimestamp) return this.terminate();
    if (terminal) {
      this.stopAll(this.ctx.now, 0);
      return {};
    }
    if (this.activeDeadlineExceeded()) return {};
    if (!this.ensureSandbox()) {
      this.writeStatus();
      return { wakeAt: this.wake };
    }
    const mounts = this.ensureVolumes();
    if (!mounts) {
      this.writeStatus();
      return { wakeAt: this.wake };
    }
    const initDone = this.runInitContainers(mounts);
    if (initDone) for (const c of this.spec.containers) this.runContainer(c, "app", mounts, this.restartPolicy());
    // Ephemeral containers (kubectl debug) start once and are never restarted.
    if (initDone) for (const c of ephemeralContainers(this.spec)) this.runContainer(c, "ephemeral", mounts, "Never");
    this.writeStatus();
    return { wakeAt: this.wake };
  }

  private restartPolicy(): "Always" | "OnFailure" | "Never" {
    return this.spec.restartPolicy ?? "Always";
  }

  private activeDeadlineExceeded(): boolean {
    const deadline = this.spec.activeDeadlineSeconds;
    const start = (this.pod.status as { startTime?: string } | undefined)?.startTime;
    if (deadline === undefined || !start) return false;
    const at = Date.parse(start) + deadline * 1000;
    if (this.ctx.now < at) {
      this.wakeAt(at);
      return false;
    }
    this.stopAll(this.ctx.now, 0);
    const message = "Pod was active on the node longer than the specified deadline";
    this.event("Normal", "DeadlineExceeded", message);
    this.writeStatus({ phase: "Failed", reason: "DeadlineExceeded", message });
    return true;
  }

  // ---------- sandbox and volumes ----------

  private cniReady(): boolean {
    const fs = this.ctx.host.fs;
    return fs.isDirectorySync("/etc/cni/net.d") && fs.readdirSync("/etc/cni/net.d").some((f) => /\.(conflist|conf|json)$/.test(f));
  }

  private ensureSandbox(): boolean {
    if (this.rec.sandboxId) return true;
    const hostNetwork = !!this.spec.hostNetwork;
    if (!hostNetwork && !this.cniReady()) {
      this.event("Warning", "FailedCreatePodSandBox", `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${this.ctx.newId()}": plugin type="${this.ctx.cluster.spec.networkPolicy === false ? "flannel" : "calico"}" failed (add): failed to find plugin in opt/cni/bin or no network config found in /etc/cni/net.d`);
      this.wakeAt(this.ctx.now + 10_000);
      return false;
    }
    this.rec.sandboxId = this.ctx.newId();
    this.rec.ip = hostNetwork ? this.hostIP : this.allocateIp();
    this.writeSandboxFiles();
    return true;
  }

  private allocateIp(): string {
    const [a, b, c] = this.ctx.node.podCIDR.split("/")[0].split(".");
    const used = new Set(Object.values(this.ctx.state.pods).map((p) => p.ip));
    for (let i = 0; i < 253; i++) {
      const n = ((this.ctx.state.nextIp - 2 + i) % 253) + 2;
      const ip = `${a}.${b}.${c}.${n}`;
      if (!used.has(ip)) {
        this.ctx.state.nextIp = n + 1;
        return ip;
      }
    }
    return `${a}.${b}.${c}.254`;
  }

  private sandboxDir(): string {
    return `/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/${this.rec.sandboxId}`;
  }

  private hostname(): string {
    return this.spec.hostNetwork ? this.ctx.node.name : (this.spec.hostname ?? this.pod.metadata.name!);
  }

  private writeSandboxFiles(): void {
    const fs = this.ctx.host.fs;
    const dns = this.ctx.cluster.extra["network/dnsServiceIP"] as string | undefined;
    const ns = this.pod.metadata.namespace;
    const policy = this.spec.dnsPolicy ?? "ClusterFirst";
    const nodeResolv = fs.readFileSync("/run/systemd/resolve/resolv.conf") ?? "nameserver 8.8.8.8\nnameserver 1.1.1.1\n";
    let resolv: string;
    if ((policy === "ClusterFirst" && !this.spec.hostNetwork) || policy === "ClusterFirstWithHostNet") {
      const searches = [`${ns}.svc.cluster.local`, "svc.cluster.local", "cluster.local", ...(this.spec.dnsConfig?.searches ?? [])];
      const opts = ["ndots:5", ...(this.spec.dnsConfig?.options ?? []).map((o) => (o.value ? `${o.name}:${o.value}` : o.name))];
      resolv = `search ${searches.join(" ")}\nnameserver ${dns ?? "10.96.0.10"}\noptions ${opts.join(" ")}\n`;
    } else if (policy === "None") {
      const cfg = this.spec.dnsConfig ?? {};
      resolv = `${cfg.searches?.length ? `search ${cfg.searches.join(" ")}\n` : ""}${(cfg.nameservers ?? []).map((n) => `nameserver ${n}\n`).join("")}${cfg.options?.length ? `options ${cfg.options.map((o) => (o.value ? `${o.name}:${o.value}` : o.name)).join(" ")}\n` : ""}`;
    } else resolv = nodeResolv;
    fs.writeFileSync(`${this.sandboxDir()}/resolv.conf`, resolv);
    fs.writeFileSync(`${this.sandboxDir()}/hostname`, `${this.hostname()}\n`);
    const fqdn = this.spec.subdomain ? `${this.hostname()}.${this.spec.subdomain}.${ns}.svc.cluster.local\t${this.hostname()}` : this.hostname();
    let hosts = `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${this.rec.ip}\t${fqdn}\n`;
    if (this.spec.hostAliases?.length) hosts += `\n# Entries added by HostAliases.\n${this.spec.hostAliases.map((h) => `${h.ip}\t${h.hostnames.join("\t")}`).join("\n")}\n`;
    fs.writeFileSync(`/var/lib/kubelet/pods/${this.rec.uid}/etc-hosts`, hosts);
  }

  private baseMounts(): Mount[] {
    return [
      { containerPath: "/etc/hosts", hostPath: `/var/lib/kubelet/pods/${this.rec.uid}/etc-hosts`, readOnly: false },
      { containerPath: "/etc/hostname", hostPath: `${this.sandboxDir()}/hostname`, readOnly: false },
      { containerPath: "/etc/resolv.conf", hostPath: `${this.sandboxDir()}/resolv.conf`, readOnly: false },
    ];
  }

  private ensureVolumes(): Record<string, { hostPath: string; readOnly: boolean }> | undefined {
    const setup = setUpVolumes(this.ctx.client, this.pod, this.ctx.host.fs, { podIP: this.rec.ip, hostIP: this.hostIP });
    if (!setup.ok) {
      if (this.rec.mountError !== setup.message) this.event("Warning", "FailedMount", setup.message);
      this.rec.mountError = setup.message;
      // The volume manager retries; a created ConfigMap/Secret also wakes the pod.
      this.wakeAt(this.ctx.now + 120_000);
      return undefined;
    }
    delete this.rec.mountError;
    return setup.dirs;
  }

  // ---------- containers ----------

  private record(container: ContainerSpec, kind: ContainerRecord["kind"]): ContainerRecord {
    let c = this.rec.containers[container.name];
    if (!c) {
      c = { name: container.name, kind, restartCount: 0, state: "waiting", reason: "ContainerCreating", ready: false, started: false, probes: {} };
      this.rec.containers[container.name] = c;
    }
    return c;
  }

  /** Runs init containers in order; true once all regular ones completed (sidecars started). */
  private runInitContainers(dirs: Record<string, { hostPath: string; readOnly: boolean }>): boolean {
    for (const init of this.spec.initContainers ?? []) {
      const sidecar = init.restartPolicy === "Always";
      const c = this.record(init, sidecar ? "sidecar" : "init");
      if (sidecar) {
        this.runContainer(init, "sidecar", dirs, "Always");
        if (!c.started) return false;
        continue;
      }
      if (c.state === "terminated" && c.exitCode === 0) continue;
      const policy = this.restartPolicy() === "Never" ? "Never" : "OnFailure";
      this.runContainer(init, "init", dirs, policy);
      if (!(c.state === "terminated" && c.exitCode === 0)) return false;
    }
    return true;
  }

  private image(container: ContainerSpec): { spec: ImageSpec; ref: string; id: string; digest: string } | undefined {
    const ref = parseImageRef(container.image ?? "");
    if (!ref) return undefined;
    const found = lookupImage(ref);
    if (!found.found) return undefined;
    return { spec: found.image, ref: ref.full, id: found.imageId, digest: `${ref.repository}@${found.digest}` };
  }

  private runContainer(container: ContainerSpec, kind: ContainerRecord["kind"], dirs: Record<string, { hostPath: string; readOnly: boolean }>, policy: "Always" | "OnFailure" | "Never"): void {
    const c = this.record(container, kind);
    for (let guard = 0; guard < 8; guard++) {
      if (c.state === "running") {
        this.advanceRunning(container, c, dirs);
        if (c.state === "running") return;
        continue;
      }
      if (c.state === "terminated") {
        if (!restartAllowed(policy, c.exitCode ?? 0)) return;
        if (!this.scheduleRestart(container, c)) return;
        continue;
      }
      // waiting
      if (c.restartAt !== undefined && this.ctx.now < c.restartAt) {
        this.wakeAt(c.restartAt);
        return;
      }
      // Its back-off (CrashLoopBackOff) is over: this start is a restart, counted as one.
      if (c.restartAt !== undefined) this.beginRestart(c);
      if (!this.ensureImage(container, c)) return;
      if (!this.startContainer(container, c, dirs)) return;
    }
  }

  private ensureImage(container: ContainerSpec, c: ContainerRecord): boolean {
    const now = this.ctx.now;
    const ref = parseImageRef(container.image ?? "");
    if (!ref) {
      const message = `Failed to apply default image tag "${container.image ?? ""}": couldn't parse image name "${container.image ?? ""}": invalid reference format`;
      if (c.reason !== "InvalidImageName") this.event("Warning", "InspectFailed", message, container, c.kind);
      Object.assign(c, { state: "waiting", reason: "InvalidImageName", message });
      return false;
    }
    if (c.pullRetryAt !== undefined && now < c.pullRetryAt) {
      // The status keeps saying ErrImagePull until the pod worker's next sync notices the back-off.
      const noticed = (c.pullFailedAt ?? now) + BACKOFF.pullNoticeMs;
      if (c.reason === "ErrImagePull" && now < noticed) {
        this.wakeAt(noticed);
        return false;
      }
      if (c.reason !== "ImagePullBackOff") {
        this.event("Normal", "BackOff", `Back-off pulling image "${container.image}"`, container, c.kind);
        this.event("Warning", "Failed", "Error: ImagePullBackOff", container, c.kind);
        Object.assign(c, { state: "waiting", reason: "ImagePullBackOff", message: `Back-off pulling image "${container.image}": ErrImagePull: ${c.pullError ?? ""}` });
      }
      this.wakeAt(c.pullRetryAt);
      return false;
    }
    const present = !!this.ctx.state.images[ref.full];
    const decision = imagePullDecision(container.imagePullPolicy, ref.tag, present);
    if (decision === "never-missing") {
      const message = `Container image "${container.image}" is not present with pull policy of Never`;
      if (c.reason !== "ErrImageNeverPull") this.event("Warning", "ErrImageNeverPull", message, container, c.kind);
      Object.assign(c, { state: "waiting", reason: "ErrImageNeverPull", message });
      return false;
    }
    if (decision === "use-present") {
      if (c.pullUntil === undefined) this.event("Normal", "Pulled", `Container image "${container.image}" already present on machine`, container, c.kind);
      c.pullUntil = now;
      return true;
    }
    if (c.pullUntil === undefined) {
      const found = lookupImage(ref);
      const seconds = found.found ? (present ? PULL_SECONDS_WARM : found.image.pullSeconds) : 1;
      c.pullUntil = now + seconds * 1000;
      c.pullStartedAt = now;
      this.event("Normal", "Pulling", `Pulling image "${container.image}"`, container, c.kind);
      if (c.state !== "waiting" || c.reason !== "ImagePullBackOff") Object.assign(c, { state: "waiting", reason: "ContainerCreating", message: undefined });
    }
    if (now < c.pullUntil) {
      this.wakeAt(c.pullUntil);
      return false;
    }
    const error = this.pullError(ref.full, container);
    if (error) {
      this.event("Warning", "Failed", `Failed to pull image "${container.image}": ${error}`, container, c.kind);
      this.event("Warning", "Failed", "Error: ErrImagePull", container, c.kind);
      c.pullBackoffMs = c.pullBackoffMs === undefined ? BACKOFF.initialMs : Math.min(c.pullBackoffMs * 2, BACKOFF.maxMs);
      c.pullRetryAt = now + c.pullBackoffMs;
      c.pullError = error;
      c.pullFailedAt = now;
      c.pullUntil = undefined;
      Object.assign(c, { state: "waiting", reason: "ErrImagePull", message: error });
      // While backing off the status says ImagePullBackOff; switch shortly after the failure, as the next sync does.
      this.wakeAt(Math.min(c.pullRetryAt, now + BACKOFF.pullNoticeMs));
      return false;
    }
    const found = lookupImage(ref);
    if (found.found) {
      const took = formatPullTime(c.pullUntil - (c.pullStartedAt ?? c.pullUntil));
      this.event("Normal", "Pulled", `Successfully pulled image "${container.image}" in ${took} (${took} including waiting). Image size: ${found.image.sizeBytes} bytes.`, container, c.kind);
      this.ctx.state.images[ref.full] = { id: found.imageId, repoTags: [ref.full], repoDigests: [`${ref.repository}@${found.digest}`], size: found.image.sizeBytes };
    }
    delete c.pullRetryAt;
    delete c.pullBackoffMs;
    delete c.pullError;
    return true;
  }

  /** Why pulling fails, in containerd's words; undefined when the pull works. */
  private pullError(full: string, container: ContainerSpec): string | undefined {
    const ref = parseImageRef(full)!;
    const found = lookupImage(ref);
    if (!found.found) {
      if (found.reason === "registry") return `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": failed to do request: Head "https://${ref.registry}/v2/${ref.path}/manifests/${ref.tag ?? "latest"}": dial tcp: lookup ${ref.registry.replace(/:\d+$/, "")} on 127.0.0.53:53: no such host`;
      if (ref.registry === "docker.io" && found.reason === "repository") return `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
      return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
    }
    if (found.image.auth && !this.hasPullCredentials(ref.registry, found.image.auth)) {
      return `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials`;
    }
    void container;
    return undefined;
  }

  private hasPullCredentials(registry: string, auth: { username: string; password: string }): boolean {
    const names = [...(this.spec.imagePullSecrets ?? []).map((s) => s.name)];
    const sa = this.ctx.client.server.store.get("/serviceaccounts", this.pod.metadata.namespace, this.spec.serviceAccountName ?? "default");
    for (const s of ((sa as { imagePullSecrets?: { name: string }[] } | undefined)?.imagePullSecrets ?? [])) names.push(s.name);
    for (const name of names) {
      const secret = this.ctx.client.server.store.get("/secrets", this.pod.metadata.namespace, name);
      const data = (secret?.data ?? {}) as Record<string, string>;
      const raw = data[".dockerconfigjson"] ?? data[".dockercfg"];
      if (!raw) continue;
      try {
        type Entry = { username?: string; password?: string; auth?: string };
        const parsed = JSON.parse(Buffer.from(raw, "base64").toString("utf8")) as { auths?: Record<string, Entry> };
        const auths: Record<string, Entry> = parsed.auths ?? (parsed as Record<string, Entry>);
        for (const [server, entry] of Object.entries(auths)) {
          const host = server.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
          if (host !== registry) continue;
          const [user, pass] = entry.username !== undefined ? [entry.username, entry.password] : Buffer.from(entry.auth ?? "", "base64").toString("utf8").split(":");
          if (user === auth.username && pass === auth.password) return true;
        }
      } catch {
        continue;
      }
    }
    return false;
  }

  private containerFs(c: ContainerRecord, container: ContainerSpec, dirs: Record<string, { hostPath: string; readOnly: boolean }>): ContainerFs | undefined {
    const image = this.image(container);
    if (!image || !c.id) return undefined;
    return new ContainerFs(this.ctx.host.fs, c.id, imageLayer(image.spec), containerMounts(container, dirs, this.baseMounts()));
  }

  private scriptHost(c: ContainerRecord, container: ContainerSpec, fs: ContainerFs, image: ImageSpec): Omit<ScriptHost, "serve" | "allocate" | "selfListening"> {
    const network = clusterNetwork(this.ctx.cluster);
    const origin = { type: "pod" as const, cluster: this.ctx.cluster.name, namespace: this.rec.namespace, pod: this.rec.name, container: c.name };
    return {
      fs,
      hostname: this.hostname(),
      has: (program) => imageHas(image, program),
      http: (url, timeoutMs) => {
        if (!network) return { ok: false, error: "unreachable", host: url, port: 80 };
        const u = new URL(url);
        const outcome = network.http(origin, url, { method: "GET", headers: {} });
        if (outcome.ok) return { ok: true, status: outcome.response.status, statusText: outcome.response.statusText, body: outcome.response.body, remote: outcome.remote };
        void timeoutMs;
        return { ok: false, error: outcome.error, detail: outcome.detail, host: u.hostname, port: Number(u.port || 80) };
      },
      resolve: (name) => {
        if (!network) return { ok: false, server: "10.96.0.10" };
        const r = network.resolve(origin, name);
        return r.ok ? { ok: true, addresses: r.addresses, name: r.name, server: r.server } : { ok: false, server: r.server };
      },
      connect: (host, port) => {
        if (!network) return { ok: false, error: "Connection refused" };
        const r = network.connect(origin, host, port);
        return r.ok ? { ok: true } : { ok: false, error: r.error === "timeout" ? "Connection timed out" : "Connection refused" };
      },
    };
  }

  private startContainer(container: ContainerSpec, c: ContainerRecord, dirs: Record<string, { hostPath: string; readOnly: boolean }>): boolean {
    const now = this.ctx.now;
    const image = this.image(container)!;
    const env = resolveEnv(this.ctx.client, this.pod, container, image.spec, { podIP: this.rec.ip, hostIP: this.hostIP }, this.hostname());
    if (!env.ok) {
      if (c.configError !== env.message || c.reason !== "CreateContainerConfigError") this.event("Warning", "Failed", `Error: ${env.message}`, container, c.kind);
      c.configError = env.message;
      Object.assign(c, { state: "waiting", reason: "CreateContainerConfigError", message: env.message });
      this.wakeAt(now + 10_000);
      return false;
    }
    delete c.configError;
    const runAsNonRoot = container.securityContext?.runAsNonRoot ?? this.spec.securityContext?.runAsNonRoot;
    const runAsUser = container.securityContext?.runAsUser ?? this.spec.securityContext?.runAsUser;
    if (runAsNonRoot && (runAsUser ?? (image.spec.user && image.spec.user !== "root" ? 1000 : 0)) === 0) {
      const message = "container has runAsNonRoot and image will run as root (pod: \"" + `${this.rec.name}_${this.rec.namespace}(${this.rec.uid})", container: ${container.name})`;
      if (c.reason !== "CreateContainerConfigError") this.event("Warning", "Failed", `Error: ${message}`, container, c.kind);
      Object.assign(c, { state: "waiting", reason: "CreateContainerConfigError", message });
      return false;
    }
    const id = this.ctx.newId();
    const rootFs = new ContainerFs(this.ctx.host.fs, id, imageLayer(image.spec), containerMounts(container, dirs, this.baseMounts()));
    const launch = launchProcess({
      image: image.spec,
      imageRef: image.ref,
      command: container.command,
      args: container.args,
      env: env.env,
      stdin: container.stdin,
      tty: container.tty,
      hostname: this.hostname(),
      nodeName: this.ctx.node.name,
      clusterName: this.ctx.cluster.name,
      podIP: this.rec.ip!,
      now,
      nodeFs: this.ctx.host.fs,
      readFile: (path) => rootFs.read(path),
      cluster: this.ctx.cluster,
    });
    c.id = id;
    c.image = image.ref;
    c.imageID = image.digest;
    c.env = env.env;
    this.event("Normal", "Created", `Created container: ${container.name}`, container, c.kind);
    if (!launch.ok) {
      this.event("Warning", "Failed", `Error: ${launch.message}`, container, c.kind);
      Object.assign(c, { state: "terminated", reason: "StartError", message: launch.message, exitCode: 128, startedAt: 0, finishedAt: now, started: false, ready: false });
      delete c.process;
      return true;
    }
    this.event("Normal", "Started", `Started container ${container.name}`, container, c.kind);
    c.pid = this.ctx.state.nextPid++;
    Object.assign(c, { state: "running", reason: undefined, message: undefined, startedAt: now, finishedAt: undefined, exitCode: undefined, ready: false, started: !container.startupProbe, process: launch.process });
    delete c.killAt;
    delete c.killReason;
    c.probes = {};
    const anchor = (p: Probe | undefined) => (p ? { passing: false, successes: 0, failures: 0, nextAt: now + (p.initialDelaySeconds ?? 0) * 1000 } : undefined);
    const startup = anchor(container.startupProbe);
    const liveness = anchor(container.livenessProbe);
    const readiness = anchor(container.readinessProbe);
    if (startup) c.probes.startup = startup;
    if (liveness) c.probes.liveness = { ...liveness, passing: true };
    if (readiness) c.probes.readiness = readiness;
    this.advanceRunning(container, c, dirs);
    return true;
  }

  private logPath(c: ContainerRecord): string {
    return containerLogPath(this.rec.namespace, this.rec.name, this.rec.uid, c.name, c.restartCount);
  }

  private advanceRunning(container: ContainerSpec, c: ContainerRecord, dirs: Record<string, { hostPath: string; readOnly: boolean }>): void {
    const now = this.ctx.now;
    const proc = c.process;
    const image = this.image(container);
    if (!proc || !image) return;
    const fs = this.containerFs(c, container, dirs)!;
    const host = this.scriptHost(c, container, fs, image.spec);
    const limit = mebibytes(container.resources?.limits?.memory);
    const step = stepProcess(proc, host, c.killAt !== undefined ? Math.min(now, c.killAt) : now, limit);
    appendLogLines(this.ctx.host.fs, this.logPath(c), step.output);
    if (step.exit) {
      this.finish(c, step.exit.at, step.exit.code, step.exit.reason ?? (step.exit.code === 0 ? "Completed" : "Error"));
      return;
    }
    if (c.killAt !== undefined) {
      if (now >= c.killAt) {
        // SIGKILL from the node (`kill -9`, `pkill -9`) ends even a process that stops cleanly on SIGTERM.
        const graceful = proc.gracefulStop && c.killReason !== SIGKILL_REASON;
        this.finish(c, c.killAt, graceful ? 0 : 137, graceful ? "Completed" : "Error");
        return;
      }
      this.wakeAt(c.killAt);
    }
    this.wakeAt(step.wakeAt);
    if (proc.listeningAt > now) this.wakeAt(proc.listeningAt);
    this.runProbes(container, c, fs, { ...host, serve: () => false, allocate: () => undefined, selfListening: (port) => proc.listens.some((l) => l.port === port) && proc.listeningAt <= now });
  }

  private finish(c: ContainerRecord, at: number, code: number, reason: string): void {
    Object.assign(c, { state: "terminated", exitCode: code, reason, finishedAt: at, ready: false, message: undefined });
    if (c.process) c.process.listens = [];
  }

  /** Decides when a terminated container starts again: at once the first time, then 10 s doubling to 5 minutes. */
  private scheduleRestart(container: ContainerSpec, c: ContainerRecord): boolean {
    const now = this.ctx.now;
    if (c.restartAt === undefined) {
      const finished = c.finishedAt ?? now;
      // The back-off resets after a container ran for twice the maximum back-off.
      if (c.lastRestartAt !== undefined && finished - c.lastRestartAt > 2 * BACKOFF.maxMs) delete c.backoffMs;
      const delay = c.backoffMs === undefined ? BACKOFF.firstRestartMs : c.backoffMs;
      c.restartAt = finished + delay;
      c.backoffMs = c.backoffMs === undefined ? BACKOFF.initialMs : Math.min(c.backoffMs * 2, BACKOFF.maxMs);
    }
    if (now < c.restartAt) {
      if (c.restartAt - (c.finishedAt ?? now) > BACKOFF.firstRestartMs && c.reason !== "CrashLoopBackOff" && c.state === "terminated") {
        this.crashLoop(container, c);
      }
      this.wakeAt(c.restartAt);
      return false;
    }
    // Restart: the finished container becomes lastState.
    c.last = { exitCode: c.exitCode ?? 0, reason: c.reason ?? "Error", ...(c.message ? { message: c.message } : {}), startedAt: c.startedAt ?? 0, finishedAt: c.finishedAt ?? now, containerID: c.id ?? "" };
    this.beginRestart(c);
    return true;
  }

  /** A new instance of the container is on its way (lastState already holds the finished one). */
  private beginRestart(c: ContainerRecord): void {
    const now = this.ctx.now;
    c.restartCount++;
    c.lastRestartAt = now;
    // The kubelet keeps the current and the previous container's logs only.
    if (c.restartCount >= 2) this.ctx.host.fs.rmSync(containerLogPath(this.rec.namespace, this.rec.name, this.rec.uid, c.name, c.restartCount - 2), { force: true });
    delete c.restartAt;
    Object.assign(c, { state: "waiting", reason: "ContainerCreating", message: undefined, ready: false, started: false });
    delete c.process;
    delete c.pullUntil;
  }

  private crashLoop(container: ContainerSpec, c: ContainerRecord): void {
    c.last = { exitCode: c.exitCode ?? 0, reason: c.reason ?? "Error", ...(c.message ? { message: c.message } : {}), startedAt: c.startedAt ?? 0, finishedAt: c.finishedAt ?? this.ctx.now, containerID: c.id ?? "" };
    const delay = c.restartAt! - (c.finishedAt ?? this.ctx.now);
    const message = `back-off ${formatBackoff(delay)} restarting failed container=${container.name} pod=${this.rec.name}_${this.rec.namespace}(${this.rec.uid})`;
    this.event("Warning", "BackOff", `Back-off restarting failed container ${container.name} in pod ${this.rec.name}_${this.rec.namespace}(${this.rec.uid})`, container, c.kind);
    Object.assign(c, { state: "waiting", reason: "CrashLoopBackOff", message });
  }

  // ---------- probes ----------

  private runProbes(container: ContainerSpec, c: ContainerRecord, fs: ContainerFs, host: ScriptHost): void {
    const now = this.ctx.now;
    const kinds: ["startup" | "liveness" | "readiness", Probe | undefined][] = [
      ["startup", container.startupProbe],
      ["liveness", container.livenessProbe],
      ["readiness", container.readinessProbe],
    ];
    if (!container.readinessProbe && !c.probes.readiness) c.ready = c.started && c.kind !== "init";
    for (const [kind, probe] of kinds) {
      const state = c.probes[kind];
      if (!probe || !state) continue;
      if (kind !== "startup" && !c.started) continue;
      if (kind === "startup" && c.started) continue;
      const period = (probe.periodSeconds ?? 10) * 1000;
      if (now < state.nextAt) {
        if (!this.atRest(probe, state, container, c, fs, host)) this.wakeAt(state.nextAt);
        continue;
      }
      // Each missed tick is one probe run (the kubelet probes on its own schedule, whoever looks).
      const ticks = Math.min(1 + Math.floor((now - state.nextAt) / period), 10);
      for (let i = 0; i < ticks && c.state === "running" && c.killAt === undefined; i++) this.applyProbe(kind, probe, state, container, c, fs, host);
      state.nextAt += Math.ceil((now + 1 - state.nextAt) / period) * period;
      if (c.state === "running" && c.killAt === undefined && !this.atRest(probe, state, container, c, fs, host)) this.wakeAt(state.nextAt);
    }
    if (!container.readinessProbe) c.ready = c.started && c.state === "running" && c.kind !== "init";
  }

  /** A probe whose next run would change nothing needs no timer: a change of state wakes the pod anyway. */
  private atRest(probe: Probe, state: ProbeState, container: ContainerSpec, c: ContainerRecord, fs: ContainerFs, host: ScriptHost): boolean {
    const outcome = runProbe(probe, container, c.process, this.rec.ip!, this.ctx.now, fs, host, this.pod);
    // A failing probe keeps running every period (failures count up, Unhealthy events repeat).
    return outcome.ok && state.passing && state.failures === 0;
  }

  private applyProbe(kind: "startup" | "liveness" | "readiness", probe: Probe, state: ProbeState, container: ContainerSpec, c: ContainerRecord, fs: ContainerFs, host: ScriptHost): void {
    const outcome = runProbe(probe, container, c.process, this.rec.ip!, this.ctx.now, fs, host, this.pod);
    const label = kind === "startup" ? "Startup" : kind === "liveness" ? "Liveness" : "Readiness";
    if (outcome.ok) {
      state.successes++;
      state.failures = 0;
      if (!state.passing && state.successes >= (kind === "readiness" ? (probe.successThreshold ?? 1) : 1)) state.passing = true;
    } else {
      state.failures++;
      state.successes = 0;
      this.event("Warning", "Unhealthy", `${label} probe failed: ${outcome.message}`, container, c.kind);
      if (state.failures >= (probe.failureThreshold ?? 3)) state.passing = false;
    }
    if (kind === "startup" && state.passing) {
      c.started = true;
      const now = this.ctx.now;
      for (const k of ["liveness", "readiness"] as const) if (c.probes[k]) c.probes[k]!.nextAt = Math.max(c.probes[k]!.nextAt, now);
    }
    if (kind === "readiness") c.ready = state.passing;
    const failed = !state.passing && state.failures >= (probe.failureThreshold ?? 3);
    if ((kind === "liveness" || kind === "startup") && failed) {
      const grace = (probe.terminationGracePeriodSeconds ?? this.spec.terminationGracePeriodSeconds ?? 30) * 1000;
      this.event("Normal", "Killing", `Container ${container.name} failed ${kind} probe, will be restarted`, container, c.kind);
      c.killAt = this.ctx.now + (c.process?.gracefulStop ? 0 : grace);
      c.killReason = kind;
      c.ready = false;
      if (c.killAt <= this.ctx.now) this.finish(c, this.ctx.now, c.process?.gracefulStop ? 0 : 137, c.process?.gracefulStop ? "Completed" : "Error");
      else this.wakeAt(c.killAt);
    }
  }

  // ---------- termination ----------

  private stopAll(at: number, graceMs: number): boolean {
    let allStopped = true;
    for (const c of Object.values(this.rec.containers)) {
      if (c.state === "running") {
        const stopAt = c.process?.gracefulStop ? at : at + graceMs;
        if (this.ctx.now >= stopAt) this.finish(c, stopAt, c.process?.gracefulStop ? 0 : 137, c.process?.gracefulStop ? "Completed" : "Error");
        else {
          allStopped = false;
          this.wakeAt(stopAt);
        }
      } else if (c.state === "waiting") {
        Object.assign(c, { state: "terminated", exitCode: c.restartCount > 0 ? (c.last?.exitCode ?? 0) : 0, reason: c.restartCount > 0 ? c.last?.reason : "ContainerStatusUnknown", finishedAt: at });
      }
    }
    return allStopped;
  }

  private terminate(): SyncResult {
    const now = this.ctx.now;
    const mirror = this.pod.metadata.annotations?.[MIRROR_ANNOTATION];
    if (mirror && this.ctx.state.staticManifests && Object.values(this.ctx.state.staticManifests).includes(mirror)) {
      // Deleting a mirror pod does not stop the static pod: the kubelet just recreates the mirror.
      this.ctx.client.delete("", "pods", this.rec.namespace, this.rec.name, { gracePeriodSeconds: 0 });
      return { removed: true };
    }
    const deadline = Date.parse(this.pod.metadata.deletionTimestamp!);
    if (this.rec.killDeadline === undefined) {
      this.rec.killDeadline = deadline;
      for (const [name, c] of Object.entries(this.rec.containers)) {
        if (c.state !== "running") continue;
        const container = [...this.spec.containers, ...(this.spec.initContainers ?? [])].find((x) => x.name === name);
        if (container) this.event("Normal", "Killing", `Stopping container ${name}`, container, c.kind);
      }
    }
    const graceMs = Math.max(0, deadline - now);
    const stopped = this.stopAll(now, graceMs);
    if (!stopped) {
      this.writeStatus();
      return { wakeAt: this.wake };
    }
    // All containers are gone: the kubelet's status manager finishes the deletion.
    this.cleanUp();
    this.ctx.client.delete("", "pods", this.rec.namespace, this.rec.name, { gracePeriodSeconds: POD_DELETE_WAIT_MS, preconditions: { uid: this.pod.metadata.uid } });
    return { removed: true };
  }

  cleanUp(): void {
    killPod(this.ctx, this.rec);
  }

  // ---------- status ----------

  private writeStatus(override?: { phase: string; reason: string; message: string }): void {
    const status = buildPodStatus(this.pod, this.rec, { hostIP: this.hostIP, now: this.ctx.now, rfc3339: this.ctx.rfc3339 }, override);
    const current = (this.pod.status ?? {}) as Record<string, unknown>;
    if (JSON.stringify(current) === JSON.stringify(status)) return;
    try {
      this.ctx.client.request("PUT", this.ctx.client.path("", "pods", this.rec.namespace, this.rec.name, "status"), {
        body: { ...this.pod, status },
        contentType: "application/json",
      });
    } catch {
      // The pod changed under us; the next sync writes the status again.
    }
  }
}

/** Go's time.Duration String() for the pull time the Pulled event reports. */
function formatPullTime(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(3).replace(/\.?0+$/, "")}s`;
}

function formatBackoff(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m}m${s % 60}s` : `${m}m0s`;
}
