import type { CommandContext } from "../../cli/command";
import { check } from "../../client/rest";
import { Interrupted, WAIT_STEP_MS } from "../../client/wait-loop";
import { attachTo } from "../attach/attach";
import type { PodLike } from "../exec/attachable-pod";
import type { DebugOptions } from "./options";

/**
 * handleAttachPod: waits until the debug container runs (or already ended), then attaches to it as
 * `kubectl attach -it` does; a container that already ended has its logs printed instead.
 */
type ContainerState = { running?: unknown; terminated?: unknown; waiting?: { reason?: string; message?: string } };
type StatusPod = PodLike & {
  spec: PodLike["spec"] & { restartPolicy?: string; ephemeralContainers?: { name: string; tty?: boolean; stdin?: boolean }[] };
  status?: PodLike["status"] & Record<"initContainerStatuses" | "containerStatuses" | "ephemeralContainerStatuses", { name: string; state?: ContainerState }[] | undefined>;
};

/** kubectl waits without a limit; Kubecoach stops after this much simulated time, and says so. */
const WAIT_LIMIT_MS = 15 * 60_000;

function statusOf(pod: StatusPod, name: string): { state?: ContainerState } | undefined {
  const s = pod.status;
  return [...(s?.initContainerStatuses ?? []), ...(s?.containerStatuses ?? []), ...(s?.ephemeralContainerStatuses ?? [])].find((x) => x.name === name);
}

async function waitForContainer(c: CommandContext, o: DebugOptions, ns: string, podName: string, container: string): Promise<StatusPod> {
  let waited = 0;
  let warned = "";
  for (;;) {
    const response = c.factory.rest().request({ method: "GET", path: `/api/v1/namespaces/${ns}/pods/${podName}` });
    if (response.status === 404) throw new Error('pods "" not found');
    const pod = check(response) as StatusPod;
    const state = statusOf(pod, container)?.state;
    if (state?.running || state?.terminated) return pod;
    const message = state?.waiting?.message ?? "";
    if (!o.quiet && message && message !== warned) {
      c.err(`Warning: container ${container}: ${message}\n`);
      warned = message;
    }
    if (c.ctx.signal.aborted) throw new Interrupted();
    if (waited >= WAIT_LIMIT_MS) throw new Error(`kubecoach: stopped waiting for container ${container} of pod ${podName} to start after 15m (kubectl would wait until Ctrl-C)`);
    await c.ctx.sleep(WAIT_STEP_MS);
    waited += WAIT_STEP_MS;
  }
}

/** Returns the exit code, or undefined once the terminal was handed to the container's shell. */
export async function attachDebugContainer(c: CommandContext, o: DebugOptions, ns: string, podName: string, container: string): Promise<number | undefined> {
  const pod = await waitForContainer(c, o, ns, podName, container);
  if (statusOf(pod, container)?.state?.terminated) {
    const log = check(c.factory.rest().request({ method: "GET", path: `/api/v1/namespaces/${ns}/pods/${podName}/log`, query: { container } }));
    if (typeof log === "string") c.out(log);
    return 0;
  }
  const spec = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].find((x) => x.name === container) as { name: string; tty?: boolean; stdin?: boolean };
  return attachTo(c, pod, spec, { stdin: o.interactive, tty: o.tty, quiet: o.quiet });
}
