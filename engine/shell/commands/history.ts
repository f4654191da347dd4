import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { shellCommand, type ShellControl } from "./index";

/** bash's `history` builtin (numbered as bash numbers it) and `clear`/`reset`. */
export function historyCommands(frame: ShellFrame, control: ShellControl): Command[] {
  return [
    shellCommand(frame, "history", async (args, _ctx, io) => {
      const lines = control.history();
      if (args[0] === "-c") {
        control.clearHistory();
        return 0;
      }
      if (args[0] === "-d") {
        const n = Number(args[1]);
        if (!Number.isInteger(n) || n < 1 || n > lines.length) {
          io.err.push(`bash: history: ${args[1] ?? ""}: history position out of range\n`);
          return 1;
        }
        control.deleteHistory(n - 1);
        return 0;
      }
      if (args[0] && /^-[awrns]$/.test(args[0])) return 0;
      let start = 0;
      if (args[0] !== undefined) {
        const n = Number(args[0]);
        if (!Number.isInteger(n) || n < 0) {
          io.err.push(`bash: history: ${args[0]}: numeric argument required\n`);
          return 1;
        }
        start = Math.max(0, lines.length - n);
      }
      let out = "";
      for (let i = start; i < lines.length; i++) out += `${String(i + 1).padStart(5)}  ${lines[i]}\n`;
      io.out.push(out);
      return 0;
    }),
    shellCommand(frame, "clear", async (_args, _ctx, io) => {
      io.out.push(control.clearScreen());
      return 0;
    }),
    shellCommand(frame, "reset", async (_args, _ctx, io) => {
      io.out.push(`\x1bc${control.clearScreen()}`);
      return 0;
    }),
  ];
}
