import type { Environment } from "../../cluster/environment";
import { containerLogPath, parseLogFile } from "../logs";
import { kubeletStates } from "../state";
import { stdinUse } from "../../shell/stdin-readers";
import type { ContainerTarget } from "./container-target";
import { ExecSession } from "./exec-session";
import { mainProcessHooks } from "./main-process";
import { successStatus, type KubeStatus, type RemoteCommandSession, type SessionStartOptions, type TerminalSize } from "./session";

/**
 * pods/attach once upgraded: the client joins the container's main process. A shell started with
 * `stdin: true` (`kubectl run -it box --image=busybox -- sh`) is that shell reading the client's
 * input (at its prompt with a tty; as a script without one), and ends when it exits;
 * any other process is joined from now on: what it writes reaches the client until it exits or
 * the client leaves (input to it is accepted and dropped, as a process that never reads stdin does).
 */
const SHELLS = new Set(["sh", "bash", "ash", "dash"]);
const basename = (p: string) => p.replace(/^.*\//, "");

export interface AttachRequest {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** Whether the container's main process is an interactive shell waiting on its terminal. */
function mainIsShell(target: ContainerTarget): string | undefined {
  const argv = target.open.container.process?.argv ?? [];
  const program = basename(argv[0] ?? "");
  return SHELLS.has(program) && !argv.includes("-c") && argv.length <= 2 ? argv[0] : undefined;
}

/** A main process that is a filter waiting on its open stdin (`cat`, `wc -l`, `grep x`): see launchProcess. */
function mainReadsStdin(target: ContainerTarget): string[] | undefined {
  const argv = target.open.container.process?.argv ?? [];
  const spec = (target.pod.spec as { containers?: { name: string; stdin?: boolean; tty?: boolean }[] }).containers?.find((c) => c.name === target.container);
  return argv.length > 0 && (spec?.stdin || spec?.tty) && !SHELLS.has(basename(argv[0])) && stdinUse(argv[0], argv.slice(1)) ? argv : undefined;
}

export function attachSession(env: Environment, target: ContainerTarget, request: AttachRequest): RemoteCommandSession {
  const shell = mainIsShell(target);
  // A shell as the main process reads what the client types or pipes (-it, or -i alone).
  if (shell && (request.tty || request.stdin)) {
    return new ExecSession(env, target, { argv: [shell], ...request }, "attach", mainProcessHooks(target));
  }
  // So does a filter: the client's input is its stdin, its output the container's (and the client's).
  const filter = mainReadsStdin(target);
  if (filter && request.stdin) return new ExecSession(env, target, { argv: filter, ...request }, "attach", mainProcessHooks(target));
  return new OutputAttachSession(target, request);
}

class OutputAttachSession implements RemoteCommandSession {
  readonly kind = "attach" as const;
  readonly binary = false;
  readonly readsInput = false;
  readonly streams: AttachRequest;
  private stop?: () => void;

  constructor(
    private readonly target: ContainerTarget,
    request: AttachRequest,
  ) {
    this.streams = request;
  }

  writeStdin(): void {}
  closeStdin(): void {}
  resize(_size: TerminalSize): void {}

  cancel(): void {
    this.stop?.();
  }

  start(output: (stream: "stdout" | "stderr", data: string) => void, _options?: SessionStartOptions): Promise<KubeStatus> {
    const { cluster, open } = this.target;
    const record = open.record;
    const node = cluster.hosts.get(open.nodeName)!;
    const restart = open.container.restartCount;
    const path = containerLogPath(record.namespace, record.name, record.uid, this.target.container, restart);
    let seen = parseLogFile(node.fs.readFileSync(path)).length;
    const running = () => {
      const c = kubeletStates(cluster)[open.nodeName]?.pods[record.uid]?.containers[this.target.container];
      return c?.state === "running" && c.restartCount === restart;
    };
    return new Promise((resolve) => {
      const unsubscribe = node.fs.onChange((changed) => {
        if (changed === path) {
          const entries = parseLogFile(node.fs.readFileSync(path));
          for (const entry of entries.slice(seen)) {
            const stream = this.streams.tty ? "stdout" : entry.stream;
            if (stream === "stdout" ? this.streams.stdout : this.streams.stderr) output(stream, this.streams.tty ? `${entry.text}\r\n` : `${entry.text}\n`);
          }
          seen = entries.length;
        }
        if (!running()) this.stop?.();
      });
      this.stop = () => {
        unsubscribe();
        this.stop = undefined;
        resolve(successStatus());
      };
      if (!running()) this.stop();
    });
  }
}
