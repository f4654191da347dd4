import { kubeletControllerName } from "../kubelet";
import { appendLogLines, containerLogPath } from "../logs";
import { kubeletStates } from "../state";
import type { ContainerTarget } from "./container-target";

/**
 * A container whose main process is a shell reading its stdin (`kubectl run -i … -- sh`): a client
 * attached to it *is* that shell's input. What the shell prints goes to the container log as well
 * as to the client, and when the shell ends (`exit`, or end of input once a stdinOnce stdin closes)
 * the container's process has exited: the kubelet then completes or restarts the container.
 */
export interface MainProcessHooks {
  output(stream: "stdout" | "stderr", data: string): void;
  exited(code: number): void;
  /** Whether the client closing its stdin closes the container's (the pod spec's stdinOnce). */
  readonly stdinOnce: boolean;
}

export function mainProcessHooks(target: ContainerTarget): MainProcessHooks {
  const { cluster, open } = target;
  const record = open.record;
  const node = cluster.hosts.get(open.nodeName);
  const restart = open.container.restartCount;
  const path = containerLogPath(record.namespace, record.name, record.uid, target.container, restart);
  const partial = { stdout: "", stderr: "" };
  const spec = (target.pod.spec as { containers?: { name: string; stdinOnce?: boolean }[] }).containers?.find((c) => c.name === target.container);
  const flush = (stream: "stdout" | "stderr", all: boolean) => {
    const text = partial[stream].replace(/\r/g, "");
    const lines = text.split("\n");
    partial[stream] = all ? "" : lines.pop()!;
    if (all && lines[lines.length - 1] === "") lines.pop();
    if (node && lines.length) appendLogLines(node.fs, path, lines.map((line) => ({ at: cluster.clock.now(), stream, text: line })));
  };
  return {
    stdinOnce: !!spec?.stdinOnce,
    output(stream, data) {
      partial[stream] += data;
      if (partial[stream].includes("\n")) flush(stream, false);
    },
    exited(code) {
      flush("stdout", true);
      flush("stderr", true);
      // Only the process this attach joined: a container that restarted since has a new one.
      const container = kubeletStates(cluster)[open.nodeName]?.pods[record.uid]?.containers[target.container];
      const proc = container?.process;
      if (!container || container.restartCount !== restart || !proc || proc.exitAt !== undefined) return;
      proc.exitAt = cluster.clock.now();
      proc.exitCode = code;
      // The kubelet's pod key (engine/kubelet/kubelet.ts): it notices the exit now, not at its next wake-up.
      cluster.controllers.enqueue(kubeletControllerName(open.nodeName), `pod:${record.namespace}/${record.name}`);
      cluster.controllers.settle();
    },
  };
}
