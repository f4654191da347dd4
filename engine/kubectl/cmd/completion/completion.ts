import type { ProgramContext } from "../../../process/types";
import { registerCommand } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { completeKubectl } from "../../completion";
import { BASH_COMPLETION_SCRIPT } from "./script";

const SHELLS = ["bash", "zsh", "fish", "powershell"];

registerCommand("completion", (c) => {
  if (c.args.length === 0) throw usageError(c.commandPath, "Shell not specified.");
  if (c.args.length > 1) throw usageError(c.commandPath, "Too many arguments. Expected only the shell type.");
  const shell = c.args[0];
  if (!SHELLS.includes(shell)) throw usageError(c.commandPath, `Unsupported shell type "${shell}".`);
  if (shell !== "bash") throw new Error(`kubectl completion ${shell} is not available in Kubecoach yet (the terminal runs bash)`);
  c.out(BASH_COMPLETION_SCRIPT);
  return 0;
});

/**
 * cobra's hidden `__complete` command, which completion scripts call: the candidates for the last
 * word, one a line, then `:<directive>` (4 = no file completion; 0 = the shell's default).
 */
export function hiddenComplete(ctx: ProgramContext): number {
  const words = ctx.args.slice(1);
  const candidates = completeKubectl(words.length > 0 ? words : [""], ctx.environment, ctx.host, { ...ctx.env, PWD: ctx.cwd });
  for (const candidate of candidates) ctx.stdout(`${candidate}\n`);
  const directive = candidates.length > 0 ? 4 : 0;
  ctx.stdout(`:${directive}\n`);
  ctx.stderr(`Completion ended with directive: ${directive === 4 ? "ShellCompDirectiveNoFileComp" : "ShellCompDirectiveDefault"}\n`);
  return 0;
}
