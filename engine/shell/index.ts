/** The shell's public surface (README.md): terminals, scripts, completion hooks. */
export { createTerminal, Terminal, DEFAULT_LIMITS, TERMINAL_HISTORY_KEY } from "./terminal";
export type { EditHandler, EditRequest, ExecResult, TerminalLimits, TerminalOptions, TerminalSnapshot, TerminalHistoryEntry } from "./terminal";
export { runScript, ScriptShells, splitCommands } from "./script";
export type { RunScriptOptions, ScriptResult } from "./script";
export { registerCompleter } from "./completion";
export { isComplete } from "./input";
export type { Completer, CompletionRequest, CompletionResult } from "./completion";
export { registerForegroundRestorer } from "./foreground";
export type { ForegroundRestorer, ForegroundRestoreContext, SavedForeground } from "./foreground";
