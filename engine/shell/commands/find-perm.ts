import type { ExecResult, ResolvedCommandContext } from "just-bash";

type Execute = (args: string[], ctx: ResolvedCommandContext) => Promise<ExecResult>;

/**
 * GNU find's -perm takes a symbolic mode as well as an octal one (`-perm -u+x`, `-perm /g+w,o+w`,
 * `-perm u=rw,go=r`), built as chmod builds it from no bits at all; just-bash's find knows only octal
 * ("invalid argument `-u+x' to `-perm'"). The symbolic form is turned into its octal equal here.
 */
const WHO: Record<string, number> = { u: 0o700, g: 0o070, o: 0o007, a: 0o777 };
const WHAT: Record<string, number> = { r: 0o444, w: 0o222, x: 0o111, X: 0o111 };

/** The bits a symbolic mode sets, starting from none; undefined when it is not one. */
function symbolicBits(mode: string): number | undefined {
  let bits = 0;
  for (const clause of mode.split(",")) {
    const m = /^([ugoa]*)([-+=])([rwxX]*)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1] ? [...m[1]].reduce((mask, c) => mask | WHO[c], 0) : 0o777;
    const what = [...m[3]].reduce((mask, c) => mask | WHAT[c], 0) & who;
    if (m[2] === "-") bits &= ~what;
    else if (m[2] === "=") bits = (bits & ~who) | what;
    else bits |= what;
  }
  return bits;
}

export function withSymbolicPerm(run: Execute): Execute {
  return (args, ctx) => {
    const converted = args.map((a, i) => {
      if (i === 0 || args[i - 1] !== "-perm" || /^[-/]?[0-7]+$/.test(a)) return a;
      const prefix = /^[-/]/.test(a) ? a[0] : "";
      const bits = symbolicBits(a.slice(prefix.length));
      return bits === undefined ? a : `${prefix}${bits.toString(8).padStart(3, "0")}`;
    });
    return run(converted, ctx);
  };
}
