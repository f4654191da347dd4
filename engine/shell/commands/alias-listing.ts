import type { ExecResult, ResolvedCommandContext } from "just-bash";

const PREFIX = "BASH_ALIAS_";

type Run = (args: string[], ctx: ResolvedCommandContext) => Promise<ExecResult>;

/**
 * `alias`, `alias -p` and `alias NAME…` print aliases as bash does: all of them sorted by name (just-bash
 * lists them in the order they were defined), each value in single quotes with a quote inside as
 * `'\''` (`alias x='it'\''s'`; just-bash printed it bare), every NAME asked for (`bash: alias: NAME:
 * not found`, status 1, for one that is none). A command that defines aliases is just-bash's own.
 */
export function withAliasListing(run: Run): Run {
  return async (args, ctx) => {
    const list = args.includes("-p");
    const names = args.filter((a) => a !== "-p");
    if (names.some((n) => n.includes("=") || n.startsWith("-"))) return run(args, ctx);
    const aliases = new Map<string, string>();
    for (const [name, value] of ctx.env) if (name.startsWith(PREFIX)) aliases.set(name.slice(PREFIX.length), value);
    const line = (name: string) => `alias ${name}='${aliases.get(name)!.replace(/'/g, `'\\''`)}'\n`;
    // bash sorts by strcmp: byte order, not the locale's.
    let stdout = list || names.length === 0 ? [...aliases.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(line).join("") : "";
    let stderr = "";
    for (const name of names) {
      if (aliases.has(name)) stdout += line(name);
      else stderr += `bash: alias: ${name}: not found\n`;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  };
}
