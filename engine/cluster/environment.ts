import { ContentCache } from "./content-cache";
import { VirtualClock, type ClockSnapshot } from "../clock/clock";
import { Host, type HostRole, type HostSnapshot } from "../hosts/host";
import { SeededRandom } from "../util/random";
import { Cluster, type ClusterPlugin, type ClusterSnapshot, type ClusterSpec } from "./cluster";
import type { NetworkModel } from "../network/types";
import { DEFAULT_ENVIRONMENT_PLUGINS, DEFAULT_PLUGINS } from "./plugins";
import { getTemplate, isEpochMs, setTemplate, shiftFrozen, shiftPlan, templateKey, type BootTemplate, type ShiftPlan } from "./boot-template";
import { clone, deepFreeze } from "../util/freeze";

/**
 * Behaviour that spans clusters and hosts (the network model, host seeding): installed once per
 * environment, after every cluster's plugins. `bootstrap` runs on creation, `restored` after a restore.
 */
export interface EnvironmentPlugin {
  name: string;
  install(env: Environment): void;
  bootstrap?(env: Environment): void;
  restored?(env: Environment): void;
}

export interface WorkstationSpec {
  name: string;
  ip: string;
}

export interface EnvironmentSpec {
  clusters: ClusterSpec[];
  /** A separate workstation host (exam style); without one the terminal starts on the first control plane. */
  workstation?: WorkstationSpec;
}

export interface EnvironmentOptions {
  seed?: number;
  /** Cluster time at creation, in ms since the epoch. */
  startTime?: number;
  plugins?: ClusterPlugin[];
  environmentPlugins?: EnvironmentPlugin[];
  /** Boot from scratch even when a boot template of this shape exists (tests of booting itself). */
  noTemplate?: boolean;
}

export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1);
/** Gaps up to an hour are simulated tick by tick; longer ones are caught up (see advanceTo). */
export const CATCH_UP_AFTER_MS = 60 * 60 * 1000;
const EXACT_TAIL_MS = 10 * 60 * 1000;
/** Templates boot with a fixed seed; each environment then continues from its own seed. */
const TEMPLATE_SEED = 1;

export const SNAPSHOT_VERSION = 1;

export interface EnvironmentSnapshot {
  version: typeof SNAPSHOT_VERSION;
  spec: EnvironmentSpec;
  clock: ClockSnapshot;
  random: [number, number, number, number];
  clusters: ClusterSnapshot[];
  hosts: HostSnapshot[];
  extra: Record<string, unknown>;
}

/** The lab set-up most CKA courses use: one kubeadm cluster, a control plane and two workers. */
export const DEFAULT_ENVIRONMENT: EnvironmentSpec = {
  clusters: [
    {
      name: "kubernetes",
      nodes: [
        { name: "controlplane", role: "control-plane", ip: "172.30.1.2" },
        { name: "node01", role: "worker", ip: "172.30.2.2" },
        { name: "node02", role: "worker", ip: "172.30.2.3" },
      ],
    },
  ],
};

/**
 * Everything one attempt sees: its clusters, its hosts, one clock (DESIGN.md vocabulary).
 * Deterministic from its seed; serialisable to a versioned plain-JSON snapshot.
 */
export class Environment {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly clusters = new Map<string, Cluster>();
  readonly hosts = new Map<string, Host>();
  /** Answers reachability and DNS questions; installed by the network plugin. */
  network?: NetworkModel;
  /** Environment-wide plugin state that must survive snapshots. */
  readonly extra: Record<string, unknown> = {};
  private readonly plugins: ClusterPlugin[];
  private readonly environmentPlugins: EnvironmentPlugin[];

