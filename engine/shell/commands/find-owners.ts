import type { ExecResult, ResolvedCommandContext } from "just-bash";
import { ownerIds } from "../owners";

type Execute = (args: string[], ctx: ResolvedCommandContext) => Promise<ExecResult>;

/**
 * GNU find's owner tests, which just-bash's find does not know ("unknown predicate '-user'"):
 * -user NAME|UID, -group NAME|GID, -uid N, -gid N (N, +N, -N), -nouser, -nogroup, and the access
 * tests -readable, -writable, -executable (as the user running find), each may be negated with ! or
 * -not. They are answered for the common form, a list of tests that all must hold
 * and that prints (no -o, parentheses, -prune or action other than a final -print): find runs
 * without them and the paths it prints are kept where they hold too, which is the same answer.
 * Other forms (with -o, !, parentheses, -prune or an action) would need the tests inside just-bash's
 * own evaluator, which has no place for them: there find says plainly that the combination is not
 * available, rather than calling a predicate GNU find knows "unknown".
 */
const WITH_ARGUMENT = new Set(["-user", "-group", "-uid", "-gid"]);
const WITHOUT_ARGUMENT = new Set(["-nouser", "-nogroup", "-readable", "-writable", "-executable"]);
const ACCESS: Record<string, "r" | "w" | "x"> = { "-readable": "r", "-writable": "w", "-executable": "x" };
/** What would make dropping a test change what else happens or what is printed. */
const NOT_CONJUNCTIVE = new Set(["-o", "-or", ",", "(", ")", "-prune", "-quit", "-exec", "-execdir", "-ok", "-okdir", "-delete", "-printf", "-fprintf", "-ls", "-fls", "-print0", "-fprint", "-fprint0"]);

type OwnerTest = (uid: number, gid: number, path: string) => boolean | Promise<boolean>;

/** The shell's filesystem answers access(2) (shell-fs.ts allows). */
type Allows = (path: string, access: "r" | "w" | "x") => Promise<boolean>;

interface Ids {
  users: Map<string, number>;
  groups: Map<string, number>;
}

async function readIds(ctx: ResolvedCommandContext): Promise<Ids> {
  const read = async (path: string) => {
    const ids = new Map<string, number>([["root", 0]]);
    const text = await ctx.fs.readFile(path).catch(() => "");
    for (const line of text.split("\n")) {
      const f = line.split(":");
      if (f.length >= 3 && f[0]) ids.set(f[0], Number(f[2]));
    }
    return ids;
  };
  return { users: await read("/etc/passwd"), groups: await read("/etc/group") };
}

/** `N`, `+N` (more than N), `-N` (less than N), as find's numeric arguments. */
function numeric(text: string): ((n: number) => boolean) | undefined {
  const m = /^([+-]?)(\d+)$/.exec(text);
  if (!m) return undefined;
  const value = Number(m[2]);
  return m[1] === "+" ? (n) => n > value : m[1] === "-" ? (n) => n < value : (n) => n === value;
}

export function withOwnerTests(run: Execute): Execute {
  return async (args, ctx) => {
    if (!args.some((a) => WITH_ARGUMENT.has(a) || WITHOUT_ARGUMENT.has(a))) return run(args, ctx);
    const lastPrint = args.lastIndexOf("-print");
    if (args.some((a, i) => NOT_CONJUNCTIVE.has(a) || (a === "-print" && i !== lastPrint)) || (lastPrint >= 0 && lastPrint !== args.length - 1)) {
      const test = args.find((a) => WITH_ARGUMENT.has(a) || WITHOUT_ARGUMENT.has(a));
      return {
        stdout: "",
        stderr: `find: ${test} is available in this lab only among tests that must all hold, with -print or no action (find /etc -type f ${test}${WITH_ARGUMENT.has(test!) ? " NAME" : ""}); with -o, parentheses, -prune, -exec or another action it is not available yet\n`,
        exitCode: 1,
      };
    }
    const fail = (message: string) => ({ stdout: "", stderr: `find: ${message}\n`, exitCode: 1 });
    const ids = await readIds(ctx);
    const known = new Set([...ids.users.values()]);
    const knownGroups = new Set([...ids.groups.values()]);
    const tests: OwnerTest[] = [];
    const kept: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const negated = kept.length > 0 && (kept[kept.length - 1] === "!" || kept[kept.length - 1] === "-not");
      let test: OwnerTest | undefined;
      if (ACCESS[a]) {
        const allows = (ctx.fs as unknown as { allows?: Allows }).allows?.bind(ctx.fs);
        if (!allows) return run(args, ctx);
        test = (_uid, _gid, path) => allows(path, ACCESS[a]);
      } else if (WITHOUT_ARGUMENT.has(a)) test = a === "-nouser" ? (uid) => !known.has(uid) : (_uid, gid) => !knownGroups.has(gid);
      else if (WITH_ARGUMENT.has(a)) {
        const value = args[++i];
        if (value === undefined) return fail(`missing argument to \`${a}'`);
        if (a === "-user" || a === "-group") {
          const id = (a === "-user" ? ids.users : ids.groups).get(value) ?? (/^\d+$/.test(value) ? Number(value) : undefined);
          if (id === undefined) return fail(a === "-user" ? `‘${value}’ is not the name of a known user` : `‘${value}’ is not the name of an existing group`);
          test = a === "-user" ? (uid) => uid === id : (_uid, gid) => gid === id;
        } else {
          const matches = numeric(value);
          if (!matches) return fail(`invalid argument \`${value}' to \`${a}'`);
          test = a === "-uid" ? (uid) => matches(uid) : (_uid, gid) => matches(gid);
        }
      }
      if (!test) {
        kept.push(a);
        continue;
      }
      if (negated) kept.pop();
      const holds = test;
      tests.push(negated ? async (uid, gid, path) => !(await holds(uid, gid, path)) : holds);
    }
    const result = await run(kept, ctx);
    const lines = result.stdout.split("\n");
    const last = lines.pop();
    const shown: string[] = [];
    for (const line of lines) {
      const path = ctx.fs.resolvePath(ctx.cwd, line);
      const st = await ctx.fs.lstat(path).catch(() => undefined);
      if (!st) continue;
      const { uid, gid } = ownerIds(st);
      let holds = true;
      for (const t of tests) if (holds) holds = await t(uid, gid, path);
      if (holds) shown.push(line);
    }
    return { ...result, stdout: [...shown, last].join("\n") };
  };
}
