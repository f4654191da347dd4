import { CUSTOM_CHECKS } from "../custom";
import type { GradingContext } from "../context";
import type { CheckOf } from "../schema";
import type { CheckOutcome } from "./outcome";

export function customCheck(check: CheckOf<"custom">, ctx: GradingContext): CheckOutcome | Promise<CheckOutcome> {
  const custom = CUSTOM_CHECKS.get(check.check);
  if (!custom) throw new Error(`no custom check named "${check.check}" is registered`);
  return custom.run(ctx, check.params ?? {}, check.cluster);
}