  private constructor(
    readonly spec: EnvironmentSpec,
    clock: VirtualClock,
    random: SeededRandom,
    plugins: ClusterPlugin[],
    environmentPlugins: EnvironmentPlugin[],
  ) {
    this.clock = clock;
    this.random = random;
    this.plugins = plugins;
    this.environmentPlugins = environmentPlugins;
    const now = () => this.clock.now();
    if (spec.workstation) {
      this.hosts.set(spec.workstation.name, new Host(spec.workstation.name, "workstation", spec.workstation.ip, now));
    }
    for (const clusterSpec of spec.clusters) {
      const cluster = new Cluster(clusterSpec, clock, random);
      for (const node of clusterSpec.nodes) {
        const host = new Host(node.name, node.role as HostRole, node.ip, now, clusterSpec.name);
        this.hosts.set(node.name, host);
        cluster.hosts.set(node.name, host);
      }
      this.clusters.set(clusterSpec.name, cluster);
    }
    for (const cluster of this.clusters.values()) for (const plugin of plugins) plugin.install(cluster);
    for (const plugin of environmentPlugins) plugin.install(this);
  }

  /**
   * A new environment, booted (control plane up, system pods Ready). With the default plugins the
   * boot is done once per shape and process (see boot-template.ts); the result is the same either way.
   */
  static create(spec: EnvironmentSpec = DEFAULT_ENVIRONMENT, options: EnvironmentOptions = {}): Environment {
    const startTime = options.startTime ?? DEFAULT_START_TIME;
    const seed = options.seed ?? 1;
    if (options.plugins || options.environmentPlugins || options.noTemplate) return Environment.boot(spec, startTime, seed, options);
    const key = templateKey(spec);
    let template = getTemplate(key, startTime);
    if (!template) {
      template = Environment.template(Environment.boot(spec, startTime, TEMPLATE_SEED, options), startTime, TEMPLATE_SEED);
      setTemplate(key, template);
    }
    // The template's own seed continues its stream: restarting it would hand out again the uids and
    // names the boot already drew (the system objects'). Any other seed starts its own sequence.
    return Environment.startFrom(template, startTime, (random) => {
      if (seed !== TEMPLATE_SEED) random.reseed(seed);
    });
  }

  /**
   * An environment at rest, kept as a template (deeply frozen) that later environments start from.
   * It is restored once with a full resync first (the kubelets renew their leases on start, …), so
   * the template is at the fixed point of a restore, which is what lets its copies skip the resync.
   * `startTime` is the time the template stands for (its clock may be later: setup ran since).
   */
  static template(env: Environment, startTime: number, seed: number): BootTemplate {
    const settled = Environment.restore(clone(env.snapshot()));
    return Environment.templateOf(clone(settled.snapshot()), startTime, seed);
  }

  /** A template of a snapshot already at rest (made by `template`, e.g. in another thread, and sent as JSON with its shift plan): frozen in place, its shift plan worked out unless given. */
  static templateOf(snapshot: EnvironmentSnapshot, startTime: number, seed: number, plan: ShiftPlan | undefined = shiftPlan(withoutFileTimes(snapshot))): BootTemplate {
    deepFreeze(snapshot);
    return { snapshot, startTime, seed, plan };
  }

  /**
   * A copy of a template moved to `startTime`, its clock as far past that (to the second) as the
   * template's is past its own start. A template is at rest: its controllers have nothing left to
   * do. It is moved by whole seconds, so timestamps written to the second stay exact and the copy is
   * still at rest; the copy does not run the sub-second remainder (a kubelet's lease renewal falls
   * due in a different phase, and a later restore would find work), unless its clock is still
   * before `startTime`. `ownRandom` gives the copy its own random source before it runs.
   * No controller reconciles anything at the copy's start: what they keep in memory only (the
   * resources CRDs serve, a broken control plane's paused loops) they rebuild in `resync`.
   */
  static startFrom(template: BootTemplate, startTime: number, ownRandom: (random: SeededRandom) => void): Environment {
    const delta = startTime - template.startTime;
    const wholeSeconds = Math.floor(delta / 1000) * 1000;
    const env = Environment.restore(Environment.fromTemplate(template, wholeSeconds), { atFixedPoint: true, fileTimesMovedBy: wholeSeconds });
    ownRandom(env.random);
    env.advanceTo(startTime);
    return env;
  }

