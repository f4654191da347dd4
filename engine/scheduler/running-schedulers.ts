import type { Container, Pod } from "kubernetes-types/core/v1";
import { parse } from "yaml";
import type { ObjectStore } from "../api/store";

export const DEFAULT_SCHEDULER = "default-scheduler";

function flagValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === flag && i + 1 < args.length) return args[i + 1];
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
  }
  return undefined;
}

/** Reads a file on a node's filesystem (a static pod's hostPath volumes); undefined when absent. */
export type NodeFileReader = (node: string, path: string) => string | undefined;

function profilesOf(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  try {
    const config = parse(text) as { kind?: string; profiles?: { schedulerName?: string }[] };
    if (config?.kind !== "KubeSchedulerConfiguration") return undefined;
    const profiles = config.profiles ?? [];
    return profiles.length === 0 ? [DEFAULT_SCHEDULER] : profiles.map((p) => p.schedulerName ?? DEFAULT_SCHEDULER);
  } catch {
    return undefined;
  }
}

/**
 * Reads a KubeSchedulerConfiguration the container sees at `path`: through a ConfigMap volume, or
 * a hostPath volume (how a second scheduler run as a static pod gets its config file).
 */
function profilesFromConfig(store: ObjectStore, pod: Pod, container: Container, path: string, readNodeFile?: NodeFileReader): string[] | undefined {
  for (const mount of container.volumeMounts ?? []) {
    const dir = mount.mountPath.replace(/\/+$/, "");
    if (!path.startsWith(`${dir}/`) && path !== dir) continue;
    const volume = pod.spec?.volumes?.find((v) => v.name === mount.name);
    if (volume?.hostPath && readNodeFile && pod.spec?.nodeName) {
      const onNode = mount.subPath ? `${volume.hostPath.path}/${mount.subPath}` : `${volume.hostPath.path}${path.slice(dir.length)}`;
      return profilesOf(readNodeFile(pod.spec.nodeName, onNode.replace(/\/+/g, "/")));
    }
    const cmName = volume?.configMap?.name;
    if (!cmName) continue;
    const cm = store.get("/configmaps", pod.metadata?.namespace, cmName);
    const rel = mount.subPath ?? path.slice(dir.length + 1);
    const item = volume!.configMap!.items?.find((i) => i.path === rel);
    return profilesOf((cm?.data as Record<string, string> | undefined)?.[item?.key ?? rel]);
  }
  return undefined;
}

/** The scheduler names a kube-scheduler container serves, from --scheduler-name or its --config file. */
export function schedulerNamesOf(store: ObjectStore, pod: Pod, readNodeFile?: NodeFileReader): string[] {
  const names: string[] = [];
  for (const c of pod.spec?.containers ?? []) {
    const argv = [...(c.command ?? []), ...(c.args ?? [])];
    const isScheduler = argv.some((a) => /(^|\/)kube-scheduler$/.test(a)) || (c.image ?? "").includes("kube-scheduler");
    if (!isScheduler) continue;
    const flagged = flagValue(argv, "--scheduler-name");
    const config = flagValue(argv, "--config");
    const fromConfig = config ? profilesFromConfig(store, pod, c, config, readNodeFile) : undefined;
    if (fromConfig) names.push(...fromConfig);
    else names.push(flagged ?? DEFAULT_SCHEDULER);
  }
  return names;
}

/** What a running scheduler pod reports as: its hostname is the pod name (or the node's, with hostNetwork). */
export interface RunningScheduler {
  name: string;
  instance: string;
}

/**
 * Schedulers that run as pods (a second scheduler deployed by the learner): a pod the kubelet
 * reports Running whose container is kube-scheduler. Each name it serves maps to its instance.
 */
export function runningSchedulers(store: ObjectStore, readNodeFile?: NodeFileReader): Map<string, RunningScheduler> {
  const out = new Map<string, RunningScheduler>();
  for (const obj of store.list("/pods")) {
    const pod = obj as unknown as Pod;
    if (pod.status?.phase !== "Running" || pod.metadata?.deletionTimestamp) continue;
    for (const name of schedulerNamesOf(store, pod, readNodeFile)) {
      if (out.has(name)) continue;
      const host = pod.spec?.hostNetwork ? pod.spec.nodeName : (pod.spec?.hostname ?? pod.metadata?.name);
      out.set(name, { name, instance: `${name}-${host}` });
    }
  }
  return out;
}
