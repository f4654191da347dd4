import { ApiClient } from "../api/client";
import { ResourceRegistry } from "../api/registry";
import { ApiServer } from "../api/server/apiserver";
import type { AuditEntry } from "../api/server/context";
import { ObjectStore, type StoreSnapshot } from "../api/store";
import { SYSTEM_MASTER, type UserInfo } from "../api/types";
import type { Authorizer } from "../api/authorization";
import { TokenAuthenticator, type AuthenticatorSnapshot } from "../api/authentication";
import type { VirtualClock } from "../clock/clock";
import type { ControllerFactory } from "../controllers/controller";
import { ControllerManager } from "../controllers/manager";
import type { Host } from "../hosts/host";
import { clone } from "../util/freeze";
import { PluginStateSnapshots } from "./snapshot-extra";
import type { SeededRandom } from "../util/random";
import { KUBERNETES_GIT_VERSION } from "../version";

export interface NodeSpec {
  name: string;
  role: "control-plane" | "worker";
  ip: string;
  /** kubelet version on this node; defaults to the cluster's. */
  version?: string;
}

export interface ClusterSpec {
  name: string;
  version?: string;
  nodes: NodeSpec[];
  podSubnet?: string;
  serviceSubnet?: string;
  /** Whether the CNI enforces NetworkPolicy (Calico-like) or not (Flannel-like). */
  networkPolicy?: boolean;
}

/**
 * One cluster's moving parts, installed by plugins: each area (RBAC, workload controllers, the
 * kubelet, networking, …) registers its behaviour in `install` and creates its initial objects in
 * `bootstrap`. Plugins run in list order; bootstrap runs once, not after a restore.
 */
export interface ClusterPlugin {
  name: string;
  install(cluster: Cluster): void;
  bootstrap?(cluster: Cluster): void;
  /** Called after the cluster's state was restored from a snapshot (rebuild caches, timers). */
  restored?(cluster: Cluster): void;
}

export interface ClusterSnapshot {
  spec: ClusterSpec;
  store: StoreSnapshot;
  audit: AuditEntry[];
  tokens: AuthenticatorSnapshot;
  /** Plugin-owned state that is not API objects (kept small; most state lives in the store). */
  extra: Record<string, unknown>;
}

/** Grants everything; replaced by the RBAC authorizer when its plugin installs. */
const MASTERS_ONLY: Authorizer = {
  authorize: (attrs) => ({ allowed: attrs.user.groups.includes("system:masters") || attrs.user.username === "kubernetes-admin" }),
};

export class Cluster {
  readonly registry = new ResourceRegistry();
  readonly store = new ObjectStore();
  readonly apiserver: ApiServer;
  readonly controllers: ControllerManager;
  /** A client with system:masters rights, for plugins, scenario setup and grading. */
  readonly admin: ApiClient;
  readonly hosts = new Map<string, Host>();
  readonly authenticator = new TokenAuthenticator();
  /**
   * Plugin state that must survive snapshots but is not an API object, to read. Code that changes
   * it takes it through changePluginState or setPluginState, which move pluginStateRevision.
   */
  readonly extra: Readonly<Record<string, unknown>>;
  private readonly pluginState: Record<string, unknown> = {};
  private pluginRevision = 0;
  private readonly pluginStateSnapshots = new PluginStateSnapshots();
  /** False while the kube-apiserver is down (e.g. its static-pod manifest is broken). */
  apiserverUp = true;

