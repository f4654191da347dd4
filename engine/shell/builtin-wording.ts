import { defineCommand, type Command } from "just-bash";

/**
 * Messages of just-bash's builtins that bash 5.2 words differently, rewritten in a piece's stderr
 * as the interpreter already rewrites raw filesystem errors:
 * - `shift` past `$#` fails silently in bash (shift_verbose is off), and a negative count is
 *   `shift: -1: shift count out of range` (just-bash: `numeric argument required`);
 * - an unset positional parameter under `set -u` is named `$1`, not `1`.
 */
const SHIFT_OUT_OF_RANGE = /^bash: shift: shift count out of range\n/gm;
const SHIFT_NEGATIVE = /^bash: shift: (-\d+): numeric argument required$/gm;
const UNBOUND_POSITIONAL = /^bash: (\d+): unbound variable$/gm;

export function asBashWording(stderr: string): string {
  let out = stderr;
  if (out.includes("bash: shift: ")) out = out.replace(SHIFT_OUT_OF_RANGE, "").replace(SHIFT_NEGATIVE, "bash: shift: $1: shift count out of range");
  if (out.includes(": unbound variable")) out = out.replace(UNBOUND_POSITIONAL, "bash: $$$1: unbound variable");
  return out;
}

/**
 * `set -o` and `shopt [NAME…]` list options as `%-15s\t%s` in bash; just-bash pads `set -o` with
 * spaces and `shopt` with two tabs, and leaves `bash: ` off shopt's errors. Such listings (see
 * listsOptions) run as this hook, which asks the builtin and re-lays its lines.
 */
export const OPTION_LISTING_HOOK = "optlist";

/** Whether `set ARGS`/`shopt ARGS` (their static words) only list options. */
export function listsOptions(name: string, words: (string | undefined)[]): boolean {
  if (words.some((w) => w === undefined)) return false;
  if (name === "set") return words.length === 1 && words[0] === "-o";
  if (name !== "shopt") return false;
  return words.every((w) => !w!.startsWith("-")) || (words.length === 1 && (words[0] === "-s" || words[0] === "-u"));
}

const OPTION_LINE = /^(\S+)[ \t]+(on|off)$/gm;

function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function optionListingHook(): Command {
  return defineCommand(`__kc_${OPTION_LISTING_HOOK}`, async (args, ctx) => {
    const result = await ctx.exec!(`builtin ${args.map(quoted).join(" ")}`, { cwd: ctx.cwd });
    return {
      ...result,
      stdout: result.stdout.replace(OPTION_LINE, (_, option: string, value: string) => `${option.padEnd(15)}\t${value}`),
      // (Under `set -x` the inner call traces itself: that line is the hook's, not the learner's.)
      stderr: result.stderr.replace(/^\++ builtin (?:set|shopt)\b[^\n]*\n/, "").replace(/^shopt: /gm, "bash: shopt: "),
    };
  });
}
