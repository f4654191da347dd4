import type { ScriptOptions, ScriptRunner } from "../../engine/grading/script-runner";
import type { Environment } from "../../engine/cluster/environment";
import { runScript, ScriptShells, type RunScriptOptions } from "../../engine/shell/script";

/**
 * A script runner over the simulated shell's `runScript` (engine/shell), which runs a script like
 * `bash -s` on a host — setup and solutions as root, command checks, imported verify scripts.
 * Commands typed "as the learner" land in the terminal history graders read. Its sessions (one
 * grading's checks) keep shells and run each check's script as a subshell of one (ScriptShells).
 * Each call makes a runner of its own identity (setup templates are keyed by runner).
 */
export function makeShellScriptRunner(): ScriptRunner {
  const runner: ScriptRunner = (env, script, options) => runScript(env, shellOptions(script, options));
  runner.session = (env: Environment) => {
    const shells = new ScriptShells(env);
    return {
      run: (on, script, options) => (on === env ? shells.run(shellOptions(script, options)) : runner(on, script, options)),
      close: () => shells.close(),
    };
  };
  return runner;
}

function shellOptions(script: string, options: ScriptOptions): RunScriptOptions {
  return {
    script,
    host: options.host,
    user: options.user ?? "root",
    ...(options.env ? { env: options.env } : {}),
    ...(options.asLearner ? { asLearner: true } : {}),
    // A script with standard input runs as one piece, as `bash FILE < /dev/null` (engine/shell/script.ts).
    ...(options.asFile ? { stdin: "" } : {}),
  };
}

const shellRunner = makeShellScriptRunner();

export function defaultScriptRunner(): ScriptRunner {
  return shellRunner;
}
