import type { Bash } from "just-bash";

/**
 * The part of just-bash's interpreter state the shell carries between `exec()` calls. just-bash
 * declares it (`private state` in Bash.d.ts, `InterpreterState` in interpreter/types.d.ts) but does
 * not export it; `readState` checks the shape so that an upgrade that changes it fails loudly in
 * the tests instead of silently losing a learner's aliases.
 */
export const BASH_STATE_VERSION = 1;

export interface ShellArray {
  kind: "indexed" | "associative";
  elements: Map<string, string>;
}

export interface BashState {
  env: Map<string, string>;
  cwd: string;
  previousDir: string;
  functions: Map<string, unknown>;
  arrays?: Map<string, ShellArray>;
  associativeArrays?: Set<string>;
  exportedVars?: Set<string>;
  readonlyVars?: Set<string>;
  options: Record<string, boolean>;
  shoptOptions: Record<string, boolean>;
  completionSpecs?: Map<string, unknown>;
  directoryStack?: string[];
  localScopes: unknown[];
  callDepth: number;
  sourceDepth: number;
  lastExitCode: number;
}

export function readState(bash: Bash): BashState {
  const state = (bash as unknown as { state?: BashState }).state;
  const ok =
    state &&
    state.env instanceof Map &&
    state.functions instanceof Map &&
    typeof state.cwd === "string" &&
    typeof state.options === "object" &&
    typeof state.shoptOptions === "object" &&
    Array.isArray(state.localScopes);
  if (!ok) throw new Error("just-bash's interpreter state has an unexpected shape: the shell cannot keep state between commands");
  return state;
}
