import type { KubeObject } from "../../../api/types";
import type { CommandContext } from "../../cli/command";
import { ExitError } from "../../cli/errors";
import { check } from "../../client/rest";
import { Interrupted, WaitTimeout, WAIT_STEP_MS } from "../../client/wait-loop";
import { attachTo } from "../attach/attach";
import type { PodLike } from "../exec/attachable-pod";
import { podResult } from "../../../kubelet/streaming/container-shell-session";
import { podRunningTimeout } from "../exec/exec";

/**
 * `kubectl run -i/-it/--attach [--rm]` after the pod is created (RunOptions.Run's attach branch):
 * wait for it to run, attach (or print its logs when it already finished), wait for its exit code
 * when it does not restart, and delete it with --rm. In the terminal, `-it … -- sh` hands the
 * terminal to the shell; --rm then deletes the pod when the shell exits.
 */
type RunPod = PodLike & {
  spec: PodLike["spec"] & { restartPolicy?: string; containers: { name: string; tty?: boolean; stdin?: boolean }[] };
  status?: PodLike["status"] & { containerStatuses?: { state?: { terminated?: { exitCode?: number; reason?: string; message?: string } } }[] };
};

const done = (p: RunPod) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
const ready = (p: RunPod) => p.status?.phase === "Running" && !!p.status.conditions?.some((x) => x.type === "Ready" && x.status === "True");

function podPath(ns: string, name: string): string {
  return `/api/v1/namespaces/${ns}/pods/${name}`;
}

async function waitForPod(c: CommandContext, ns: string, name: string, timeoutMs: number, until: (p: RunPod) => boolean): Promise<RunPod> {
  let waited = 0;
  for (;;) {
    const pod = check(c.factory.rest().request({ method: "GET", path: podPath(ns, name) })) as RunPod;
    if (until(pod)) return pod;
    if (c.ctx.signal.aborted) throw new Interrupted();
    if (waited >= timeoutMs) throw new WaitTimeout();
    await c.ctx.sleep(WAIT_STEP_MS);
    waited += WAIT_STEP_MS;
  }
}

/**
 * waitForPod(podSucceeded) once the terminal was handed back: polls up to the timeout, Ctrl-C
 * (`signal`) ends it as it ends kubectl. Undefined once the pod succeeded, else what kubectl ends
 * with. (Known limit: kubectl's own sleep no longer moves a virtual clock once its line is over, so
 * in tests and scripts the minute passes without simulated time passing; the outcome is the same,
 * as the restarted shell waits on its stdin and never succeeds.)
 */
async function waitForSuccess(c: CommandContext, ns: string, name: string, timeoutMs: number, signal: AbortSignal): Promise<{ text: string; code: number } | undefined> {
  let waited = 0;
  for (;;) {
    const response = c.factory.rest().request({ method: "GET", path: podPath(ns, name) });
    if (response.status === 404) return { text: `Error from server (NotFound): pods "${name}" not found\n`, code: 1 };
    if ((response.body as RunPod).status?.phase === "Succeeded") return undefined;
    if (signal.aborted) return { text: "", code: 130 };
    if (waited >= timeoutMs) return { text: "error: timed out waiting for the condition\n", code: 1 };
    await c.ctx.sleep(WAIT_STEP_MS);
    waited += WAIT_STEP_MS;
  }
}

function remove(c: CommandContext, ns: string, name: string): string {
  const response = c.factory.rest().request({ method: "DELETE", path: podPath(ns, name), body: {}, headers: { "content-type": "application/json" } });
  check(response);
  return `pod "${name}" deleted\n`;
}

/** The pod's logs, for a pod that finished before kubectl could attach (logOpts). */
function printLogs(c: CommandContext, pod: RunPod): void {
  const response = c.factory.rest().request({ method: "GET", path: `${podPath(pod.metadata.namespace!, pod.metadata.name!)}/log`, query: { container: pod.spec.containers[0].name } });
  const body = check(response);
  if (typeof body === "string") c.out(body);
}

/** What `kubectl run` ends with once a non-restarting pod has finished. */
function exitOf(pod: RunPod): number {
  if (pod.status?.phase === "Succeeded") return 0;
  if (pod.status?.phase !== "Failed") throw new Error(`pod ${pod.metadata.namespace}/${pod.metadata.name} left in phase ${pod.status?.phase}`);
  const terminated = pod.status.containerStatuses?.[0]?.state?.terminated;
  if (!terminated || !terminated.exitCode) throw new Error(`pod ${pod.metadata.namespace}/${pod.metadata.name} failed with unknown exit code`);
  throw new ExitError(`pod ${pod.metadata.namespace}/${pod.metadata.name} terminated (${terminated.reason ?? ""})\n${terminated.message ?? ""}`, terminated.exitCode);
}

export async function attachToRun(c: CommandContext, created: KubeObject): Promise<number> {
  const ns = created.metadata.namespace ?? c.factory.namespace().namespace;
  const name = created.metadata.name!;
  const rm = c.flags.bool("rm");
  const quiet = c.flags.bool("quiet");
  const stdin = c.flags.bool("stdin");
  const timeout = podRunningTimeout(c);
  let handedOver = false;
  try {
    let pod = await waitForPod(c, ns, name, timeout, (p) => ready(p) || done(p));
    if (done(pod)) printLogs(c, pod);
    else {
      const container = pod.spec.containers[0];
      const policy = pod.spec.restartPolicy ?? "Always";
      // waitForExitCode: Never reads the pod's result; OnFailure waits for the pod to succeed (a
      // shell that exited non-zero is restarted, waits on its new stdin, and kubectl times out).
      const podResultWanted = !c.flags.bool("leave-stdin-open") && policy === "Never";
      const successWanted = !c.flags.bool("leave-stdin-open") && policy === "OnFailure";
      const end = async (onOutput: (data: string, stream: "stdout" | "stderr") => void, signal: AbortSignal): Promise<number> => {
        const failure = successWanted ? await waitForSuccess(c, ns, name, timeout, signal) : undefined;
        const response = podResultWanted ? c.factory.rest().request({ method: "GET", path: podPath(ns, name) }) : undefined;
        const result = response ? podResult(response.status === 200 ? (response.body as RunPod) : undefined, ns, name) : undefined;
        // kubectl deletes the pod on the way out, before the error it ends with is printed.
        if (rm) onOutput(remove(c, ns, name), "stdout");
        if (failure) {
          onOutput(failure.text, "stderr");
          return failure.code;
        }
        if (result?.text) onOutput(result.text, "stderr");
        return result?.code ?? 0;
      };
      const code = await attachTo(c, pod, container, { stdin, tty: c.flags.bool("tty"), quiet, run: { end, deletePod: rm, podResult: podResultWanted } });
      if (code === undefined) {
        handedOver = true;
        return 0;
      }
    }
    const policy = pod.spec.restartPolicy ?? "Always";
    if (c.flags.bool("leave-stdin-open") || (policy !== "Never" && policy !== "OnFailure")) return 0;
    pod = await waitForPod(c, ns, name, timeout, policy === "OnFailure" ? (p) => p.status?.phase === "Succeeded" : done);
    return exitOf(pod);
  } finally {
    // kubectl deletes the pod on the way out, before the error it ends with is printed.
    if (rm && !handedOver) c.out(remove(c, ns, name));
  }
}
