import type { KubeObject } from "../../../api/types";
import { KUBE_NAME_ALPHABET } from "../../../util/random";
import type { CommandContext } from "../../cli/command";
import type { DebugOptions } from "./options";
import { applyProfile, type DebugPod } from "./profiles";

/**
 * The objects kubectl debug builds (generateNodeDebugPod, generateDebugContainer,
 * generatePodCopyWithDebugContainer in debug.go): the pod for a node, the ephemeral container for a
 * pod, the copy of a pod. Field order follows the Go structs kubectl serialises.
 */
type Json = Record<string, unknown>;

export function nameSuffix(c: CommandContext): string {
  return c.ctx.environment.random.string(5, KUBE_NAME_ALPHABET);
}

/** The container fields kubectl sets from its flags, in corev1.Container's field order. */
function debugContainer(o: DebugOptions, name: string): Json {
  const c: Json = { name, image: o.image };
  if (o.args.length > 0) c[o.argsOnly ? "args" : "command"] = o.args;
  if (o.env.length > 0) c.env = o.env;
  c.resources = {};
  c.terminationMessagePolicy = "File";
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.interactive) c.stdin = true;
  if (o.tty) c.tty = true;
  return c;
}

export function nodeDebugPod(c: CommandContext, o: DebugOptions, nodeName: string): DebugPod {
  const container = o.container || "debugger";
  const name = `node-debugger-${nodeName}-${nameSuffix(c)}`;
  if (!o.quiet) c.out(`Creating debugging pod ${name} with container ${container} on node ${nodeName}.\n`);
  const pod: DebugPod = {
    metadata: { name },
    spec: {
      containers: [debugContainer(o, container)],
      restartPolicy: "Never",
      nodeName,
      tolerations: [{ operator: "Exists" }],
    },
  };
  applyProfile(o.profile, pod, container, "node", o.keep);
  return pod;
}

function containerNames(pod: DebugPod): Set<string> {
  return new Set([...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].map((x) => String(x.name)));
}

/** computeDebugContainerName: -c, or `debugger-xxxxx` not used by any container yet (said unless -q). */
function debugContainerName(c: CommandContext, o: DebugOptions, pod: DebugPod): string {
  if (o.container) return o.container;
  const taken = containerNames(pod);
  let name = "";
  while (!name || taken.has(name)) name = `debugger-${nameSuffix(c)}`;
  if (!o.quiet) c.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

/** The pod with the ephemeral container appended, and that container's name. */
export function withEphemeralContainer(c: CommandContext, o: DebugOptions, pod: KubeObject): { pod: DebugPod; name: string } {
  const copy = structuredClone(pod) as unknown as DebugPod;
  const name = debugContainerName(c, o, copy);
  const ec = debugContainer(o, name);
  if (o.targetContainer) ec.targetContainerName = o.targetContainer;
  copy.spec.ephemeralContainers = [...(copy.spec.ephemeralContainers ?? []), ec];
  applyProfile(o.profile, copy, name, "ephemeral", o.keep);
  return { pod: copy, name };
}

/** The copy of a pod `--copy-to` creates, and the container to attach to ("" for a --set-image only copy). */
export function podCopy(c: CommandContext, o: DebugOptions, pod: KubeObject): { pod: DebugPod; name: string } {
  const original = pod as unknown as DebugPod;
  const spec = structuredClone(original.spec);
  delete spec.ephemeralContainers;
  const copied: DebugPod = {
    metadata: {
      name: o.copyTo,
      namespace: original.metadata.namespace,
      ...(original.metadata.labels ? { labels: { ...original.metadata.labels } } : {}),
      ...(original.metadata.annotations ? { annotations: { ...original.metadata.annotations } } : {}),
    },
    spec,
  };
  if (o.shareProcessesChanged) spec.shareProcessNamespace = o.shareProcesses;
  if (!o.sameNode) delete spec.nodeName;
  for (const container of spec.containers) {
    const image = o.setImages[String(container.name)] ?? o.setImages["*"];
    if (image) container.image = image;
  }
  let name = o.container;
  let target = [...spec.containers, ...(spec.initContainers ?? [])].find((x) => x.name === name);
  if (!target) {
    if (!o.image) {
      if (Object.keys(o.setImages).length > 0) return { pod: copied, name: "" };
      throw new Error("you must specify image when creating new container");
    }
    if (!name) name = debugContainerName(c, o, copied);
    target = { name, terminationMessagePolicy: "File" };
    spec.containers.push(target);
  }
  if (o.args.length > 0) {
    if (o.argsOnly) target.args = o.args;
    else {
      target.command = o.args;
      delete target.args;
    }
  }
  if (o.env.length > 0) target.env = o.env;
  if (o.image) target.image = o.image;
  if (o.pullPolicy) target.imagePullPolicy = o.pullPolicy;
  if (o.interactive) target.stdin = true;
  else delete target.stdin;
  if (o.tty) target.tty = true;
  else delete target.tty;
  applyProfile(o.profile, copied, name, "podCopy", o.keep);
  return { pod: copied, name };
}