  /**
   * A template snapshot moved in time. Stored objects stay frozen and share what did not move
   * with the template (the store keeps frozen objects as they are); restore copies the plugin
   * state and audit it keeps, and the services and tokens are copied here.
   */
  private static fromTemplate(template: BootTemplate, deltaMs: number): EnvironmentSnapshot {
    const shifted = shiftFrozen(template.snapshot as EnvironmentSnapshot, deltaMs, template.plan);
    // Host filesystems, the clock's timers and the stored objects are copied (or kept frozen) by
    // their own restore; spec is only read.
    return {
      ...shifted,
      random: [...shifted.random],
      hosts: shifted.hosts.map((host) => ({ ...host, services: clone(host.services) })),
      clusters: shifted.clusters.map((cluster) => ({ ...cluster, tokens: clone(cluster.tokens) })),
    };
  }

  private static boot(spec: EnvironmentSpec, startTime: number, seed: number, options: EnvironmentOptions): Environment {
    const clock = new VirtualClock(startTime);
    const env = new Environment(
      spec,
      clock,
      new SeededRandom(seed),
      options.plugins ?? DEFAULT_PLUGINS,
      options.environmentPlugins ?? DEFAULT_ENVIRONMENT_PLUGINS,
    );
    for (const cluster of env.clusters.values()) {
      for (const plugin of env.plugins) plugin.bootstrap?.(cluster);
      cluster.settle();
    }
    for (const plugin of env.environmentPlugins) plugin.bootstrap?.(env);
    for (const cluster of env.clusters.values()) cluster.settle();
    return env;
  }

  /**
   * `atFixedPoint`: the snapshot is known to be at rest (a template), so controllers skip the resync.
   * `fileTimesMovedBy`: the hosts' file times are moved by this much as they are read (a template's
   * copy; its plan leaves them out).
   */
  static restore(
    snapshot: EnvironmentSnapshot,
    options: Pick<EnvironmentOptions, "plugins" | "environmentPlugins"> & { atFixedPoint?: boolean; fileTimesMovedBy?: number } = {},
  ): Environment {
    if (snapshot.version !== SNAPSHOT_VERSION) throw new Error(`unsupported environment snapshot version ${snapshot.version}`);
    const clock = new VirtualClock(snapshot.clock.now);
    const env = new Environment(
      snapshot.spec,
      clock,
      new SeededRandom(snapshot.random),
      options.plugins ?? DEFAULT_PLUGINS,
      options.environmentPlugins ?? DEFAULT_ENVIRONMENT_PLUGINS,
    );
    Object.assign(env.extra, clone(snapshot.extra ?? {}));
    // Timers are restored after install so that handlers registered by plugins find their records.
    clock.restore(snapshot.clock);
    const moved = options.fileTimesMovedBy ?? 0;
    const fileTime = moved === 0 ? undefined : (at: number) => (isEpochMs(at) ? at + moved : at);
    for (const hostSnapshot of snapshot.hosts) env.hosts.get(hostSnapshot.name)?.restore(hostSnapshot, fileTime);
    const revisions: number[] = [];
    for (const clusterSnapshot of snapshot.clusters) {
      const cluster = env.clusters.get(clusterSnapshot.spec.name);
      if (!cluster) continue;
      cluster.restoreState(clusterSnapshot);
      for (const plugin of env.plugins) plugin.restored?.(cluster);
      revisions.push(cluster.store.currentRevision);
      cluster.controllers.resyncAll(!options.atFixedPoint);
      cluster.settle();
    }
    for (const plugin of env.environmentPlugins) plugin.restored?.(env);
    // Snapshots are taken at rest, so the resync normally writes nothing; it may still have drawn
    // random numbers (a create refused as AlreadyExists draws a uid first). Rewind them then, so a
    // restored environment continues exactly as the original would have.
    const wrote = [...env.clusters.values()].some((c, i) => c.store.currentRevision !== revisions[i]);
    if (!wrote) env.random.restoreState(snapshot.random);
    return env;
  }

