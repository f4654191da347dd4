import type { ScriptRunner } from "../../engine/grading/script-runner";
import { runScript } from "../../engine/shell/script";

/**
 * The script runner scenarios use: the simulated shell's `runScript` (engine/shell), which runs a
 * script like `bash -s` on a host — setup and solutions as root, command checks, imported verify
 * scripts. Commands typed "as the learner" land in the terminal history graders read.
 */
const shellRunner: ScriptRunner = (env, script, options) =>
  runScript(env, {
    script,
    host: options.host,
    user: options.user ?? "root",
    ...(options.env ? { env: options.env } : {}),
    ...(options.asLearner ? { asLearner: true } : {}),
    // A script with standard input runs as one piece, as `bash FILE < /dev/null` (engine/shell/script.ts).
    ...(options.asFile ? { stdin: "" } : {}),
  });

export function defaultScriptRunner(): ScriptRunner {
  return shellRunner;
}
