import { ApiError } from "../../api/errors";
import type { ProgramContext } from "../../process/types";
import { openCluster, STACK_HINT } from "./context";

/**
 * kubeadm token delete and generate. Delete takes token IDs or whole tokens and removes their
 * bootstrap-token Secrets (the bootstrapsigner then drops their cluster-info signatures).
 */
const TOKEN_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz";
const ID_PATTERN = "\\\\A([a-z0-9]{6})\\\\z";
const TOKEN_PATTERN = "\\\\A([a-z0-9]{6})\\\\.([a-z0-9]{16})\\\\z";

function fail(ctx: ProgramContext, message: string): number {
  ctx.stderr(`${message}\n${STACK_HINT}`);
  return 1;
}

export function tokenGenerate(ctx: ProgramContext): number {
  const r = ctx.environment.random;
  ctx.stdout(`${r.string(6, TOKEN_CHARS)}.${r.string(16, TOKEN_CHARS)}\n`);
  return 0;
}

export function tokenDelete(ctx: ProgramContext, ids: string[]): number {
  if (ids.length === 0) return fail(ctx, `missing subcommand; 'token delete' is missing token of form "${ID_PATTERN}"`);
  const k = openCluster(ctx);
  if ("error" in k) return fail(ctx, k.error);
  for (const given of ids) {
    const id = /^[a-z0-9]{6}$/.test(given) ? given : /^([a-z0-9]{6})\.[a-z0-9]{16}$/.exec(given)?.[1];
    if (!id) return fail(ctx, `given token didn't match pattern "${TOKEN_PATTERN}" or "${ID_PATTERN}"`);
    let deleted;
    try {
      deleted = k.cluster.admin.delete("", "secrets", "kube-system", `bootstrap-token-${id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return fail(ctx, `failed to delete bootstrap token "${id}": ${e.message}`);
    }
    if (!deleted) return fail(ctx, `failed to delete bootstrap token "${id}": secrets "bootstrap-token-${id}" not found`);
    ctx.stdout(`bootstrap token "${id}" deleted\n`);
  }
  return 0;
}
