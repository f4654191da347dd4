import type { Environment } from "../cluster/environment";
import { FeatureUnavailableError } from "./unavailable";

/** What a script run through the simulated shell produced. */
export interface ScriptResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ScriptOptions {
  /** The host the script runs on (a node name or the workstation). */
  host: string;
  /** Unix user; root unless said otherwise. */
  user?: string;
  /** Extra environment variables (KUBECONFIG for setup on a control-plane node, …). */
  env?: Record<string, string>;
  /**
   * True when the script stands in for the learner (a reference solution, `kubecoach grade
   * --script`): its command lines belong in the terminal history that "how was it done" checks read.
   */
  asLearner?: boolean;
  /**
   * Run it as `bash FILE` runs a script file (a Killercoda verify script, a check's command): read
   * whole and run as one program, its commands' standard input empty. Without it the script is
   * read command by command as typed lines are (`bash -s`), so that a line opening a shell (`ssh
   * node01`, `sudo -i`) makes the following lines run in that shell — which a script of checks never
   * needs, and which costs a parse and a shell round per line.
   */
  asFile?: boolean;
}

/**
 * Runs a bash script in the environment's simulated shell, like `bash -s` (DESIGN.md §4): scenario
 * setup, reference solutions, command checks and imported verify scripts all go through this.
 * Injected so that the grader does not depend on how the shell is built.
 *
 * `session` (optional) opens a run of scripts against one environment — one grading's checks —
 * that may share shells: each script still starts from a fresh shell's state and leaves nothing
 * behind for the next. `close()` when the run is over.
 */
export type ScriptRunner = RunScript & { session?: (env: Environment) => ScriptSession };

type RunScript = (env: Environment, script: string, options: ScriptOptions) => Promise<ScriptResult>;

export interface ScriptSession {
  run: RunScript;
  close(): Promise<void>;
}

/** The runner used until the shell's `runScript` is available: every script reports the gap. */
export const shellUnavailable: ScriptRunner = async () => {
  throw new FeatureUnavailableError("the shell (running scripts on a host)");
};
