import type { IFileSystem } from "just-bash";
import type { Environment } from "../cluster/environment";
import type { NetworkOrigin } from "../network/types";
import { isComplete } from "./input";
import { createTerminal, type Terminal } from "./terminal";

/**
 * Runs a script like `bash -s` on a host (scenario setup, solutions, checks, `kubecoach shell <
 * file`), or like `sh -c` inside a container (the kubelet's container commands and `kubectl exec`).
 *
 * The script is read command by command, as bash reads stdin: a command that opens a shell (`ssh
 * node01`, `sudo -i`) makes the following commands run in that shell until its `exit`, exactly as
 * when they are typed.
 */
export interface RunScriptOptions {
  script: string;
  /** Host to run on (default: the environment's home host). For a container: its node. */
  host?: string;
  /** Unix user (default root). */
  user?: string;
  /** Exported variables added to the shell's environment. */
  env?: Record<string, string>;
  /** Standard input of the commands (container commands, `kubectl exec -i`). */
  stdin?: string;
  /** Working directory (default: the user's home). */
  cwd?: string;
  /** Record the commands in the terminal history graders read (reference solutions). */
  asLearner?: boolean;
  /** A container's filesystem instead of the host's. */
  fs?: IFileSystem;
  /** Only these commands exist (what the container image ships). */
  commands?: ReadonlySet<string>;
  /** Network origin of programs (the pod); default: the host. */
  origin?: NetworkOrigin;
  /** How sleeps pass (default: the virtual clock jumps). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
}

export interface ScriptResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export async function runScript(env: Environment, options: RunScriptOptions): Promise<ScriptResult> {
  const terminal = createTerminal(env, {
    ...(options.host ? { host: options.host } : {}),
    user: options.user ?? "root",
    interactive: false,
    recordHistory: options.asLearner ?? false,
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.fs ? { fs: options.fs } : {}),
    ...(options.commands ? { commands: options.commands } : {}),
    ...(options.origin ? { origin: options.origin } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  let stdout = "";
  let stderr = "";
  const sink = (data: string, stream: "stdout" | "stderr") => {
    if (stream === "stdout") stdout += data;
    else stderr += data;
  };
  const onAbort = () => terminal.interrupt();
  options.signal?.addEventListener("abort", onAbort);
  let exitCode = 0;
  try {
    await terminal.ready;
    if (options.stdin !== undefined) {
      // Input belongs to the commands, so the script runs as one piece (`sh -c SCRIPT < input`).
      const r = await terminal.execWithStdin(options.script, options.stdin, sink);
      return { stdout, stderr, exitCode: (await terminal.endOfInput(sink)) ?? r.exitCode };
    }
    for (const command of splitCommands(options.script)) {
      if (options.signal?.aborted) return { stdout, stderr, exitCode: 130 };
      const r = await terminal.exec(command, sink);
      exitCode = r.exitCode;
      if (r.closed) break;
    }
    exitCode = (await terminal.endOfInput(sink)) ?? exitCode;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    // bash leaves a script's background jobs running after it exits; here nothing would be left to
    // see them (setup, grading and `bash -s` are done with the environment) and a job that kept
    // changing the cluster would make grading depend on timing: they end with the script.
    await terminal.stopJobs();
  }
  return { stdout, stderr, exitCode };
}

/**
 * Shells kept for a run of scripts against one environment (the command checks of one grading):
 * each script that runs as a file (with standard input) runs as a subshell of a shell kept per
 * host, user and settings, so it finds the shell as a fresh `bash FILE` would and leaves nothing
 * for the next (see Terminal.execIsolated), without the cost of building a shell each time.
 * Other scripts run as runScript runs them. `close()` ends the shells.
 */
export class ScriptShells {
  private readonly terminals = new Map<string, Terminal>();

  constructor(private readonly env: Environment) {}

  async run(options: RunScriptOptions): Promise<ScriptResult> {
    const key = this.keyOf(options);
    if (key === undefined) return runScript(this.env, options);
    let terminal = this.terminals.get(key);
    if (!terminal) {
      terminal = createTerminal(this.env, {
        ...(options.host ? { host: options.host } : {}),
        user: options.user ?? "root",
        interactive: false,
        recordHistory: false,
        ...(options.env ? { env: options.env } : {}),
        ...(options.cwd ? { cwd: options.cwd } : {}),
      });
      this.terminals.set(key, terminal);
    }
    let stdout = "";
    let stderr = "";
    const onAbort = () => terminal.interrupt();
    options.signal?.addEventListener("abort", onAbort);
    try {
      const { exitCode } = await terminal.execIsolated(options.script, options.stdin!, (data, stream) => {
        if (stream === "stdout") stdout += data;
        else stderr += data;
      });
      return { stdout, stderr, exitCode };
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
    }
  }

  /** Which kept shell runs the script; undefined for a script that needs a shell of its own. */
  private keyOf(options: RunScriptOptions): string | undefined {
    // Read command by command (a line may open a shell for the next), typed as the learner, or in
    // a container: as runScript runs it.
    if (options.stdin === undefined || options.asLearner || options.fs || options.commands || options.origin || options.sleep) return undefined;
    return JSON.stringify([options.host ?? "", options.user ?? "root", options.cwd ?? "", options.env ?? {}]);
  }

  async close(): Promise<void> {
    const terminals = [...this.terminals.values()];
    this.terminals.clear();
    for (const terminal of terminals) await terminal.stopJobs();
  }
}

/** Splits a script into complete commands (multi-line `if`, here-documents, quotes kept together). */
export function splitCommands(script: string): string[] {
  const commands: string[] = [];
  let pending: string[] = [];
  const lines = script.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) {
    pending.push(line);
    const text = pending.join("\n");
    if (isComplete(text)) {
      commands.push(text);
      pending = [];
    }
  }
  if (pending.length > 0) commands.push(pending.join("\n"));
  return commands;
}
