import type { CheckOf, CheckType } from "../schema";
import type { GradingContext } from "../context";

/** A check's verdict and, when it failed, the reason in words a learner can act on. */
export interface CheckOutcome {
  passed: boolean;
  reason?: string;
}

export type CheckEvaluator<T extends CheckType> = (check: CheckOf<T>, ctx: GradingContext) => CheckOutcome | Promise<CheckOutcome>;

export const pass: CheckOutcome = { passed: true };
export const fail = (reason: string): CheckOutcome => ({ passed: false, reason });
