import type { GradingContext } from "../context";
import type { CheckOf } from "../schema";
import { FeatureUnavailableError } from "../unavailable";
import { fail, pass, type CheckOutcome } from "./outcome";

type TextExpectation = NonNullable<CheckOf<"command">["stdout"]>;

export function textMismatch(name: string, text: string, expected: TextExpectation): string | undefined {
  if (expected.equals !== undefined && text !== expected.equals) return `${name} was ${JSON.stringify(text)}; expected ${JSON.stringify(expected.equals)}`;
  if (expected.trimmed !== undefined && text.trim() !== expected.trimmed.trim()) return `${name} was ${JSON.stringify(text.trim())}; expected ${JSON.stringify(expected.trimmed.trim())}`;
  if (expected.contains !== undefined && !text.includes(expected.contains)) return `${name} does not contain ${JSON.stringify(expected.contains)}`;
  if (expected.notContains !== undefined && text.includes(expected.notContains)) return `${name} contains ${JSON.stringify(expected.notContains)}`;
  if (expected.matches !== undefined && !new RegExp(expected.matches, "m").test(text)) return `${name} does not match /${expected.matches}/`;
  return undefined;
}

/** `command`: a script run in the simulated shell exits with a status and prints what is expected. */
export async function commandCheck(check: CheckOf<"command">, ctx: GradingContext): Promise<CheckOutcome> {
  const host = check.host ?? ctx.homeHost;
  const result = await ctx.runScript(ctx.env, check.run, { host, user: check.user ?? "root", asFile: true });
  const wantedExit = check.exitCode ?? 0;
  // The check's own command is the author's: if the simulation lacks it, that is a gap, not a fail
  // (even when the check expects a non-zero exit, as `kubectl auth can-i` answering "no" does).
  const gap = /^.*(is not available in Kubecoach yet|: command not found)$/m.exec(result.stderr);
  if (gap) throw new FeatureUnavailableError(`\`${firstLine(check.run)}\` (${gap[0].replace(/ is not available in Kubecoach yet$/, "")})`);
  if (result.exitCode !== wantedExit) {
    const said = (result.stderr || result.stdout).trim().split("\n").slice(-1)[0];
    return fail(`\`${firstLine(check.run)}\` on ${host} exited with ${result.exitCode}, expected ${wantedExit}${said ? `: ${said}` : ""}`);
  }
  const problem = (check.stdout && textMismatch("its output", result.stdout, check.stdout)) || (check.stderr && textMismatch("its error output", result.stderr, check.stderr));
  return problem ? fail(`\`${firstLine(check.run)}\` on ${host}: ${problem}`) : pass;
}

export function firstLine(script: string): string {
  const line = script.trim().split("\n")[0];
  return line.length > 60 ? line.slice(0, 57) + "..." : line;
}
