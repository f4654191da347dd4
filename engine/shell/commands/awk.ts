import { defineCommand, type Command } from "just-bash";
import { wrapBundled } from "../bridge";
import type { ShellFrame } from "../frame";

/**
 * awk with a one-character field separator. POSIX awk takes any single character other than a
 * space literally (`awk -F. '{print $1}'` splits 1.33.2 at the dots, `-F'|'` splits an etcdctl
 * table); just-bash compiles it as a regular expression, so `-F.` split at every character and
 * `-F'|'` failed with "start index out of bounds". Such a separator is handed over as a bracket
 * expression, which means the same character to just-bash. A separator set with `-v FS=…`, which
 * just-bash ignores, is handed over as -F.
 */
const REGEX_SPECIAL = new Set([".", "|", "*", "+", "?", "(", ")", "{", "}", "$", "["]);

function literal(separator: string): string {
  return separator.length === 1 && REGEX_SPECIAL.has(separator) ? `[${separator}]` : separator;
}

export function literalSeparators(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      out.push(...args.slice(i));
      break;
    }
    if (a === "-F" && i + 1 < args.length) out.push(a, literal(args[++i]));
    else if (a.startsWith("-F")) out.push(`-F${literal(a.slice(2))}`);
    else if (a.startsWith("--field-separator=")) out.push(`--field-separator=${literal(a.slice(18))}`);
    // just-bash ignores FS given with -v; -F is the same thing to awk.
    else if (a === "-v" && i + 1 < args.length && args[i + 1].startsWith("FS=")) out.push(`-F${literal(args[++i].slice(3))}`);
    else if (a.startsWith("-vFS=")) out.push(`-F${literal(a.slice(5))}`);
    else if (a === "-v" && i + 1 < args.length) out.push(a, args[++i]);
    else if (a === "-f" && i + 1 < args.length) out.push(a, args[++i]);
    else if (!a.startsWith("-") || a === "-") {
      // The program and its operands: nothing after it is an option.
      out.push(...args.slice(i));
      break;
    } else out.push(a);
  }
  return out;
}

export function awkCommand(frame: ShellFrame): Command {
  const bundled = wrapBundled("awk", frame.runtime);
  return defineCommand("awk", (args, ctx) => bundled.execute(literalSeparators(args), ctx));
}
