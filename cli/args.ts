/** Minimal flag parsing for the kubecoach CLI: `--name value`, `--name=value`, `-x value` and positionals. */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(argv: string[], booleanFlags: string[] = []): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(arg);
    if (!m || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const name = m[1];
    if (m[2] !== undefined) flags[name] = m[2];
    else if (booleanFlags.includes(name) || i + 1 >= argv.length || argv[i + 1].startsWith("-")) flags[name] = true;
    else flags[name] = argv[++i];
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = args.flags[n];
    if (typeof v === "string") return v;
  }
  return undefined;
}
