import { defineCommand, type Command, type WordNode } from "just-bash";
import type { ShellFs } from "./shell-fs";

/**
 * `cd` needs search permission on every directory it passes and on the one it enters: as candidate,
 * `cd /root` is `bash: cd: /root: Permission denied` (status 1), and so is `cd /root/missing`.
 * just-bash's builtin cd only asks whether each step is a directory (and words every failure "No
 * such file or directory"), and a builtin cannot be replaced, so the transform runs this check in
 * front of it (transform.ts guardedCd): `{ __kc_cd_check ARGS && cd ARGS || __kc_status $?; }`.
 * It also gives bash's errors for unknown options and extra operands (argumentError). Otherwise the
 * check says nothing and succeeds wherever the builtin decides (a missing directory, a file,
 * CDPATH), and the last hook leaves the status where `set -e` sees it, as bash's cd would.
 */
export const CD_CHECK = "cd_check";
export const STATUS = "status";

const CD_USAGE = "cd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n";

/**
 * bash's own argument errors, which just-bash's cd skips (it ignores extra operands and unknown
 * options): an option other than -L, -P, -e (`-@` is not built on Linux) is `invalid option` with
 * the usage line, status 2; more than one operand is `too many arguments`, status 1.
 */
function argumentError(args: string[]): { stdout: string; stderr: string; exitCode: number } | undefined {
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      i++;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    const bad = [...arg.slice(1)].find((c) => !"LPe".includes(c));
    if (bad !== undefined) return { stdout: "", stderr: `bash: cd: -${bad}: invalid option\n${CD_USAGE}`, exitCode: 2 };
  }
  if (args.length - i > 1) return { stdout: "", stderr: "bash: cd: too many arguments\n", exitCode: 1 };
  return undefined;
}

/** The directory cd would enter as typed (undefined: CDPATH decides, left to the builtin). */
function target(args: string[], env: Map<string, string>): string | undefined {
  let i = 0;
  for (; i < args.length; i++) {
    if (args[i] === "--") {
      i++;
      break;
    }
    if (!args[i].startsWith("-") || args[i] === "-") break;
  }
  const operand = args[i];
  if (operand === undefined || operand === "~") return env.get("HOME") || "/";
  if (operand === "-") return env.get("OLDPWD");
  const relative = !operand.startsWith("/") && !/^\.\.?(\/|$)/.test(operand);
  return relative && env.get("CDPATH") ? undefined : operand;
}

/** The directories cd passes through, as just-bash's cd walks them (`..` drops the step before). */
function steps(cwd: string, dir: string): string[] {
  const out: string[] = [];
  let path = "";
  for (const part of (dir.startsWith("/") ? dir : `${cwd}/${dir}`).split("/")) {
    if (!part || part === ".") continue;
    path = part === ".." ? path.slice(0, path.lastIndexOf("/")) : `${path}/${part}`;
    out.push(path || "/");
  }
  return out;
}

export function cdHookCommands(fs: ShellFs): Command[] {
  return [
    defineCommand(`__kc_${CD_CHECK}`, async (args, ctx) => {
      const invalid = argumentError(args);
      if (invalid) return invalid;
      const dir = target(args, ctx.env);
      if (dir === undefined) return { stdout: "", stderr: "", exitCode: 0 };
      const denied = { stdout: "", stderr: `bash: cd: ${dir}: Permission denied\n`, exitCode: 1 };
      const walk = steps(ctx.cwd, dir);
      for (const step of walk) {
        if (!(await fs.reachable(step))) return denied;
        // A missing step or a file: the builtin says so.
        if (!(await fs.isDirectoryForAnyone(step))) return { stdout: "", stderr: "", exitCode: 0 };
      }
      // Entering the directory needs search permission on it too.
      const last = walk[walk.length - 1] ?? "/";
      return (await fs.reachable(`${last === "/" ? "" : last}/entry`)) ? { stdout: "", stderr: "", exitCode: 0 } : denied;
    }),
    defineCommand(`__kc_${STATUS}`, async (args) => ({ stdout: "", stderr: "", exitCode: Number(args[0] ?? 0) })),
  ];
}

/** Whether expanding the words twice (once for the check, once for cd) could differ or do something. */
export function expandsWithEffects(words: WordNode[]): boolean {
  const visit = (node: unknown): boolean => {
    if (!node || typeof node !== "object") return false;
    if (Array.isArray(node)) return node.some(visit);
    const n = node as { type?: string; parameter?: string; operation?: { type?: string } | null };
    if (n.type === "CommandSubstitution" || n.type === "ProcessSubstitution" || n.type === "ArithmeticExpansion") return true;
    if (n.type === "ParameterExpansion" && (n.operation?.type === "AssignDefault" || /^(S?RANDOM|BASHPID)$/.test(n.parameter ?? ""))) return true;
    return Object.values(node).some(visit);
  };
  return visit(words);
}
