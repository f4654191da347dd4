import { listObjects, type GradingContext } from "../context";
import { evaluate, type Expectation } from "../expectation";
import { selectValues } from "../jsonpath";
import type { CheckOf } from "../schema";
import { fail, pass, type CheckOutcome } from "./outcome";

/** `count`: how many objects match a label/field selector (and an optional field condition). */
export function countCheck(check: CheckOf<"count">, ctx: GradingContext): CheckOutcome {
  const { def, items } = listObjects(ctx, check.resource, check);
  const live = items.filter((o) => !o.metadata.deletionTimestamp);
  const matching = check.where ? live.filter((o) => evaluate(check.where as Expectation, selectValues(o, check.where!.path)).passed) : live;
  const result = evaluate(check as Expectation, [matching.length]);
  if (result.passed) return pass;
  const scope = def.namespaced ? (check.namespace ? ` in namespace "${check.namespace}"` : " across all namespaces") : "";
  const filters = [check.selector && `matching ${check.selector}`, check.fieldSelector && `with ${check.fieldSelector}`, check.where && `where ${check.where.path} is as required`].filter(Boolean).join(" ");
  return fail(`found ${matching.length} ${def.resource}${filters ? " " + filters : ""}${scope}; expected the number ${result.wanted}`);
}
