import type { Scenario } from "./corpus";

/** Differential corpus lines for the kubectl config verbs (kept apart so each area can grow its own). */
export const CONFIG_SCENARIOS: Scenario[] = [];
