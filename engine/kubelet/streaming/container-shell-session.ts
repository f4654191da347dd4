import type { ForegroundSession } from "../../process/types";
import { registerForegroundRestorer, type ForegroundRestoreContext } from "../../shell/foreground";
import { containerTarget } from "./container-target";
import { ExecSession } from "./exec-session";
import { mainProcessHooks } from "./main-process";
import type { LineShell, SavedLineShell } from "./session";

/**
 * A container's shell holding the Kubecoach terminal (`kubectl exec -it POD -- sh`, `run -it`,
 * `attach -it`), as a foreground session that survives a snapshot: it saves the shell's state and
 * what kubectl does when the shell ends, and reopens the same container's shell on restore.
 */
export const CONTAINER_SHELL = "container-shell";

/** What kubectl does once the shell ends; data, so a restored session does the same. */
export interface ShellExitActions {
  /** `kubectl run --rm`: the pod is deleted (and kubectl says so). */
  deletePod?: boolean;
  /** The reattach hint kubectl prints for a restarting container. */
  reattach?: string;
  /**
   * `kubectl attach -it` / `run -it`: the attach stream carries no exit code (the kubelet reports
   * success when the process ends), so kubectl prints no "command terminated with exit code N".
   */
  attach?: boolean;
  /** `run -it --restart=Never`: kubectl then ends with the pod's result (its exit code, "pod NS/NAME terminated (Error)"). */
  podResult?: boolean;
}

interface SavedContainerShell {
  session: SavedLineShell;
  exit: ShellExitActions;
}

type Sink = (data: string, stream: "stdout" | "stderr") => void;

/**
 * How kubectl ends once the shell exits; an exit code it returns replaces the shell's (attach and
 * run decide their own). It may wait (run --restart=OnFailure waits for the pod to succeed);
 * `signal` aborts on Ctrl-C meanwhile.
 */
export type ShellEnding = (onOutput: Sink, shellExitCode: number, signal: AbortSignal) => number | void | Promise<number | void>;

/** `after` is the live caller's own ending (kubectl's client deletes the pod); without it `exit` is acted out here. */
export function containerShellSession(shell: LineShell, exit: ShellExitActions, after?: ShellEnding, end?: ShellEnding): ForegroundSession {
  /** Aborted by Ctrl-C while kubectl's ending waits. */
  let ending: AbortController | undefined;
  const session: ForegroundSession = {
    get prompt() {
      return shell.prompt;
    },
    get reading() {
      return shell.reading;
    },
    input: (data) => shell.input(data),
    exec: async (line, onOutput) => {
      const result = await shell.exec(line, onOutput);
      if (result.closed) {
        if (result.exitCode !== 0 && !exit.attach) onOutput(`command terminated with exit code ${result.exitCode}\n`, "stderr");
        ending = new AbortController();
        try {
          const code = await (after ?? end)?.(onOutput, result.exitCode, ending.signal);
          if (typeof code === "number") return { ...result, exitCode: code };
        } finally {
          ending = undefined;
        }
      }
      return result;
    },
    interrupt: () => {
      if (ending) ending.abort();
      else shell.interrupt();
    },
    complete: (line, cursor) => shell.complete(line, cursor),
    ...(shell.snapshot ? { snapshot: async () => ({ kind: CONTAINER_SHELL, state: { session: await shell.snapshot!(), exit } satisfies SavedContainerShell }) } : {}),
  };
  shell.onRead = () => (session.onRead ? session.onRead() : shell.input(""));
  return session;
}

async function restoreContainerShell(state: unknown, context: ForegroundRestoreContext): Promise<ForegroundSession | { gone: string }> {
  const { session: saved, exit } = state as SavedContainerShell;
  const cluster = context.environment.clusters.get(saved.cluster);
  const pod = cluster?.store.get("/pods", saved.namespace, saved.pod);
  const where = `pod ${saved.namespace}/${saved.pod}`;
  if (!cluster || !pod) return { gone: `${where} no longer exists` };
  const target = containerTarget(cluster, pod, saved.container);
  if (!target || target.open.container.id !== saved.containerId) return { gone: `container ${saved.container} of ${where} is not the one that was running` };
  const request = { argv: saved.argv, stdin: true, stdout: true, stderr: false, tty: true };
  const session = new ExecSession(context.environment, target, request, saved.kind, saved.kind === "attach" ? mainProcessHooks(target) : undefined);
  const shell = await session.startLines({ sleep: context.sleep, size: { width: context.columns, height: context.rows } }, saved.terminal as Parameters<ExecSession["startLines"]>[1]);
  if (!shell) return { gone: `the shell of ${where} cannot be started again` };
  // In kubectl's order: attach's reattach hint, then run's result read, then the --rm deletion, then the result.
  const end: ShellEnding = (onOutput, shellExitCode) => {
    if (exit.reattach) onOutput(exit.reattach, "stdout");
    const result = exit.podResult ? podResult(cluster.store.get("/pods", saved.namespace, saved.pod) as RunPod | undefined, saved.namespace, saved.pod) : undefined;
    if (exit.deletePod) {
      const response = cluster.admin.request("DELETE", cluster.admin.path("", "pods", saved.namespace, saved.pod), { body: {} });
      if (response.status < 300) onOutput(`pod "${saved.pod}" deleted\n`, "stdout");
    }
    if (result?.text) onOutput(result.text, "stderr");
    return result ? result.code : exit.attach ? 0 : shellExitCode;
  };
  return containerShellSession(shell, exit, undefined, end);
}

registerForegroundRestorer(CONTAINER_SHELL, restoreContainerShell);

type RunPod = { status?: { phase?: string; containerStatuses?: { state?: { terminated?: { exitCode?: number; reason?: string; message?: string } } }[] } };

/** kubectl run's ending for a pod that does not restart (RunOptions.Run after waitForPod), from the pod as it is now. */
export function podResult(pod: RunPod | undefined, namespace: string, name: string): { text: string; code: number } {
  if (!pod) return { text: `Error from server (NotFound): pods "${name}" not found\n`, code: 1 };
  const phase = pod.status?.phase;
  if (phase === "Succeeded") return { text: "", code: 0 };
  if (phase !== "Failed") return { text: `error: pod ${namespace}/${name} left in phase ${phase ?? ""}\n`, code: 1 };
  const terminated = pod.status?.containerStatuses?.[0]?.state?.terminated;
  if (!terminated || !terminated.exitCode) return { text: `error: pod ${namespace}/${name} failed with unknown exit code\n`, code: 1 };
  const text = `pod ${namespace}/${name} terminated (${terminated.reason ?? ""})\n${terminated.message ?? ""}`;
  return { text: text.endsWith("\n") ? text : `${text}\n`, code: terminated.exitCode };
}
