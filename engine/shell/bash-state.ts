import type { Bash, Command } from "just-bash";

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

/**
 * Registers the shell's commands the way just-bash registers its bundled ones. A command given in
 * `customCommands` is an "extension": every call of it builds a restricted view of the execution
 * scope (nine bound methods, frozen) that the context membrane then copies once more — about a
 * tenth of a short pipeline's cost. The shell's commands are the trusted simulation, not guest
 * code, so they get the scope itself. just-bash keeps this registration private
 * (`registerCommandInternal(command, isExtension, trusted)`); the shape is checked so an upgrade
 * that changes it fails loudly.
 */
export function registerTrustedCommands(bash: Bash, commands: readonly Command[]): void {
  const register = (bash as unknown as { registerCommandInternal?: unknown }).registerCommandInternal;
  if (typeof register !== "function" || register.length < 2) throw new Error("just-bash's command registration has an unexpected shape: the shell cannot register its commands");
  for (const command of commands) register.call(bash, command, false, true);
}
