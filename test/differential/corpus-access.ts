import type { Scenario } from "./corpus";

/** Differential corpus lines for the kubectl access verbs (kept apart so each area can grow its own). */
export const ACCESS_SCENARIOS: Scenario[] = [];