  constructor(
    readonly spec: ClusterSpec,
    readonly clock: VirtualClock,
    readonly random: SeededRandom,
  ) {
    this.apiserver = new ApiServer({
      clock,
      random,
      registry: this.registry,
      store: this.store,
      authorizer: MASTERS_ONLY,
      serverAddress: `${spec.nodes.find((n) => n.role === "control-plane")?.ip ?? "127.0.0.1"}:6443`,
    });
    this.apiserver.changeComponentState = this.changePluginState.bind(this);
    this.controllers = new ControllerManager(this.store, clock, spec.name);
    // A bound method, not a function literal assigned straight to a property: V8 allocates such a
    // literal in the old generation (its parser pretenures `obj.prop = () => …`), so the closure is
    // garbage only to a full collection, and until then it keeps the cluster it captures alive
    // through every young-generation collection (each scavenge would copy every dropped attempt).
    this.apiserver.afterWrite = this.controllers.settle.bind(this.controllers);
    this.admin = new ApiClient(this.apiserver, SYSTEM_MASTER, "kube-controller-manager");
    this.extra = this.pluginState;
  }

  /**
   * Moves whenever plugin state may have changed: each changePluginState and setPluginState, and a
   * restore. Equal revisions mean equal plugin state, so whether a command changed it is one
   * comparison (lib/session/env-fingerprint.ts) instead of walking tens of KB of kubelet state.
   * A count of this process's changes, not saved with snapshots.
   */
  get pluginStateRevision(): number {
    return this.pluginRevision;
  }

  /**
   * The plugin state under `key` (made by `init` when there is none), for the caller to change in
   * place now: counts as a change. Take it again for each change; a reference kept for later
   * would change the state without moving pluginStateRevision.
   */
  changePluginState<T>(key: string, init: () => T): T {
    this.pluginRevision++;
    return (this.pluginState[key] ??= init()) as T;
  }

  /** Replaces (or, with undefined, removes) the plugin state under `key`. */
  setPluginState(key: string, value: unknown): void {
    this.pluginRevision++;
    if (value === undefined) delete this.pluginState[key];
    else this.pluginState[key] = value;
  }

  get name(): string {
    return this.spec.name;
  }

  get version(): string {
    return this.spec.version ?? KUBERNETES_GIT_VERSION;
  }

  /** A client acting as `user` (the learner's kubeconfig identity, a service account, a node). */
  clientFor(user: UserInfo, userAgent?: string): ApiClient {
    return new ApiClient(this.apiserver, user, userAgent);
  }

  addController(name: string, factory: ControllerFactory, user: UserInfo = SYSTEM_MASTER): void {
    const controller = factory({
      client: new ApiClient(this.apiserver, user, name, true),
      clock: this.clock,
      random: this.random,
      requeueAfter: (key, delayMs) => this.controllers.requeueAfter(name, key, delayMs),
      pendingAt: (key) => this.controllers.pendingAt(name, key),
      cancelRequeue: (key) => this.controllers.cancelRequeue(name, key),
    });
    // Requeues are filed under `name` and delivered to the controller of that name: a differing
    // name would drop them without a word (a Terminating namespace waiting for its pods stayed so).
    if (controller.name !== name) throw new Error(`controller "${controller.name}" added as "${name}"`);
    this.controllers.add(controller);
  }

  settle(): void {
    this.controllers.settle();
  }

  snapshot(): ClusterSnapshot {
    return {
      spec: this.spec,
      store: this.store.snapshot(),
      audit: [...this.apiserver.audit],
      tokens: this.authenticator.snapshot(),
      // The copy a JSON round trip makes, frozen, and the previous snapshot's where unchanged (snapshot-extra.ts).
      extra: this.pluginStateSnapshots.take(this.pluginState),
    };
  }

  restoreState(snapshot: ClusterSnapshot): void {
    this.store.restore(snapshot.store);
    // Plugin state keeps changing after a restore: take private copies, so restoring one snapshot
    // object twice (tests, the boot template) gives two independent clusters.
    this.apiserver.audit.splice(0, this.apiserver.audit.length, ...clone(snapshot.audit));
    this.authenticator.restore(snapshot.tokens);
    for (const key of Object.keys(this.pluginState)) delete this.pluginState[key];
    Object.assign(this.pluginState, clone(snapshot.extra));
    this.pluginRevision++;
  }
}
