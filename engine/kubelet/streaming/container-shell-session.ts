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
}

interface SavedContainerShell {
  session: SavedLineShell;
  exit: ShellExitActions;
}

type Sink = (data: string, stream: "stdout" | "stderr") => void;

/** `after` is the live caller's own ending (kubectl's client deletes the pod); without it `exit` is acted out here. */
export function containerShellSession(shell: LineShell, exit: ShellExitActions, after?: (onOutput: Sink) => void, end?: (onOutput: Sink) => void): ForegroundSession {
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
        if (result.exitCode !== 0) onOutput(`command terminated with exit code ${result.exitCode}\n`, "stderr");
        (after ?? end)?.(onOutput);
      }
      return result;
    },
    interrupt: () => shell.interrupt(),
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
  const end = (onOutput: Sink) => {
    if (exit.deletePod) {
      const response = cluster.admin.request("DELETE", cluster.admin.path("", "pods", saved.namespace, saved.pod), { body: {} });
      if (response.status < 300) onOutput(`pod "${saved.pod}" deleted\n`, "stdout");
    }
    if (exit.reattach) onOutput(exit.reattach, "stdout");
  };
  return containerShellSession(shell, exit, undefined, end);
}

registerForegroundRestorer(CONTAINER_SHELL, restoreContainerShell);
