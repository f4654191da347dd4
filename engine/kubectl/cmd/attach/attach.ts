import { registerCommand, type CommandContext } from "../../cli/command";
import { WAIT_STEP_MS } from "../../client/wait-loop";
import { attachablePod, defaultContainer, type PodLike } from "../exec/attachable-pod";
import { podRunningTimeout } from "../exec/exec";
import { interactiveSession, stdinIsScript, stdinIsTerminal } from "../exec/interactive";
import { finish, openStream, runTypedStream } from "../exec/remote-command";
import type { KubeStatus, RemoteCommandSession } from "../../../kubelet/streaming/session";
import type { ShellEnding } from "../../../kubelet/streaming/container-shell-session";

/**
 * `kubectl attach (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t]`: joins a container's main process
 * through pods/attach. Its output streams until the process ends or Ctrl-C; a shell started with
 * `-it` (`kubectl run -it … -- sh`) takes the terminal until `exit`.
 */
type AttachContainer = { name: string; tty?: boolean; stdin?: boolean };

function containerOf(pod: PodLike, name: string): AttachContainer | undefined {
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])] as AttachContainer[];
  return all.find((x) => x.name === name);
}

/**
 * Waits for the session while letting the simulation run (a process's output only appears as time
 * passes). A clock that does not move (a paused simulation) can bring nothing more: the wait ends.
 */
export async function followSession(c: CommandContext, session: RemoteCommandSession, done: Promise<KubeStatus>): Promise<KubeStatus> {
  let finished: KubeStatus | undefined;
  void done.then((s) => (finished = s));
  const clock = c.ctx.environment.clock;
  while (!finished) {
    if (c.ctx.signal.aborted) {
      session.cancel();
      break;
    }
    const before = clock.now();
    await c.ctx.sleep(WAIT_STEP_MS);
    if (!finished && clock.now() === before && !c.ctx.signal.aborted) {
      session.cancel();
      break;
    }
  }
  return finished ?? (await done);
}

/** The attach proper, shared with `kubectl run -i`: returns the exit code, or undefined once the terminal was handed to the shell. */
/** What `kubectl run` does once an attached shell has ended (--rm, the pod's result), with the exit code it ends with. */
export interface RunEnding {
  end: (onOutput: (data: string, stream: "stdout" | "stderr") => void, signal: AbortSignal) => number | Promise<number>;
  deletePod: boolean;
  podResult: boolean;
}

export async function attachTo(c: CommandContext, pod: PodLike, container: AttachContainer, options: { stdin: boolean; tty: boolean; quiet: boolean; run?: RunEnding }): Promise<number | undefined> {
  let tty = options.tty;
  if (tty && !container.tty) {
    tty = false;
    if (!options.quiet) c.err(`error: Unable to use a TTY - container ${container.name} did not allocate one\n`);
  } else if (!tty && container.tty) {
    tty = true;
  }
  // SetupTTY: a tty needs -i and a terminal on stdin.
  if (!options.stdin) tty = false;
  else if (tty && !stdinIsTerminal(c)) {
    tty = false;
    if (!options.quiet) c.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
  }
  if (!options.quiet) c.err("If you don't see a command prompt, try pressing enter.\n");
  const session = openStream(c, {
    subresource: "attach",
    namespace: pod.metadata.namespace ?? c.factory.namespace().namespace,
    pod: pod.metadata.name!,
    container: container.name,
    stdin: options.stdin,
    stdout: true,
    stderr: !tty,
    tty,
  });
  // reattachMessage: a raw session to a container that restarts can be joined again.
  const policy = (pod.spec as { restartPolicy?: string }).restartPolicy ?? "Always";
  const ephemeral = (pod.spec.ephemeralContainers ?? []).some((x) => x.name === container.name);
  const hint = ephemeral
    ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${pod.metadata.name} -c ${container.name} -i -t' if it is still running\n`
    : `Session ended, resume using 'kubectl attach ${pod.metadata.name} -c ${container.name} -i -t' command when the pod is running\n`;
  const reattach = !options.quiet && options.stdin && tty && policy === "Always" ? hint : "";
  // attach's Run prints the hint before returning to run, which then reads the pod's result and
  // deletes it (--rm) on the way out. The attach stream reports success whatever the shell's exit
  // code, so `kubectl attach -it` ends with 0.
  const after: ShellEnding = (onOutput, _code, signal) => {
    if (reattach) onOutput(reattach, "stdout");
    return options.run ? options.run.end(onOutput, signal) : 0;
  };
  const actions = { attach: true, deletePod: !!options.run?.deletePod, podResult: !!options.run?.podResult, ...(reattach ? { reattach } : {}) };
  if (options.stdin && (tty || stdinIsScript(c)) && (await interactiveSession(c, session, after, actions))) return undefined;
  if (options.stdin && c.ctx.readTerminal && session.readsInput !== false) {
    // A main process reading its stdin (`run -i … -- cat`) gets each typed line as it is typed.
    const ending = await runTypedStream(c, session, c.ctx.readTerminal);
    if (typeof ending === "number") return ending;
    const code = finish(ending);
    if (reattach) c.out(reattach);
    return code;
  }
  const done = session.start((stream, data) => (stream === "stdout" ? c.out(data) : c.err(data)), {
    sleep: (ms) => c.ctx.sleep(ms),
    size: { width: c.ctx.terminal.columns, height: c.ctx.terminal.rows },
  });
  if (session.streams.stdin) {
    if (c.ctx.stdin) session.writeStdin(c.ctx.stdin);
    session.closeStdin();
  }
  const code = finish(await followSession(c, session, done));
  if (reattach) c.out(reattach);
  return code;
}

registerCommand("attach", async (c) => {
  if (c.args.length === 0) throw new Error("at least 1 argument is required for attach");
  if (c.args.length > 2) throw new Error(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${c.args.length}: [${c.args.join(" ")}]`);
  const target = c.args.length === 2 ? `${c.args[0]}/${c.args[1]}` : c.args[0];
  const quiet = c.flags.bool("quiet");
  const pod = await attachablePod(c, target, podRunningTimeout(c));
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") throw new Error(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const name = c.flags.string("container");
  let container: AttachContainer | undefined;
  if (name) {
    container = containerOf(pod, name);
    if (!container) throw new Error(`cannot attach to the container: container ${name} not found in pod ${pod.metadata.name}`);
  } else container = containerOf(pod, defaultContainer(c, pod, quiet))!;
  const stdin = c.flags.bool("stdin");
  const code = await attachTo(c, pod, container, { stdin, tty: c.flags.bool("tty"), quiet });
  return code ?? 0;
});
