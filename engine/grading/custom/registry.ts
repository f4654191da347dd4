import type { CheckOutcome } from "../checks/outcome";
import type { GradingContext } from "../context";

/**
 * Checks that declarative ones cannot express, written in TypeScript and referred to by name from
 * checks.yaml (`type: custom, check: <name>, params: {…}`). Keeping them in a registry (rather than
 * code inside scenario folders) means scenario packs stay data and the app never loads code from them.
 */
export interface CustomCheck {
  /** One line for authors: what it asserts and which params it takes. */
  summary: string;
  run(ctx: GradingContext, params: Record<string, unknown>, cluster?: string): CheckOutcome | Promise<CheckOutcome>;
}

export const CUSTOM_CHECKS = new Map<string, CustomCheck>();

export function registerCustomCheck(name: string, check: CustomCheck): void {
  CUSTOM_CHECKS.set(name, check);
}

export function stringParam(params: Record<string, unknown>, name: string, fallback?: string): string {
  const value = params[name] ?? fallback;
  if (typeof value !== "string" || value === "") throw new Error(`custom check parameter "${name}" must be a non-empty string`);
  return value;
}

/** The request a routing check sends (httproute-request, ingress-request): which object, and host+path. */
export function routedRequestParams(params: Record<string, unknown>): { namespace: string; name: string; path: string; host?: string; port?: number } {
  const port = params.port;
  if (port !== undefined && typeof port !== "number") throw new Error('custom check parameter "port" must be a number');
  return {
    namespace: stringParam(params, "namespace", "default"),
    name: stringParam(params, "name"),
    path: stringParam(params, "path"),
    host: params.host === undefined ? undefined : stringParam(params, "host"),
    port,
  };
}
