import { createHash } from "node:crypto";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import type { Controller, ControllerFactory } from "../controllers/controller";
import { EventRecorder } from "../controllers/events";
import { lastTickBefore, quietUntil } from "../controllers/heartbeats";
import type { NodeLayout } from "../controlplane/layout";
import type { Host } from "../hosts/host";
import { readKubeletConfig } from "./kubelet-config";
import { klog } from "./klog";
import { NODE_TIMING } from "./lifecycle";
import { newNodeObject, nodeStatus } from "./node-status";
import { killPod, runtimeUid, syncPod, type WorkerContext } from "./pod-worker";
import { mirrorPodFor, mirrorPods, scanStaticPods } from "./static-pods";
import { kubeletStates, type NodeKubeletState } from "./state";
import { tlsBootstrapStep } from "./tls-bootstrap";

/**
 * The kubelet of one node, as a control loop on the cluster clock: it registers the Node, renews
 * its Lease every 10 s, reports status, publishes mirror pods for its static pods and runs every
 * pod bound to it. It acts only while its systemd unit is active; stopped, the node goes quiet and
 * the node lifecycle controller marks it NotReady after the grace period.
 */
export function kubeletControllerName(node: string): string {
  return `kubelet-${node}`;
}

/** Hosts whose kubelet is writing files right now (its own changes are not news to it). */
export const selfWriting = new Set<Host>();

export function isKubeletRunning(host: Host): boolean {
  return host.services.get("kubelet")?.active === "active";
}

function nodeUser(node: string) {
  return { username: `system:node:${node}`, groups: ["system:nodes", "system:authenticated"] };
}

export function ensureNodeState(cluster: Cluster, node: NodeLayout, host: Host, version: string): NodeKubeletState {
  const states = kubeletStates(cluster);
  let state = states[node.name];
  if (!state) {
    const id = createHash("sha256").update(`${cluster.name}/${node.name}`).digest("hex");
    state = {
      version,
      bootId: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
      machineId: id.slice(32, 64),
      startedAt: cluster.clock.now(),
      images: {},
      pods: {},
      nextIp: 2,
      nextPid: 1000,
    };
    states[node.name] = state;
    void host;
  }
  return state;
}

/** The kubelet's user agent (`kubelet/v1.33.2 (linux/amd64) kubernetes/…`): its writes' managedFields name the manager `kubelet`, whatever the node. */
export const KUBELET_MANAGER = "kubelet";

