import type { ProgramContext } from "../../process/types";
import { STACK_HINT } from "./context";

/**
 * What kubeadm's phases share when they fail: the root check every phase starts with, the
 * "Some fatal errors occurred" block and the "error execution phase" line cobra prints.
 */
export const PREFLIGHT_HINT = "[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\n";

/** Whether --ignore-preflight-errors names the check (or all). */
export function ignored(args: string[], check: string): boolean {
  const list = args.flatMap((a, i) => (a.startsWith("--ignore-preflight-errors=") ? [a.slice(26)] : args[i - 1] === "--ignore-preflight-errors" ? [a] : [])).join(",").toLowerCase().split(",");
  return list.includes("all") || list.includes(check.toLowerCase());
}

export function rootCheck(ctx: ProgramContext): string | undefined {
  if (ctx.user === "root") return undefined;
  const line = "[IsPrivilegedUser]: user is not running as root\n";
  if (ignored(ctx.args, "IsPrivilegedUser")) {
    ctx.stderr(`\t[WARNING ${line}`);
    return undefined;
  }
  return `[preflight] Some fatal errors occurred:\n\t[ERROR ${line}${PREFLIGHT_HINT}`;
}

export function phaseError(ctx: ProgramContext, phase: string, message: string): number {
  ctx.stderr(`error execution phase ${phase}: ${message}${message.endsWith("\n") ? "" : "\n"}${STACK_HINT}`);
  return 1;
}

