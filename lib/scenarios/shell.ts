import { shellUnavailable, type ScriptRunner } from "../../engine/grading/script-runner";

/**
 * The script runner scenarios use: the simulated shell's `runScript` (engine/shell). Until the
 * shell exposes it, every script reports plainly that it cannot run yet, and scenario self-tests
 * list that gap in scenarios/KNOWN-GAPS.md.
 */
export function defaultScriptRunner(): ScriptRunner {
  return shellUnavailable;
}
