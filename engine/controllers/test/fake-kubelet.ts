import type { ApiClient } from "../../api/client";
import type { KubeObject } from "../../api/types";
import type { Cluster, ClusterPlugin } from "../../cluster/cluster";
import { splitKey } from "../controller";

export interface FakeKubeletOptions {
  /** Time from binding to Running+Ready (default 1 s); undefined start means "leave pods Pending". */
  startDelayMs?: number;
  /** Do not run pods at all (the test drives status itself). */
  manual?: boolean;
  /** Post node heartbeats (lease renewals) every 10 s, as a live kubelet does (default true). */
  heartbeat?: boolean;
  /** Time a deleted pod takes to shut down before the kubelet removes it (default 0). */
  terminationDelayMs?: number;
}

const HEARTBEAT_MS = 10_000;

/**
 * Test-only stand-in for the kubelet (the real one is another engineer's area): starts bound pods,
 * finishes terminating ones and renews node leases, all through the API.
 */
export function fakeKubeletPlugin(options: FakeKubeletOptions = {}): ClusterPlugin {
  const delay = options.startDelayMs ?? 1000;
  return {
    name: "fake-kubelet",
    install(cluster) {
      cluster.addController("fake-kubelet", ({ client, clock, requeueAfter }) => ({
        name: "fake-kubelet",
        watches: ["/pods"],
        reconcile(key) {
          const { namespace, name } = splitKey(key);
          const pod = client.get("", "pods", namespace, name);
          const spec = (pod?.spec ?? {}) as { nodeName?: string };
          if (!pod || !spec.nodeName) return;
          if (pod.metadata.deletionTimestamp) {
            const requested = Date.parse(pod.metadata.deletionTimestamp) - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
            const goneAt = requested + (options.terminationDelayMs ?? 0);
            if (clock.now() < goneAt) {
              requeueAfter(key, goneAt - clock.now());
              return;
            }
            client.delete("", "pods", namespace, name, { gracePeriodSeconds: 0 });
            return;
          }
          if (options.manual) return;
          const status = (pod.status ?? {}) as { phase?: string };
          if (status.phase && status.phase !== "Pending") return;
          const boundAt = Date.parse(podScheduledTime(pod) ?? clock.nowRfc3339());
          if (clock.now() < boundAt + delay) {
            requeueAfter(key, boundAt + delay - clock.now());
            return;
          }
          markRunning(client, pod, clock.nowRfc3339());
        },
      }));
      if (options.heartbeat === false) return;
      cluster.addController("fake-kubelet-heartbeat", ({ client, clock, requeueAfter }) => ({
        name: "fake-kubelet-heartbeat",
        watches: ["/nodes"],
        keysFor: (event) => (event.type === "ADDED" ? [event.object.metadata.name!] : []),
        resync: () => client.list("", "nodes").map((n) => n.metadata.name!),
        reconcile(nodeName) {
          if (((cluster.extra.stoppedKubelets as string[] | undefined) ?? []).includes(nodeName)) return;
          const node = client.get("", "nodes", undefined, nodeName);
          if (!node) return;
          renewLease(client, nodeName, clock.nowMicroTime());
          requeueAfter(nodeName, HEARTBEAT_MS);
        },
      }));
    },
  };
}

/** "systemctl stop kubelet" for tests: the node stops renewing its lease. */
export function stopKubelet(cluster: Cluster, nodeName: string): void {
  cluster.setPluginState("stoppedKubelets", [...((cluster.extra.stoppedKubelets as string[] | undefined) ?? []), nodeName]);
}

function podScheduledTime(pod: KubeObject): string | undefined {
  const conditions = ((pod.status ?? {}) as { conditions?: { type: string; lastTransitionTime?: string }[] }).conditions ?? [];
  return conditions.find((c) => c.type === "PodScheduled")?.lastTransitionTime;
}

export function renewLease(client: ApiClient, nodeName: string, now: string): void {
  const lease = client.get("coordination.k8s.io", "leases", "kube-node-lease", nodeName);
  if (!lease) {
    client.create({
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: nodeName, namespace: "kube-node-lease" },
      spec: { holderIdentity: nodeName, leaseDurationSeconds: 40, renewTime: now },
    });
    return;
  }
  client.patch("coordination.k8s.io", "leases", "kube-node-lease", nodeName, { spec: { renewTime: now } });
}

export function markRunning(client: ApiClient, pod: KubeObject, now: string, ready = true): KubeObject {
  const spec = pod.spec as { containers: { name: string; image: string }[] };
  const old = (pod.status ?? {}) as { conditions?: { type: string }[] };
  const scheduled = (old.conditions ?? []).filter((c) => c.type === "PodScheduled");
  const cond = (type: string, status: boolean) => ({ type, status: status ? "True" : "False", lastProbeTime: null, lastTransitionTime: now });
  return client.patchStatus("", "pods", pod.metadata.namespace, pod.metadata.name!, {
    phase: "Running",
    startTime: now,
    podIP: "10.244.1.10",
    hostIP: "172.30.2.2",
    conditions: [cond("PodReadyToStartContainers", true), cond("Initialized", true), cond("Ready", ready), cond("ContainersReady", ready), ...scheduled],
    containerStatuses: spec.containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: "",
      ready,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now } },
    })),
  });
}

export function setReady(client: ApiClient, pod: KubeObject, now: string, ready: boolean): KubeObject {
  return markRunning(client, pod, now, ready);
}

/** The pod's containers exit with `exitCode` and the pod reaches Succeeded or Failed (restartPolicy Never/OnFailure). */
export function finishPod(client: ApiClient, pod: KubeObject, now: string, exitCode: number): KubeObject {
  const spec = pod.spec as { containers: { name: string; image: string }[] };
  const phase = exitCode === 0 ? "Succeeded" : "Failed";
  const old = (pod.status ?? {}) as { conditions?: { type: string }[] };
  const scheduled = (old.conditions ?? []).filter((c) => c.type === "PodScheduled");
  const cond = (type: string, status: boolean, reason?: string) => ({ type, status: status ? "True" : "False", lastProbeTime: null, lastTransitionTime: now, ...(reason ? { reason } : {}) });
  return client.patchStatus("", "pods", pod.metadata.namespace, pod.metadata.name!, {
    phase,
    conditions: [cond("PodReadyToStartContainers", false), cond("Initialized", true, "PodCompleted"), cond("Ready", false, "PodCompleted"), cond("ContainersReady", false, "PodCompleted"), ...scheduled],
    containerStatuses: spec.containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID: "",
      ready: false,
      started: false,
      restartCount: 0,
      state: { terminated: { exitCode, reason: exitCode === 0 ? "Completed" : "Error", startedAt: now, finishedAt: now } },
    })),
  });
}
