import type { ResolvedCommandContext } from "just-bash";

/** just-bash keeps an alias as a variable of this name prefix (`alias k=kubectl`: BASH_ALIAS_k). */
const ALIAS_PREFIX = "BASH_ALIAS_";

type Exec = NonNullable<ResolvedCommandContext["exec"]>;

/**
 * The context for `bash -c …`, `bash FILE`, `sh …`: a child shell inherits no aliases (bash passes
 * them to no child, and a non-interactive shell would not expand them anyway), so `bash -c ll` is
 * `ll: command not found` and `bash script.sh` runs the plain `ls`. just-bash's nested exec copies
 * the shell's variables, aliases included: it gets them here without the aliases instead.
 */
export function childShellContext(ctx: ResolvedCommandContext): ResolvedCommandContext {
  const variables: Record<string, string> = {};
  for (const [name, value] of ctx.env) if (!name.startsWith(ALIAS_PREFIX)) variables[name] = value;
  const withoutAliases = (run: Exec | undefined): Exec | undefined => run && ((script, options) => run(script, { ...options, replaceEnv: true, env: { ...variables, ...options?.env } }));
  return { ...ctx, exec: withoutAliases(ctx.exec), execWithInheritedStdin: withoutAliases(ctx.execWithInheritedStdin) } as ResolvedCommandContext;
}
