/** GNU's `--color[=WHEN]` (grep, ls): when a command colours its output. */
export type ColourWhen = "always" | "never" | "auto";

export interface ColourOptionRules {
  /** The option's spellings, WHEN in group 1 (coreutils' ls takes --color only, grep --colour too). */
  spelling: RegExp;
  /** What a bare `--color` means: grep's is auto, ls's always. */
  bare: ColourWhen;
  /** An option whose value is the next argument (grep's -e PATTERN): that value is never read as --color. */
  takesValue?: (arg: string) => boolean;
}

/**
 * The arguments without their colour options, and the last WHEN given (the last one counts, as in
 * GNU's getopt loops); `when` is undefined when no colour option was given. Undefined altogether
 * when a WHEN is not one GNU accepts, so the command reports it as the real one does.
 */
export function takeColourOption(args: string[], rules: ColourOptionRules): { args: string[]; when?: ColourWhen } | undefined {
  let when: ColourWhen | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      rest.push(...args.slice(i));
      break;
    }
    const m = rules.spelling.exec(a);
    if (!m) {
      rest.push(a);
      if (rules.takesValue?.(a) && i + 1 < args.length) rest.push(args[++i]);
      continue;
    }
    const value = m[1];
    if (value === undefined) when = rules.bare;
    else if (["auto", "tty", "if-tty"].includes(value)) when = "auto";
    else if (["always", "yes", "force"].includes(value)) when = "always";
    else if (["never", "no", "none"].includes(value)) when = "never";
    else return undefined;
  }
  return when === undefined ? { args } : { args: rest, when };
}