export function kubeletController(cluster: Cluster, node: NodeLayout, host: Host): ControllerFactory {
  return ({ client: loopClient, clock, random, requeueAfter, pendingAt, cancelRequeue }) => {
    const client = loopClient.as(loopClient.user, KUBELET_MANAGER);
    const recorder = new EventRecorder(client, clock, random, { component: "kubelet", host: node.name });
    const state = () => kubeletStates(cluster)[node.name];
    const podKey = (ns: string | undefined, name: string | undefined) => `pod:${ns}/${name}`;
    const onThisNode = (obj: KubeObject) => (obj.spec as { nodeName?: string } | undefined)?.nodeName === node.name;
    // Status this kubelet just wrote is not news to it: skip the echo of its own writes.
    const written = new Map<string, string>();
    // The last status check that found nothing to post: what it depended on, and the Node's
    // resourceVersion it compared with. While neither changed, the next heartbeat would find the
    // same (building the status and hashing it is most of a heartbeat's cost), so it is skipped.
    // A cache of a pure decision only: never snapshotted, rebuilt by the first check after a restore.
    let quiet: { inputs: string; nodeRv: string; reportedHash: string } | undefined;

    const context = (): WorkerContext => ({
      cluster,
      client,
      node,
      host,
      state: state(),
      recorder,
      now: clock.now(),
      rfc3339: (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"),
      newId: () => random.hex(64),
    });

    const journal = (severity: "I" | "W" | "E", source: string, message: string) => {
      const pid = host.services.get("kubelet")?.mainPid ?? 0;
      host.services.log("kubelet", klog(severity, clock.now(), pid, source, message));
    };

    // The node's heartbeat is one loop, as the kubelet's status and lease loops are: a sync outside
    // it (the kubelet restarting, a full resync) starts it again from there instead of adding a
    // second chain of ticks beside the first (each doubled every renewal for good).
    const nextTickIn = (delayMs: number) => {
      const pending = pendingAt?.("node");
      if (pending !== undefined && pending !== clock.now() + Math.max(0, delayMs)) cancelRequeue?.("node");
      requeueAfter("node", delayMs);
    };

    const syncNode = () => {
      const s = state();
      const now = clock.now();
      // Renewing (or planning the next skip) now: what it vouched for so far is superseded.
      delete s.vouchedUntil;
      if (s.awaitingCredentials) {
        const outcome = tlsBootstrapStep({ cluster, node, host, state: s, random, journal });
        if (!outcome.done) {
          if (outcome.retryMs !== undefined) nextTickIn(outcome.retryMs);
          return;
        }
        s.awaitingCredentials = false;
      }
      // Reads only look (the API server records no GET): the store's frozen object is what a GET returns.
      let existing = client.server.store.get("/nodes", undefined, node.name);
      if (!existing && s.registered) {
        // A real kubelet registers once per start: a Node deleted later stays gone until it restarts.
        journal("E", "kubelet_node_status.go:549", `"Error updating node status, will retry" err="error getting node \\"${node.name}\\": nodes \\"${node.name}\\" not found"`);
        nextTickIn(NODE_TIMING.leaseRenewMs);
        return;
      }
      if (!existing) {
        try {
          existing = client.create(newNodeObject(node));
          journal("I", "kubelet_node_status.go:78", `"Successfully registered node" node="${node.name}"`);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          nextTickIn(NODE_TIMING.leaseRenewMs);
          return;
        }
      }
      s.registered = true;
      const cniReady = cniConfigured();
      const containerdUp = host.services.get("containerd")?.active === "active";
      const health = {
        notReadyMessage: !containerdUp
          ? "container runtime is down, PLEG is not healthy: pleg was last seen active 3m0s ago; threshold is 3m0s"
          : !cniReady
            ? "container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized"
            : undefined,
        networkProvider: cniReady ? (cluster.spec.networkPolicy === false ? ("flannel" as const) : ("calico" as const)) : undefined,
      };
      const due = s.lastReportAt === undefined || now - s.lastReportAt >= NODE_TIMING.statusReportMs;
      // Everything the status depends on besides the clock and the previous transition times.
      const inputs = JSON.stringify([health.notReadyMessage, health.networkProvider, s.version, s.bootId, s.machineId, s.images]);
      const quietNow = quiet !== undefined && quiet.inputs === inputs && quiet.nodeRv === existing.metadata.resourceVersion && quiet.reportedHash === s.lastReportedHash;
      // Whether a tick is skipped depends on the stored state alone (the status is checked in
      // full, not through the quiet cache), so a copy of a template and a full resync agree.
      const plan = skipPlan(now);
      if (plan) {
        const check = statusCheck(existing, health);
        if (check.hash === s.lastReportedHash && !check.drifted) {
          quiet = { inputs, nodeRv: existing.metadata.resourceVersion!, reportedHash: check.hash };
          if (plan.lastReportAt !== undefined) s.lastReportAt = plan.lastReportAt;
          s.vouchedUntil = plan.wake;
          nextTickIn(plan.wake - now);
          return;
        }
      }
      renewLease(existing);
      if (!due && quietNow) {
        nextTickIn(Math.min(NODE_TIMING.leaseRenewMs, (s.lastReportAt ?? now) + NODE_TIMING.statusReportMs - now));
        return;
      }
      quiet = undefined;
      const { status, hash, drifted } = statusCheck(existing, health);
      if (hash !== s.lastReportedHash || due || drifted) {
        client.request("PUT", client.path("", "nodes", undefined, node.name, "status"), { body: { ...existing, status }, contentType: "application/json" });
        s.lastReportAt = now;
        s.lastReportedHash = hash;
        const posted = client.server.store.get("/nodes", undefined, node.name);
        // Quiet from now on only if the Node holds what was posted (a failed or altered write is checked again).
        if (posted && conditionsOf(posted.status) === conditionsOf(status)) quiet = { inputs, nodeRv: posted.metadata.resourceVersion!, reportedHash: hash };
      } else {
        quiet = { inputs, nodeRv: existing.metadata.resourceVersion!, reportedHash: hash };
      }
      nextTickIn(Math.min(NODE_TIMING.leaseRenewMs, (s.lastReportAt ?? now) + NODE_TIMING.statusReportMs - now));
    };

    const conditionsOf = (st: unknown) => JSON.stringify(((st as { conditions?: { type: string; status: string; message: string }[] } | undefined)?.conditions ?? []).map((c) => [c.type, c.status, c.message]));

    /** The status this node would post now, its hash (without times), and whether the stored conditions differ from it. */
    const statusCheck = (existing: KubeObject, health: Parameters<typeof nodeStatus>[3]) => {
      const status = nodeStatus(node, state(), existing, health, clock.nowRfc3339());
      const shape = JSON.stringify({ ...status, conditions: (status.conditions as { type: string; status: string; message: string }[]).map((c) => [c.type, c.status, c.message]) });
      const hash = createHash("sha1").update(shape).digest("hex");
      // As the kubelet compares with the node it read, not only with what it last posted: the node
      // lifecycle controller may have set the conditions Unknown while this kubelet was stopped.
      const drifted = conditionsOf(existing.status) !== conditionsOf(status);
      return { status, hash, drifted };
    };

    // The CNI check reads /etc/cni/net.d on every heartbeat; the answer holds while the host's files stay as they were.
    let cni: { changeCount: number; ready: boolean } | undefined;
    const cniConfigured = () => {
      if (cni?.changeCount === host.fs.changeCount) return cni.ready;
      const ready = host.fs.isDirectorySync("/etc/cni/net.d") && host.fs.readdirSync("/etc/cni/net.d").some((f) => /\.(conflist|conf|json)$/.test(f));
      cni = { changeCount: host.fs.changeCount, ready };
      return ready;
    };

    /**
     * A renewal (or an unchanged status report) followed by another before the quiet stretch ends
     * cannot be seen (controllers/heartbeats.ts): when this tick is one, where to wake instead (the
     * last report or renewal of the stretch) and the report time to keep, as if each had been made.
     */
    const skipPlan = (now: number): { wake: number; lastReportAt?: number } | undefined => {
      const s = state();
      if (s.lastReportAt === undefined || !client.server.store.get("coordination.k8s.io/leases", "kube-node-lease", node.name)) return undefined;
      const end = quietUntil(clock);
      const period = NODE_TIMING.statusReportMs;
      let nextReport = s.lastReportAt + period;
      // A report due now is superseded by the next one when that comes before the stretch ends.
      if (now >= nextReport && now + period >= end) return undefined;
      if (now >= nextReport) nextReport = now + period;
      if (Math.min(now + NODE_TIMING.leaseRenewMs, nextReport) >= end) return undefined;
      if (nextReport < end) {
        const wake = lastTickBefore(nextReport, period, end);
        return { wake, lastReportAt: wake - period };
      }
      return { wake: lastTickBefore(now, NODE_TIMING.leaseRenewMs, end) };
    };

    const renewLease = (nodeObj: KubeObject) => {
      const lease = client.server.store.get("coordination.k8s.io/leases", "kube-node-lease", node.name);
      const spec = { holderIdentity: node.name, leaseDurationSeconds: NODE_TIMING.leaseDurationSeconds, renewTime: clock.nowMicroTime() };
      if (!lease) {
        client.create({
          apiVersion: "coordination.k8s.io/v1",
          kind: "Lease",
          metadata: { name: node.name, namespace: "kube-node-lease", ownerReferences: [{ apiVersion: "v1", kind: "Node", name: node.name, uid: nodeObj.metadata.uid! }] },
          spec,
        });
      } else {
        client.update({ ...lease, spec: { ...(lease.spec as object), ...spec } });
      }
    };

    const syncStatic = () => {
      const config = readKubeletConfig(host.fs);
      const dir = config.ok ? config.config.staticPodPath : undefined;
      const scan = scanStaticPods(host.fs, dir, node.name);
      const s = state();
      const previous = s.staticManifests ?? {};
      for (const error of scan.errors) {
        const key = `error:${error.file}`;
        if (previous[key] !== error.message) journal("E", "file.go:187", `"Could not process manifest file" err="${error.message}" path="${error.file}"`);
      }
      const wanted = new Map(scan.manifests.map((m) => [m.hash, m]));
      const nodeObj = client.get("", "nodes", undefined, node.name);
      // Mirror pods whose manifest is gone or changed: stop the old static pod and drop its mirror.
      for (const mirror of mirrorPods(client, node.name)) {
        const hash = mirror.metadata.annotations!["kubernetes.io/config.mirror"];
        if (wanted.has(hash)) continue;
        const rec = s.pods[hash];
        if (rec) killPod(context(), rec);
        client.delete("", "pods", mirror.metadata.namespace, mirror.metadata.name!, { gracePeriodSeconds: 0 });
      }
      for (const rec of Object.values(s.pods)) {
        if (rec.staticSource && !wanted.has(rec.uid)) killPod(context(), rec);
      }
      const manifests: Record<string, string> = {};
      for (const error of scan.errors) manifests[`error:${error.file}`] = error.message;
      for (const m of scan.manifests) {
        manifests[m.file] = m.hash;
        const name = `${m.pod.metadata.name}-${node.name}`;
        const ns = m.pod.metadata.namespace ?? "default";
        const existing = client.get("", "pods", ns, name);
        if (existing && existing.metadata.annotations?.["kubernetes.io/config.mirror"] === m.hash) continue;
        if (existing) client.delete("", "pods", ns, name, { gracePeriodSeconds: 0 });
        if (!previous[m.file] || previous[m.file] !== m.hash) journal("I", "kubelet.go:2406", `"SyncLoop ADD" source="file" pods=["${ns}/${name}"]`);
        try {
          client.create(mirrorPodFor(m, node.name, nodeObj?.metadata.uid, new Date(clock.now()).toISOString().replace(/Z$/, "000000Z")));
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          journal("E", "kubelet.go:3196", `"Failed creating a mirror pod" err="${e.message}" pod="${ns}/${name}"`);
        }
        const rec = s.pods[m.hash];
        if (rec) rec.staticSource = m.file;
      }
      s.staticManifests = manifests;
    };

    const syncPodKey = (key: string) => {
      const ref = key.slice(4);
      const i = ref.indexOf("/");
      const [ns, name] = [ref.slice(0, i), ref.slice(i + 1)];
      const pod = client.server.store.get("/pods", ns, name);
      const s = state();
      if (!pod || !onThisNode(pod)) {
        // A pod that left this node (deleted with --force, or rebound): its containers stop.
        for (const rec of Object.values(s.pods)) {
          if (rec.namespace === ns && rec.name === name && !rec.staticSource) killPod(context(), rec);
        }
        return;
      }
      const revision = cluster.store.currentRevision;
      const result = syncPod(context(), pod);
      const after = client.server.store.get("/pods", ns, name);
      if (after && Number(after.metadata.resourceVersion) > revision) written.set(key, after.metadata.resourceVersion!);
      const rec = s.pods[runtimeUid(pod)];
      if (rec && pod.metadata.annotations?.["kubernetes.io/config.mirror"]) {
        const file = Object.entries(s.staticManifests ?? {}).find(([, h]) => h === rec.uid)?.[0];
        if (file) rec.staticSource = file;
      }
      if (result.wakeAt !== undefined) requeueAfter(key, result.wakeAt - clock.now());
    };

    const controller: Controller = {
      name: kubeletControllerName(node.name),
      watches: ["/pods", "/configmaps", "/secrets", "/persistentvolumeclaims", "/nodes"],
      keysFor(event) {
        const obj = event.object;
        if (event.typeKey === "/pods") {
          if (!onThisNode(obj)) return [];
          const key = podKey(obj.metadata.namespace, obj.metadata.name);
          if (event.type === "MODIFIED" && written.get(key) === obj.metadata.resourceVersion) return [];
          return [key];
        }
        if (event.typeKey === "/nodes") return obj.metadata.name === node.name && event.type === "DELETED" ? ["node"] : [];
        // A ConfigMap, Secret or claim appearing can unblock pods waiting for it.
        const s = state();
        if (!s) return [];
        return Object.values(s.pods)
          .filter((p) => p.namespace === obj.metadata.namespace && (p.mountError || Object.values(p.containers).some((c) => c.reason === "CreateContainerConfigError")))
          .map((p) => podKey(p.namespace, p.name));
      },
      resync() {
        const keys = ["node", "static"];
        for (const pod of client.server.store.list("/pods")) if (onThisNode(pod)) keys.push(podKey(pod.metadata.namespace, pod.metadata.name));
        return keys;
      },
      reconcile(key) {
        if (!isKubeletRunning(host) || !state()) return;
        // The kubelet's own file writes (volumes, logs, sandbox files) must not wake it again.
        selfWriting.add(host);
        try {
          if (key === "node") return syncNode();
          if (key === "static") return syncStatic();
          if (key.startsWith("pod:")) return syncPodKey(key);
        } finally {
          selfWriting.delete(host);
        }
      },
    };
    return controller;
  };
}

export { nodeUser };
