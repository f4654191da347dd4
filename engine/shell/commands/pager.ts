import { decodeBytesToUtf8, type Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { shellCommand } from "./index";

/**
 * less and more. Into a pipe or file they copy their input, as the real ones do. On the terminal the
 * real pagers take over the screen and wait for keys; Kubecoach's terminal has no pager screen yet,
 * so they print the whole text and say so, and the learner scrolls the terminal instead.
 */
export function pagerCommands(frame: ShellFrame): Command[] {
  return ["less", "more"].map((name) =>
    shellCommand(frame, name, async (args, ctx, io) => {
      const files = args.filter((a) => !a.startsWith("-") || a === "-");
      const texts: string[] = [];
      let status = 0;
      const screen = io.position.stdoutToTerminal && frame.runtime.terminal().isTTY;
      if (files.length === 0) {
        if (io.position.stdinFromTerminal && screen) {
          io.err.push(name === "less" ? 'Missing filename ("less --help" for help)\n' : "more: bad usage\nTry 'more --help' for more information.\n");
          return 1;
        }
        texts.push(decodeBytesToUtf8(ctx.stdin));
      }
      for (const file of files) {
        if (file === "-") {
          texts.push(decodeBytesToUtf8(ctx.stdin));
          continue;
        }
        const path = frame.fs.resolvePath(ctx.cwd, file);
        try {
          if ((await frame.fs.stat(path)).isDirectory) {
            io.err.push(name === "less" ? `${file} is a directory\n` : `\n*** ${file}: directory ***\n\n`);
            continue;
          }
          texts.push(await frame.fs.readFile(path));
        } catch {
          io.err.push(name === "less" ? `${file}: No such file or directory\n` : `more: cannot open ${file}: No such file or directory\n`);
          if (name === "more") status = 1;
        }
      }
      for (const text of texts) io.out.push(text);
      if (screen && texts.some((t) => t !== "")) io.err.push(`(${name}: Kubecoach has no pager screen yet, so the whole text is printed; scroll the terminal to read it)\n`);
      return status;
    }),
  );
}
