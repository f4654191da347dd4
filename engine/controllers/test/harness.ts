import { corePlugin } from "../../cluster/core-plugin";
import type { ClusterPlugin } from "../../cluster/cluster";
import { Environment } from "../../cluster/environment";
import type { ApiClient } from "../../api/client";
import type { KubeObject } from "../../api/types";
import { clone } from "../../util/freeze";
import { controllersPlugin } from "../plugin";
import { fakeKubeletPlugin, type FakeKubeletOptions } from "./fake-kubelet";

export interface TestNode {
  name: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  cpu?: string;
  memory?: string;
  pods?: string;
  ephemeralStorage?: string;
  unschedulable?: boolean;
  controlPlane?: boolean;
}

export interface TestClusterOptions {
  nodes?: TestNode[];
  seed?: number;
  kubelet?: FakeKubeletOptions;
  /** Extra plugins after ours (none by default: tests see only the core and the controllers). */
  plugins?: ClusterPlugin[];
}

/** The lab cluster: a tainted control plane and two workers, 2 CPU / 4Gi each, like the default environment. */
export const LAB_NODES: TestNode[] = [
  { name: "controlplane", controlPlane: true, taints: [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }] },
  { name: "node01" },
  { name: "node02" },
];

/**
 * A cluster with only the core and our controllers, plus a fake kubelet that lives in tests only:
 * it registers Nodes and moves bound pods to Running/Ready, as the real kubelet will.
 */
export function testCluster(options: TestClusterOptions = {}) {
  const nodes = options.nodes ?? LAB_NODES;
  const env = Environment.create(
    {
      clusters: [
        {
          name: "kubernetes",
          nodes: nodes.map((n, i) => ({ name: n.name, role: n.controlPlane ? "control-plane" : "worker", ip: `172.30.${n.controlPlane ? 1 : 2}.${i + 2}` })),
        },
      ],
    },
    { seed: options.seed ?? 7, plugins: [corePlugin, controllersPlugin, fakeKubeletPlugin(options.kubelet), ...(options.plugins ?? [])], environmentPlugins: [] },
  );
  const cluster = env.cluster();
  const client = cluster.admin;
  for (const n of nodes) addNode(client, n);
  const events = (namespace = "default") =>
    client
      .list("", "events", namespace)
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => ({ reason: e.reason as string, message: e.message as string, type: e.type as string, object: `${(e.involvedObject as { kind: string }).kind}/${(e.involvedObject as { name: string }).name}`, count: e.count as number | undefined, event: e }));
  const pods = (namespace = "default", selector?: string) => client.list("", "pods", namespace, selector ? { labelSelector: selector } : {});
  const pod = (name: string, namespace = "default") => client.get("", "pods", namespace, name);
  return { env, cluster, client, events, pods, pod, advance: (ms: number) => env.advanceBy(ms) };
}

/** Registers a Node and posts its status, as a kubelet does when it starts. */
export function addNode(client: ApiClient, n: TestNode): KubeObject {
  const node = nodeObject(n);
  client.create({ ...node, status: undefined });
  return client.patchStatus("", "nodes", undefined, n.name, node.status);
}

export function nodeObject(n: TestNode): KubeObject {
  const allocatable = { cpu: n.cpu ?? "2", memory: n.memory ?? "4Gi", pods: n.pods ?? "110", "ephemeral-storage": n.ephemeralStorage ?? "20Gi" };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: n.name,
      labels: {
        "kubernetes.io/hostname": n.name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        ...(n.controlPlane ? { "node-role.kubernetes.io/control-plane": "" } : {}),
        ...(n.labels ?? {}),
      },
    },
    spec: { ...(n.taints ? { taints: n.taints } : {}), ...(n.unschedulable ? { unschedulable: true } : {}) },
    status: {
      capacity: clone(allocatable),
      allocatable,
      conditions: [{ type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status" }],
    },
  };
}

/** A minimal pod manifest for tests. */
export function podManifest(name: string, spec: Record<string, unknown> = {}, labels: Record<string, string> = {}, namespace = "default"): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels },
    spec: { containers: [{ name: "c", image: "nginx" }], ...spec },
  };
}
