import { ApiError } from "../../api/errors";
import { describeObject, getObject, type GradingContext } from "../context";
import { evaluate, type Expectation } from "../expectation";
import { selectValues } from "../jsonpath";
import type { CheckOf } from "../schema";
import { fail, pass, type CheckOutcome } from "./outcome";

/** `exists`: the object is there (and not on its way out). */
export function existsCheck(check: CheckOf<"exists">, ctx: GradingContext): CheckOutcome {
  const { def, obj } = getObject(ctx, check.resource, check.name, check.namespace, check.cluster);
  if (!obj) return fail(`${describeObject(def, check.name, check.namespace)} was not found`);
  if (obj.metadata.deletionTimestamp) return fail(`${describeObject(def, check.name, check.namespace)} is being deleted`);
  return pass;
}

/** `absent`: the object is gone. An object still terminating counts as present. */
export function absentCheck(check: CheckOf<"absent">, ctx: GradingContext): CheckOutcome {
  const { def, obj } = getObject(ctx, check.resource, check.name, check.namespace, check.cluster);
  if (obj) return fail(`${describeObject(def, check.name, check.namespace)} still exists${obj.metadata.deletionTimestamp ? " (it is terminating)" : ""}`);
  return pass;
}

/** `field`: a JSONPath on the object satisfies an expectation (on its values, or on how many there are). */
export function fieldCheck(check: CheckOf<"field">, ctx: GradingContext): CheckOutcome {
  const { def, obj } = getObject(ctx, check.resource, check.name, check.namespace, check.cluster);
  const what = describeObject(def, check.name, check.namespace);
  if (!obj) return fail(`${what} was not found`);
  const values = selectValues(obj, check.path);
  if (check.aggregate === "count") {
    // "How many": the number of values the path selects (endpoints, containers, tolerations).
    const result = evaluate(check as Expectation, [values.length]);
    return result.passed ? pass : fail(`${check.path} of ${what} has ${values.length} value(s); expected the number ${result.wanted}`);
  }
  const result = evaluate(check as Expectation, values);
  if (result.passed) return pass;
  return fail(`${check.path} of ${what} is ${result.actual}; expected it ${result.wanted}`);
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
