import type { ExecResult, ResolvedCommandContext } from "just-bash";

type Execute = (args: string[], ctx: ResolvedCommandContext) => Promise<ExecResult>;

/**
 * GNU find goes on past a directory it may not read: it prints the directory, says
 * `find: ‘/root’: Permission denied` and ends with status 1. just-bash's find stops the whole
 * search at the first failed readdir (`find / -name admin.conf` as candidate printed only
 * `find: EACCES: permission denied, scandir '/root'`). Here find sees such a directory as empty,
 * and each one is reported afterwards, named the way find names it (under the starting point as
 * typed). Messages follow the listing rather than sit among its lines.
 */
export function withUnreadableDirectories(run: Execute): Execute {
  return async (args, ctx) => {
    const denied: string[] = [];
    const fs = new Proxy(ctx.fs, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (typeof value !== "function") return value;
        if (prop !== "readdir" && prop !== "readdirWithFileTypes") return value.bind(target);
        return async (path: string, ...rest: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).call(target, path, ...rest);
          } catch (err) {
            if ((err as { code?: string }).code !== "EACCES") throw err;
            denied.push(path);
            return [];
          }
        };
      },
    });
    const result = await run(args, { ...ctx, fs });
    if (denied.length === 0) return result;
    const starts: StartingPoint[] = startingPoints(args).map((typed) => ({ typed, path: ctx.fs.resolvePath(ctx.cwd, typed), reported: false }));
    // Starting points are searched in order: a directory belongs to the current one or a later one.
    let current = 0;
    const lines = denied.map((path) => {
      const at = starts.findIndex((s, i) => i >= current && (path === s.path ? !s.reported : path.startsWith(s.path === "/" ? "/" : `${s.path}/`)));
      const start = starts[at];
      if (!start) return `find: ‘${path}’: Permission denied\n`;
      current = at;
      if (path === start.path) start.reported = true;
      return `find: ‘${shownAs(path, start)}’: Permission denied\n`;
    });
    return { ...result, stderr: result.stderr + lines.join(""), exitCode: Math.max(result.exitCode, 1) };
  };
}

/** The operands before the expression (GNU's -H/-L/-P/-D/-O come first); `.` when there are none. */
function startingPoints(args: string[]): string[] {
  let i = 0;
  while (i < args.length && /^-[HLP]+$/.test(args[i])) i++;
  const starts: string[] = [];
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") continue;
    if ((a.startsWith("-") && a !== "-") || a === "(" || a === "!" || a === ",") break;
    starts.push(a);
  }
  return starts.length ? starts : ["."];
}

interface StartingPoint {
  typed: string;
  path: string;
  /** The starting point itself was reported unreadable (the next one with the same path is meant next). */
  reported: boolean;
}

/** A directory's name as find prints it: under the starting point it was reached from. */
function shownAs(path: string, { typed, path: root }: StartingPoint): string {
  if (path === root) return typed;
  const prefix = root === "/" ? "/" : `${root}/`;
  return `${typed.endsWith("/") ? typed : `${typed}/`}${path.slice(prefix.length)}`;
}
