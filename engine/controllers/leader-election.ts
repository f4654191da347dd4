import { createHash } from "node:crypto";
import type { KubeObject } from "../api/types";
import type { Cluster, ClusterPlugin } from "../cluster/cluster";
import { layoutOf } from "../controlplane/plugin";
import { kubeletStates } from "../kubelet/state";
import { clone } from "../util/freeze";
import type { ControllerFactory } from "./controller";
import { EventRecorder } from "./events";

/**
 * The control plane's Leases in kube-system: kube-scheduler and kube-controller-manager elect a
 * leader through theirs (client-go leaderelection: 15 s lease, renewed every 2 s, the holder
 * `<node>_<uuid>` of the running process), and each kube-apiserver keeps an identity lease
 * `apiserver-<hash>` (an hour long, renewed every 10 s).
 *
 * Renewals are not written: a lease whose holder is the process running now reads as renewed at
 * its last renewal tick (`renewedView`, the API server's read view for leases), so an idle cluster
 * pays nothing for them. What is written is what changes the record: a new process taking the
 * lease (at once when the lease is free or expired, else when it expires, with leaseTransitions
 * counted and a LeaderElection event), and a process stopping, which leaves the lease renewed for
 * the last time then. Watches see those writes only, not the renewals in between.
 */
export const LEADER_ELECTION_CONTROLLER = "leader-election";

const RETRY_PERIOD_MS = 2_000;
const LEASE_DURATION_SECONDS = 15;
const APISERVER_RENEW_MS = 10_000;
const APISERVER_LEASE_DURATION_SECONDS = 3_600;
const IDENTITY_LABEL = "apiserver.kubernetes.io/identity";

type Component = "kube-scheduler" | "kube-controller-manager" | "kube-apiserver";
const COMPONENTS: Component[] = ["kube-scheduler", "kube-controller-manager", "kube-apiserver"];

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

/**
 * The apiserver's identity: "apiserver-" and the first 16 bytes of SHA-256 over the length-prefixed
 * host name and "kube-apiserver", in lower-case unpadded base32 (k8s.io/apiserver server config).
 */
export function apiserverLeaseName(hostname: string): string {
  const part = (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    return Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes]);
  };
  const hash = createHash("sha256").update(Buffer.concat([part(hostname), part("kube-apiserver")])).digest().subarray(0, 16);
  return `apiserver-${base32(hash).toLowerCase()}`;
}

