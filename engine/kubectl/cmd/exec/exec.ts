import { registerCommand, type CommandContext } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { buildTargets } from "../../resource/builder";
import { attachablePod, defaultContainer } from "./attachable-pod";
import { interactiveSession, stdinIsScript, stdinIsTerminal } from "./interactive";
import { finish, openStream, runStream, runTypedStream } from "./remote-command";

/**
 * `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`: checks the
 * arguments as kubectl's Complete/Validate do, finds the pod and container, then runs the command
 * through pods/exec. With -it in the terminal, a shell stays open at the container's prompt until
 * `exit` (see interactive.ts); any other command with -i gets what is typed as it is typed.
 */
/** The --pod-running-timeout kubectl waits for a workload's first pod (default 1m0s). */
export function podRunningTimeout(c: CommandContext): number {
  return c.flags.isSet("pod-running-timeout") ? c.flags.duration("pod-running-timeout") : 60_000;
}

/** SetupTTY: a tty only with -i, and only when stdin is a terminal (else kubectl says so and goes on). */
export function useTty(c: CommandContext, stdin: boolean, quiet: boolean): boolean {
  if (!stdin || !c.flags.bool("tty")) return false;
  if (stdinIsTerminal(c)) return true;
  if (!quiet) c.err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
  return false;
}

registerCommand("exec", async (c) => {
  const args = c.args;
  const dash = c.argsLenAtDash;
  let command: string[] = [];
  if (dash > -1) command = args.slice(dash);
  else if (args.length > 1) throw usageError(c.commandPath, "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
  const filenames = c.flags.strings("filename");
  let target = args[0];
  let namespace: string | undefined;
  if (args.length === 0 || dash === 0) {
    if (filenames.length === 0) throw new Error("pod, type/name or --filename must be specified");
    ({ target, namespace } = podFromFiles(c, filenames));
  }
  if (command.length === 0) throw new Error("you must specify at least one command for the container");
  const quiet = c.flags.bool("quiet");
  const pod = await attachablePod(c, target, podRunningTimeout(c), namespace);
  const phase = pod.status?.phase;
  if (phase === "Succeeded" || phase === "Failed") throw new Error(`cannot exec into a container in a completed pod; current phase is ${phase}`);
  const container = c.flags.string("container") || defaultContainer(c, pod, quiet);
  const stdin = c.flags.bool("stdin");
  const tty = useTty(c, stdin, quiet);
  const session = openStream(c, {
    subresource: "exec",
    namespace: pod.metadata.namespace ?? c.factory.namespace().namespace,
    pod: pod.metadata.name!,
    container,
    command,
    stdin,
    stdout: true,
    // In raw terminal mode kubectl sends no stderr stream: the tty carries both.
    stderr: !tty,
    tty,
  });
  if ((tty || (stdin && stdinIsScript(c))) && (await interactiveSession(c, session))) return 0;
  if (stdin && c.ctx.readTerminal) {
    const ending = await runTypedStream(c, session, c.ctx.readTerminal);
    return typeof ending === "number" ? ending : finish(ending);
  }
  return finish(await runStream(c, session, stdin ? c.ctx.stdin : undefined));
});

/**
 * exec -f: the object the file describes picks the pod (a Pod itself, or a workload whose selector
 * finds one), in the file's namespace.
 */
function podFromFiles(c: CommandContext, filenames: string[]): { target: string; namespace?: string } {
  const objects = buildTargets(c.factory, { args: [], filenames, recursive: false }).filter((t) => t.kind === "object");
  if (objects.length !== 1) throw new Error("cannot exec into multiple objects at a time");
  const [t] = objects;
  const type = t.mapping.group ? `${t.mapping.resource}.${t.mapping.group}` : t.mapping.resource;
  return { target: `${type}/${t.name}`, namespace: t.namespace };
}
