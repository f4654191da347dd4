import type { RemoteCommandSession, SessionStartOptions } from "../../../kubelet/streaming/session";
import type { CommandContext } from "../../cli/command";
import { containerShellSession, type ShellEnding, type ShellExitActions } from "../../../kubelet/streaming/container-shell-session";

/**
 * `kubectl exec -it POD -- sh` (and `attach -it`, `run -it`) in the Kubecoach terminal. The real
 * kubectl puts the terminal in raw mode and sends keystrokes; the Kubecoach terminal edits lines
 * itself, so the container's shell takes over the terminal line by line instead: kubectl returns,
 * the prompt becomes the container's, and each typed line runs there until `exit`.
 */

/** Whether kubectl's stdin is the learner's terminal (not a pipe, not a script). */
export function stdinIsTerminal(c: CommandContext): boolean {
  return c.ctx.terminal.isTTY && c.ctx.stdin === "" && !!c.ctx.foreground;
}

/**
 * kubectl's stdin is a script the terminal runs line by line (`kubecoach shell < file`, a scenario
 * script): a shell started with -i (no tty there) takes the script's following lines, one by one,
 * until its `exit`; then the script goes on, as after `ssh node01`.
 */
export function stdinIsScript(c: CommandContext): boolean {
  return !c.ctx.terminal.isTTY && c.ctx.stdin === "" && !!c.ctx.foreground && !!c.ctx.readTerminal;
}

/** A sleep that lets the simulation run but ends early when the line it serves is interrupted. */
function interruptibleSleep(c: CommandContext): NonNullable<SessionStartOptions["sleep"]> {
  return (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
      void c.ctx.sleep(ms).then(resolve);
    });
}

/**
 * Hands the terminal to the session's shell (with a tty, or without one for a script's lines); false
 * when the session is not a shell reading its input (then the caller streams it as usual). `after` runs when the shell exits (run --rm deletes its pod).
 */
export async function interactiveSession(c: CommandContext, session: RemoteCommandSession, after?: ShellEnding, afterActions: ShellExitActions = {}): Promise<boolean> {
  if (!c.ctx.foreground || !session.startLines) return false;
  const shell = await session.startLines({ sleep: interruptibleSleep(c), size: { width: c.ctx.terminal.columns, height: c.ctx.terminal.rows } });
  if (!shell) return false;
  // `afterActions` says as data what `after` does, so a session restored from a snapshot ends the same way.
  c.ctx.foreground(containerShellSession(shell, afterActions, after));
  return true;
}