function base32(bytes: Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

/** A process's UUID, fixed by its container (the same process keeps it across snapshots). */
function processUuid(containerId: string): string {
  const h = createHash("sha256").update(`leader-election/${containerId}`).digest("hex");
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The component's process serving now on the control-plane node, or when it will start to. */
function running(cluster: Cluster, component: Component): { id: string } | { at: number } | undefined {
  const node = layoutOf(cluster).controlPlane.name;
  const state = kubeletStates(cluster)[node];
  const now = cluster.clock.now();
  for (const rec of Object.values(state?.pods ?? {})) {
    if (rec.namespace !== "kube-system" || rec.name !== `${component}-${node}` || !rec.staticSource) continue;
    const c = rec.containers[component];
    const proc = c?.process;
    if (!c?.id || c.state !== "running" || !proc || proc.exitAt !== undefined || proc.listens.length === 0) return undefined;
    return proc.listeningAt <= now ? { id: c.id } : { at: proc.listeningAt };
  }
  return undefined;
}

function leaseName(cluster: Cluster, component: Component): string {
  return component === "kube-apiserver" ? apiserverLeaseName(layoutOf(cluster).controlPlane.name) : component;
}

function holderOf(cluster: Cluster, component: Component, containerId: string): string {
  const prefix = component === "kube-apiserver" ? leaseName(cluster, component) : layoutOf(cluster).controlPlane.name;
  return `${prefix}_${processUuid(containerId)}`;
}

const periodOf = (component: Component) => (component === "kube-apiserver" ? APISERVER_RENEW_MS : RETRY_PERIOD_MS);

/** The last renewal at or before `now` of a holder renewing every `period` since `anchor`. */
function lastRenewal(anchor: number, period: number, now: number): number {
  return now <= anchor ? anchor : anchor + period * Math.floor((now - anchor) / period);
}

/** metav1.MicroTime text. */
const microTime = (ms: number) => new Date(ms).toISOString().replace(/Z$/, "000Z");

function componentOfLease(cluster: Cluster, lease: KubeObject): Component | undefined {
  if (lease.metadata.namespace !== "kube-system") return undefined;
  const name = lease.metadata.name;
  if (name === "kube-scheduler" || name === "kube-controller-manager") return name;
  return lease.metadata.labels?.[IDENTITY_LABEL] === "kube-apiserver" && name === leaseName(cluster, "kube-apiserver") ? "kube-apiserver" : undefined;
}

/** How a control-plane lease reads now: renewed at the last tick while its holder runs. */
export function renewedView(cluster: Cluster, lease: KubeObject): KubeObject {
  const component = componentOfLease(cluster, lease);
  if (!component) return lease;
  const spec = lease.spec as LeaseSpec | undefined;
  const stored = Date.parse(spec?.renewTime ?? "");
  const now = cluster.clock.now();
  if (!spec?.holderIdentity || Number.isNaN(stored) || now - stored < periodOf(component)) return lease;
  const instance = running(cluster, component);
  if (!instance || !("id" in instance) || holderOf(cluster, component, instance.id) !== spec.holderIdentity) return lease;
  return { ...lease, spec: { ...spec, renewTime: microTime(lastRenewal(stored, periodOf(component), now)) } };
}

/** Per component, the holder last seen running (plugin state: a stop is written once, by the first check that sees it). */
const RUNNING_HOLDERS = "leader-election/running";

function runningHolders(cluster: Cluster): Record<string, string> {
  return cluster.changePluginState<Record<string, string>>(RUNNING_HOLDERS, () => ({}));
}

const leaderElection =
  (cluster: Cluster): ControllerFactory =>
  ({ client, clock, random, requeueAfter }) => {
    // Each component records with its own core/v1 recorder (the scheduler under its scheduler name).
    const recorders = {
      "kube-scheduler": new EventRecorder(client, clock, random, { component: "default-scheduler" }),
      "kube-controller-manager": new EventRecorder(client, clock, random, { component: "kube-controller-manager" }),
    };
    const write = (stored: KubeObject, spec: LeaseSpec) => client.update({ ...clone(stored), spec } as KubeObject);
    const create = (name: string, spec: LeaseSpec, labels?: Record<string, string>) =>
      client.create({ apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name, namespace: "kube-system", ...(labels ? { labels } : {}) }, spec } as KubeObject);
    const get = (name: string) => cluster.store.get("coordination.k8s.io/leases", "kube-system", name);
    return {
      name: LEADER_ELECTION_CONTROLLER,
      watches: ["/pods"],
      keysFor: (event) => {
        const labels = event.object.metadata.labels;
        const component = labels?.component as Component | undefined;
        return event.object.metadata.namespace === "kube-system" && labels?.tier === "control-plane" && component && COMPONENTS.includes(component) ? [component] : [];
      },
      resync: () => [...COMPONENTS],
      reconcile(key) {
        const component = key as Component;
        // Nothing reaches the API server while it is down; its own lease is written when it is back.
        if (!cluster.apiserverUp) return;
        const name = leaseName(cluster, component);
        let stored = get(name);
        let spec = (stored?.spec ?? {}) as LeaseSpec;
        const now = clock.now();
        const instance = running(cluster, component);
        const seen = runningHolders(cluster);
        // A holder seen running that runs no more renewed last at its last tick: the lease keeps that time and runs out.
        const live = instance && "id" in instance ? holderOf(cluster, component, instance.id) : undefined;
        if (stored && spec.holderIdentity && seen[component] === spec.holderIdentity && live !== spec.holderIdentity) {
          delete seen[component];
          const since = Date.parse(spec.renewTime ?? "");
          if (!Number.isNaN(since)) stored = write(stored, { ...spec, renewTime: microTime(lastRenewal(since, periodOf(component), now)) });
          spec = stored.spec as LeaseSpec;
        }
        if (!live) {
          if (instance && "at" in instance) requeueAfter(key, Math.max(1, instance.at - now));
          return;
        }
        seen[component] = live;
        if (component === "kube-apiserver") {
          // An identity lease is the server's own: a (re)started server writes its identity at once.
          if (!stored) create(name, { holderIdentity: live, leaseDurationSeconds: APISERVER_LEASE_DURATION_SECONDS, renewTime: microTime(now) }, { [IDENTITY_LABEL]: "kube-apiserver", "kubernetes.io/hostname": layoutOf(cluster).controlPlane.name });
          else if (spec.holderIdentity !== live) write(stored, { ...spec, holderIdentity: live, renewTime: microTime(now) });
          return;
        }
        if (stored && spec.holderIdentity === live) return;
        // Another process's lease is taken once it has gone unrenewed for its whole duration.
        const expires = Date.parse(spec.renewTime ?? "") + (spec.leaseDurationSeconds ?? LEASE_DURATION_SECONDS) * 1000;
        if (stored && spec.holderIdentity && expires > now) {
          requeueAfter(key, expires - now);
          return;
        }
        const taken: LeaseSpec = { holderIdentity: live, leaseDurationSeconds: LEASE_DURATION_SECONDS, acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: stored ? (spec.leaseTransitions ?? 0) + 1 : 0 };
        const lease = stored ? write(stored, taken) : create(name, taken);
        recorders[component].normal(lease, "LeaderElection", `${live} became leader`);
      },
    };
  };

/** Installs the controller and the read view of the control plane's leases. */
export const leaderElectionPlugin: ClusterPlugin = {
  name: "leader-election",
  install(cluster) {
    cluster.addController(LEADER_ELECTION_CONTROLLER, leaderElection(cluster));
    cluster.apiserver.readViews.set("coordination.k8s.io/leases", (lease) => renewedView(cluster, lease));
  },
};
