/** The grader's public surface: check schema, grading, the script-runner contract and attempt markers. */
export { checkSchema, checksFileSchema, CHECK_TYPES, type CheckSpec, type CheckType, type CheckOf } from "./schema";
export { gradeChecks, summarize, type Grade, type CheckResult } from "./grader";
export type { GradingContext } from "./context";
export { shellUnavailable, type ScriptRunner, type ScriptResult, type ScriptOptions } from "./script-runner";
export { markLearnerStart, attemptMarker, learnerAudit, learnerHistory, TERMINAL_HISTORY_KEY, type AttemptMarker, type TerminalHistoryEntry } from "./attempt";
export { FeatureUnavailableError } from "./unavailable";
export { CUSTOM_CHECKS, registerCustomCheck, type CustomCheck } from "./custom";
export { assertValidPath, selectValues, JsonPathError } from "./jsonpath";
