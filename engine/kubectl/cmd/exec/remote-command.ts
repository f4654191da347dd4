import type { ApiResponse } from "../../../api/types";
import type { KubeStatus, RemoteCommandSession } from "../../../kubelet/streaming/session";
import type { CommandContext } from "../../cli/command";
import { ExitError } from "../../cli/errors";
import { check } from "../../client/rest";

/**
 * The client half of pods/exec and pods/attach (client-go's remotecommand executor): opens the
 * stream, sends the input, copies the container's output to kubectl's stdout and stderr, and turns
 * the final Status into what kubectl ends with.
 */
export interface StreamRequest {
  subresource: "exec" | "attach";
  namespace: string;
  pod: string;
  container: string;
  command?: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** The query kubectl's PodExecOptions/PodAttachOptions encode (`command` repeated, booleans only when true). */
function streamQuery(r: StreamRequest): Record<string, string | string[] | undefined> {
  return {
    command: r.command,
    container: r.container,
    stdin: r.stdin ? "true" : undefined,
    stdout: r.stdout ? "true" : undefined,
    stderr: r.stderr ? "true" : undefined,
    tty: r.tty ? "true" : undefined,
  };
}

/** POSTs the streaming request; the API server answers 101 with a session, or an error Status. */
export function openStream(c: CommandContext, r: StreamRequest): RemoteCommandSession {
  const response: ApiResponse = c.factory.rest().request({
    method: "POST",
    path: `/api/v1/namespaces/${r.namespace}/pods/${r.pod}/${r.subresource}`,
    query: streamQuery(r),
  });
  if (response.status !== 101) check(response);
  const upgrade = response.upgrade;
  if (!upgrade || upgrade.kind === "portforward") throw new Error(`unable to upgrade connection: ${response.status}`);
  return upgrade;
}

/** Runs the session to its end: output streams as it comes, Ctrl-C hangs up. */
export async function runStream(c: CommandContext, session: RemoteCommandSession, input?: string): Promise<KubeStatus> {
  const onAbort = () => session.cancel();
  c.ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    const done = session.start(
      (stream, data) => {
        if (stream === "stdout") c.out(data);
        else c.err(data);
      },
      {
        sleep: (ms) => c.ctx.sleep(ms),
        size: { width: c.ctx.terminal.columns, height: c.ctx.terminal.rows },
      },
    );
    if (session.streams.stdin) {
      if (input) session.writeStdin(input);
      session.closeStdin();
    }
    return await done;
  } finally {
    c.ctx.signal.removeEventListener("abort", onAbort);
  }
}

/** kubectl killed by Ctrl-C while it copied the terminal to a session without a tty: the shell sees 130, kubectl prints nothing. */
export const KILLED_BY_CTRL_C = 130;

/**
 * Runs the session while kubectl copies what is typed to it, line by line as Enter sends each one
 * (the Kubecoach terminal edits lines itself, so a line is what kubectl sends, and the tty does not
 * echo it again). Ctrl-D ends the input. Ctrl-C with a tty is the tty's ^C (the command gets SIGINT
 * and its exit status says so); without one it kills kubectl: the stream is closed, kubectl ends
 * with 130. Resolves with the final Status, or the exit code of a killed kubectl.
 */
export async function runTypedStream(c: CommandContext, session: RemoteCommandSession, read: NonNullable<CommandContext["ctx"]["readTerminal"]>): Promise<KubeStatus | number> {
  const tty = session.streams.tty;
  const over = new AbortController();
  let killed = false;
  const onAbort = () => session.cancel();
  c.ctx.signal.addEventListener("abort", onAbort, { once: true });
  const endInput = () => (tty ? session.writeStdin("\x04") : session.closeStdin());
  const copyInput = async () => {
    for (;;) {
      let text: string;
      try {
        text = await read(over.signal);
      } catch {
        if (over.signal.aborted) return;
        if (tty) session.writeStdin("\x03");
        else {
          killed = true;
          session.cancel();
        }
        return;
      }
      if (text === "") return endInput();
      session.writeStdin(text);
      // Text without a newline came with Ctrl-D: the input has ended after it.
      if (!text.endsWith("\n")) return tty ? session.writeStdin("\x04\x04") : session.closeStdin();
    }
  };
  try {
    const done = session.start(
      (stream, data) => {
        // The Kubecoach terminal ends its lines itself: the tty's CRLF is shown as a newline.
        const shown = tty ? data.replace(/\r\n/g, "\n") : data;
        if (stream === "stdout") c.out(shown);
        else c.err(shown);
      },
      {
        sleep: (ms) => c.ctx.sleep(ms),
        size: { width: c.ctx.terminal.columns, height: c.ctx.terminal.rows },
        clientEchoes: true,
      },
    );
    const input = copyInput();
    const status = await done;
    // The command is over: kubectl stops reading the terminal.
    over.abort();
    await input;
    return killed ? KILLED_BY_CTRL_C : status;
  } finally {
    c.ctx.signal.removeEventListener("abort", onAbort);
  }
}

/** What kubectl ends with for the error channel's Status (cmdutil.CheckErr on the executor's error). */
export function finish(status: KubeStatus): number {
  if (status.status === "Success") return 0;
  const cause = status.details?.causes?.find((x) => x.reason === "ExitCode");
  if (status.reason === "NonZeroExitCode" && cause?.message && /^\d+$/.test(cause.message)) {
    const code = Number(cause.message);
    throw new ExitError(`command terminated with exit code ${code}`, code);
  }
  throw new Error(status.message ?? "unknown error");
}
