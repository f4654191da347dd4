/**
 * GNU grep takes several patterns, each from its own `-e` (or `--regexp`), and selects a line that
 * matches any of them. just-bash's grep keeps only the last `-e`, but splits a pattern on newlines
 * into several (GNU does the same with `grep $'a\nb'`). So several `-e` are handed to it as one
 * `-e` holding them all, one a line, where the first one stood.
 */

/** Short options that take a value: in a cluster (`-ve PAT`, `-m1`) the rest or the next word is it. */
const VALUED_SHORT = "efmABCdD";
const VALUED_LONG = ["--regexp", "--file", "--max-count", "--after-context", "--before-context", "--context", "--directories", "--devices", "--include", "--exclude", "--exclude-dir", "--label", "--color", "--colour", "--binary-files"];
/** Long options whose value is optional, so only `--opt=value` carries one. */
const OPTIONAL_VALUE_LONG = new Set(["--color", "--colour"]);

export function joinGrepPatterns(args: string[]): string[] {
  // Nothing to do for the common forms: at most one -e anywhere.
  if (!args.some((a, i) => i > 0 && (a === "-e" || a.startsWith("--regexp") || /^-[^-]*e/.test(a)))) return args;
  const patterns: string[] = [];
  const out: string[] = [];
  let at = -1;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      out.push(...args.slice(i));
      break;
    }
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      const name = eq < 0 ? a : a.slice(0, eq);
      if (name === "--regexp") {
        if (eq >= 0) patterns.push(a.slice(eq + 1));
        else if (i + 1 < args.length) patterns.push(args[++i]);
        else return args;
        if (at < 0) at = out.length;
        continue;
      }
      out.push(a);
      if (eq < 0 && VALUED_LONG.includes(name) && !OPTIONAL_VALUE_LONG.has(name) && i + 1 < args.length) out.push(args[++i]);
      continue;
    }
    if (!a.startsWith("-") || a.length === 1) {
      out.push(a);
      continue;
    }
    // A cluster of short options: letters up to the first one that takes a value.
    let j = 1;
    while (j < a.length && !VALUED_SHORT.includes(a[j])) j++;
    if (j >= a.length) {
      out.push(a);
      continue;
    }
    const inline = a.slice(j + 1);
    if (a[j] !== "e") {
      out.push(a);
      if (!inline && i + 1 < args.length) out.push(args[++i]);
      continue;
    }
    if (j > 1) out.push(a.slice(0, j));
    if (inline) patterns.push(inline);
    else if (i + 1 < args.length) patterns.push(args[++i]);
    else return args;
    if (at < 0) at = out.length;
  }
  if (patterns.length < 2) return args;
  out.splice(at, 0, "-e", patterns.join("\n"));
  return out;
}
