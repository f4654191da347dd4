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
