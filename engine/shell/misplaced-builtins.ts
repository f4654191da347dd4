import { defineCommand, type Command } from "just-bash";

/**
 * `break`/`continue` outside a loop and `return` outside a function, where a typed line shows it
 * (transform.ts renames them to this hook): bash warns and goes on, status 0, for the first two,
 * and refuses `return` with status 2. just-bash's break and continue were silent (a `break` in a
 * function body even broke the caller's loop) and its `return` gave status 1.
 */
export const MISPLACED_HOOK = "misplaced";

export function misplacedBuiltinHook(): Command {
  return defineCommand(`__kc_${MISPLACED_HOOK}`, async (args) => {
    const name = args[0];
    if (name === "return") return { stdout: "", stderr: "bash: return: can only `return' from a function or sourced script\n", exitCode: 2 };
    return { stdout: "", stderr: `bash: ${name}: only meaningful in a \`for', \`while', or \`until' loop\n`, exitCode: 0 };
  });
}
