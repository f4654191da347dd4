// Scenario setup, reference solutions and command checks run in the simulated shell
// (engine/shell's runScript, `bash -s` on a host). The session layer passes this runner to
// lib/scenarios explicitly, so the app does not depend on which runner that module defaults to.
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { makeShellScriptRunner } from "../scenarios/shell";

export const shellScriptRunner: ScriptRunner = makeShellScriptRunner();
