import { Bash, getCommandNames, type ExecResult, type ResolvedCommandContext } from "just-bash";
import { childShellContext } from "./commands/child-shell";
import { withAliasListing } from "./commands/alias-listing";
import { takeColourOption } from "./commands/colour-option";
import { colourGrepOutput, GREP_COLOUR_OPTION, grepPalette } from "./commands/grep-colour";
import { fastGrep } from "./commands/grep-fast";
import { withGnuCorrections } from "./commands/gnu-corrections";
import { withUnreadableDirectories } from "./commands/find-unreadable";
import { withOwnerTests } from "./commands/find-owners";
import { withSymbolicPerm } from "./commands/find-perm";
import { gnuMessages } from "./commands/gnu-messages";
import { joinGrepPatterns } from "./commands/grep-patterns";
import { gnuGrep } from "./commands/grep-gnu";

/**
 * just-bash's own commands (cat, grep, wc, sed, …), to run from the shell's wrappers (bridge.ts
 * `wrapBundled`, the terminal's `ls`, `env`, `tail`).
 *
 * A custom command that shadows a bundled one gets `ctx.origCommand`, but just-bash then builds a
 * second context membrane (an AbortController, a WeakMap, a copy of every context property and a
 * revocation Error) for every call, whether or not the wrapper runs the original. The shell
 * therefore registers no bundled commands in its interpreters (`commands: []`) and runs these
 * directly with the wrapper's own context, which is the context just-bash gives the original.
 *
 * just-bash does not export them one by one; `Bash` keeps them in its private `commands` map.
 * `bundledCommand` checks that shape, so an upgrade that changes it fails the shell's tests loudly.
 */
export interface BundledCommand {
  execute(args: string[], ctx: ResolvedCommandContext): Promise<ExecResult>;
}

let registry: Map<string, BundledCommand> | undefined;

/**
 * Bundled commands that run other commands and collect their output in just-bash's execution scope
 * (`new ScopeOutput(ctx.executionScope)` calls `scope.appendOutput`). A custom command's context
 * carries only a restricted view of that scope, without `appendOutput`, so when the shell runs these
 * from their wrappers they failed with "this.scope.appendOutput is not a function". Without a scope
 * they collect output themselves, under the same output-size limit.
 */
const COLLECTING_COMMANDS = new Set(["find", "xargs"]);

/** Bundled commands that run a child shell (commands/child-shell.ts). */
const CHILD_SHELLS = new Set(["bash", "sh"]);

function bundledRegistry(): Map<string, BundledCommand> {
  if (registry) return registry;
  const commands = (new Bash({ defenseInDepth: false }) as unknown as { commands?: unknown }).commands;
  if (!(commands instanceof Map)) throw new Error("just-bash's command registry has an unexpected shape: the shell cannot run its bundled commands");
  const found = new Map<string, BundledCommand>();
  for (const name of getCommandNames()) {
    const command = commands.get(name) as Partial<BundledCommand> | undefined;
    if (typeof command?.execute !== "function") throw new Error(`just-bash's bundled command ${name} has an unexpected shape`);
    const bundled = command as BundledCommand;
    const run: BundledCommand["execute"] = COLLECTING_COMMANDS.has(name) ? (args, ctx) => bundled.execute(args, { ...ctx, executionScope: undefined }) : CHILD_SHELLS.has(name) ? (args, ctx) => bundled.execute(args, childShellContext(ctx)) : (args, ctx) => bundled.execute(args, ctx);
    // GNU's results where just-bash's differ (commands/gnu-corrections.ts), errors in GNU's words
    // (commands/gnu-messages.ts).
    const corrected = withGnuCorrections(name, name === "find" ? withSymbolicPerm(withOwnerTests(withUnreadableDirectories(run))) : name === "alias" ? withAliasListing(run) : run);
    found.set(name, { execute: async (args, ctx) => gnuMessages(name, args, await corrected(args, ctx)) });
  }
  // just-bash's grep compiles its own regex engine on every call: the common forms are answered
  // with V8's instead, the same bytes as GNU grep (commands/grep-fast.ts), the rest by just-bash.
  // Several -e patterns reach just-bash's grep as one pattern of lines (commands/grep-patterns.ts).
  // just-bash's grep has no --color: it is taken off and grep's output coloured after
  // (commands/grep-colour.ts); `auto` was decided by the shell, which knows where stdout goes.
  const grep = found.get("grep");
  if (grep) {
    found.set(
      "grep",
      withColour([], async (args, ctx) => {
        const joined = joinGrepPatterns(args);
        return (await fastGrep(joined, ctx)) ?? gnuGrep(args, ctx, async (matching, stdin) => {
          const input = { ...ctx, stdin };
          return (await fastGrep(matching, input)) ?? grep.execute(matching, input);
        });
      }),
    );
  }
  for (const [name, mode] of [["egrep", "-E"], ["fgrep", "-F"]]) {
    const variant = found.get(name);
    if (variant) found.set(name, withColour([mode], (args, ctx) => variant.execute(joinGrepPatterns(args), ctx)));
  }
  registry = found;
  return found;
}

/** A grep that takes --color[=WHEN]; `modeArgs` is the matching mode the variant implies (egrep's -E). */
function withColour(modeArgs: string[], run: BundledCommand["execute"]): BundledCommand {
  return {
    execute: async (args, ctx) => {
      const taken = takeColourOption(args, GREP_COLOUR_OPTION);
      // A WHEN grep does not know: grep itself answers.
      if (!taken) return run(args, ctx);
      const result = await run(taken.args, ctx);
      if (taken.when !== "always") return result;
      const env = ctx.exportedEnv ?? {};
      const { palette, warning } = grepPalette({ GREP_COLORS: env.GREP_COLORS, GREP_COLOR: env.GREP_COLOR });
      const stdout = result.stdout ? colourGrepOutput(result.stdout, [...modeArgs, ...taken.args], palette) : result.stdout;
      return { ...result, stdout, stderr: (warning ?? "") + result.stderr };
    },
  };
}

/** The bundled command `name` (one of `getCommandNames()`). */
export function bundledCommand(name: string): BundledCommand {
  const command = bundledRegistry().get(name);
  if (!command) throw new Error(`just-bash has no bundled command ${name}`);
  return command;
}

/** Runs the bundled command `name` with the context just-bash gave the command wrapping it. */
export function runBundled(name: string, args: string[], ctx: ResolvedCommandContext): Promise<ExecResult> {
  return bundledCommand(name).execute(args, ctx);
}
