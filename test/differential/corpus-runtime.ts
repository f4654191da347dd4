import type { Scenario } from "./corpus";

/** Differential corpus lines for the kubectl runtime verbs (kept apart so each area can grow its own). */
export const RUNTIME_SCENARIOS: Scenario[] = [];
