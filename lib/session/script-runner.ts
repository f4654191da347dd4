// Scenario setup, reference solutions and command checks run in the simulated shell
// (engine/shell's runScript, `bash -s` on a host). The session layer passes this runner to
// lib/scenarios explicitly, so the app does not depend on which runner that module defaults to.
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { runScript } from "../../engine/shell";

export const shellScriptRunner: ScriptRunner = (env, script, options) =>
  runScript(env, {
    script,
    host: options.host,
    user: options.user ?? "root",
    ...(options.env ? { env: options.env } : {}),
    ...(options.asLearner ? { asLearner: true } : {}),
    // A script with standard input runs as one piece, as `bash FILE < /dev/null` (engine/shell/script.ts).
    ...(options.asFile ? { stdin: "" } : {}),
  });
