import type { ShellFrame } from "../frame";

/**
 * Why execvp(3) cannot run a program, as the coreutils wrappers (timeout, nohup, env, xargs) report
 * it after their own prefix: `timeout: failed to run command ‘/etc’: Permission denied`, status 126,
 * or "No such file or directory", 127 (checked against coreutils 9.1 and findutils 4.9). Without
 * this they printed the shell's words (`bash: /etc: Permission denied`) for a program named by path.
 */
export interface ExecFailure {
  reason: "No such file or directory" | "Permission denied";
  status: 126 | 127;
}

const NOT_FOUND: ExecFailure = { reason: "No such file or directory", status: 127 };
const DENIED: ExecFailure = { reason: "Permission denied", status: 126 };

/** Before running NAME: a name without a slash is looked up on PATH (`onPath`), one with a slash is the file itself. */
export async function execFailure(frame: ShellFrame, cwd: string, name: string, onPath: (name: string) => boolean): Promise<ExecFailure | undefined> {
  if (!name.includes("/")) return onPath(name) ? undefined : NOT_FOUND;
  const path = frame.fs.resolvePath(cwd, name);
  const st = await frame.fs.stat(path).catch(() => undefined);
  if (!st) return NOT_FOUND;
  // execve(2) says EACCES for a directory, and for a file the user may not execute.
  return st.isDirectory || !(await frame.fs.allows(path, "x")) ? DENIED : undefined;
}

/**
 * After the shell ran NAME (`command NAME`): the shell's own report that it could not (all of
 * stderr, so a program that ran and failed with the same words is left alone), as the failure.
 */
export function shellExecFailure(result: { exitCode: number; stderr: string }, name: string): ExecFailure | undefined {
  if (!result.stderr.startsWith(`bash: ${name}: `) || result.stderr.indexOf("\n") !== result.stderr.length - 1) return undefined;
  const words = result.stderr.slice(`bash: ${name}: `.length, -1);
  if (result.exitCode === 127 && (words === "command not found" || words === NOT_FOUND.reason)) return NOT_FOUND;
  if (result.exitCode === 126 && (words === DENIED.reason || words === "Is a directory")) return DENIED;
  return undefined;
}