  snapshot(): EnvironmentSnapshot {
    return {
      version: SNAPSHOT_VERSION,
      spec: this.spec,
      clock: this.clock.snapshot(),
      random: this.random.state(),
      clusters: [...this.clusters.values()].map((c) => c.snapshot()),
      hosts: [...this.hosts.values()].map((h) => h.snapshot()),
      // A JSON round trip's copy without the text in between (the terminal history grows with every command).
      extra: clone(this.extra),
    };
  }

  /** The host a new terminal starts on: the workstation, else the first control-plane node. */
  get homeHost(): Host {
    if (this.spec.workstation) return this.hosts.get(this.spec.workstation.name)!;
    const cp = this.spec.clusters[0]?.nodes.find((n) => n.role === "control-plane");
    return this.hosts.get(cp?.name ?? [...this.hosts.keys()][0])!;
  }

  cluster(name?: string): Cluster {
    const c = name ? this.clusters.get(name) : this.clusters.values().next().value;
    if (!c) throw new Error(`no cluster ${name ?? ""}`);
    return c;
  }

  /**
   * Moves cluster time forward, firing timers in order and settling controllers after each. A gap
   * longer than CATCH_UP_AFTER_MS (a session restored after hours away) is caught up coarsely: time
   * jumps to EXACT_TAIL_MS before the target, firing what fell due once, and the tail runs exactly.
   */
  advanceTo(target: number): void {
    const settle = () => {
      for (const c of this.clusters.values()) c.settle();
    };
    if (target - this.clock.now() > CATCH_UP_AFTER_MS) this.clock.jumpTo(target - EXACT_TAIL_MS, settle);
    this.clock.advanceTo(target, settle);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.clock.now() + ms);
  }

  /**
   * The cluster a kubeconfig `server` URL reaches: a control-plane node's IP or name on :6443, the
   * `kubernetes` service IP on :443, the loopback :6443 of a control-plane node when `from` is that
   * node, or a `kubecoach serve` URL whose path is /clusters/<name>. Undefined when nothing answers
   * there; whether that cluster's kube-apiserver is up is `cluster.apiserverUp`.
   */
  clusterForServer(server: string, from?: Host): Cluster | undefined {
    const address = serverAddress(server);
    if (!address) return undefined;
    if (address.served !== undefined) return this.clusters.get(address.served);
    const { host, port } = address;
    for (const cluster of this.clusters.values()) {
      for (const node of cluster.spec.nodes) {
        if (node.role !== "control-plane") continue;
        if (port === "6443" && (host === node.ip || host === node.name)) return cluster;
        if (port === "6443" && from?.name === node.name && (host === "127.0.0.1" || host === "localhost")) return cluster;
      }
      const service = cluster.store.get("/services", "default", "kubernetes") as { spec?: { clusterIP?: string } } | undefined;
      if (port === "443" && service?.spec?.clusterIP && host === service.spec.clusterIP) return cluster;
    }
    return undefined;
  }
}

/** Every kubectl command names its server: the URL is parsed once per text. */
const serverAddresses = new ContentCache<{ served?: string; host: string; port: string } | null>(64);

function serverAddress(server: string): { served?: string; host: string; port: string } | null {
  return serverAddresses.get(server, () => {
    let url: URL;
    try {
      url = new URL(server);
    } catch {
      return null;
    }
    const served = /^\/clusters\/([^/]+)\/?$/.exec(url.pathname);
    if (served) return { served: decodeURIComponent(served[1]), host: "", port: "" };
    return { host: url.hostname.replace(/^\[|\]$/g, ""), port: url.port || (url.protocol === "https:" ? "443" : "80") };
  });
}

/**
 * A template snapshot as its shift plan should see it: file times are left out (the restore of a
 * copy moves them as it reads them, see Environment.restore), file contents with times are not.
 */
function withoutFileTimes(snapshot: EnvironmentSnapshot): EnvironmentSnapshot {
  return { ...snapshot, hosts: snapshot.hosts.map((host) => ({ ...host, fs: { ...host.fs, entries: host.fs.entries.map(([path, entry]) => [path, { ...entry, at: 0 }]) } })) };
}
