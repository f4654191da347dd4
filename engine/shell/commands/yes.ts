import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";
import { shellCommand } from "./index";

/** yes's getopt: GNU's two standard options only. */
const YES_OPTIONS: GetoptTable = { program: "yes", options: [{ long: "help" }, { long: "version" }] };

/** How much yes writes at a time (GNU yes fills a buffer of its line, then writes it over and over). */
const YES_WRITE_BYTES = 8192;

/**
 * GNU coreutils `yes [STRING]...`: its operands joined by spaces (else `y`), a line at a time, until
 * it is stopped: its reader ends (`yes | head -3`: SIGPIPE at its next write, status 141, through
 * the streamed pipeline, pipe-stages.ts), Ctrl-C, or the line's output limit, which counts what it
 * writes anywhere (`yes > /dev/null`, `yes | sort` stop there, where the real ones run until Ctrl-C).
 */
export function yesCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "yes", async (args, _ctx, io) => {
    const read = getoptLong(args, YES_OPTIONS);
    if (read.error) {
      io.err.push(`${read.error}\n${tryHelp("yes")}`);
      return 1;
    }
    if (read.options.length > 0) {
      io.err.push(`yes: ${read.options[0].name} is not available in Kubecoach yet\n`);
      return 0;
    }
    const line = `${read.operands.length > 0 ? read.operands.join(" ") : "y"}\n`;
    const block = line.repeat(Math.max(1, Math.floor(YES_WRITE_BYTES / line.length)));
    while (!io.signal.aborted) {
      // Counted against the line's output limit even into a pipe: a stage that gathers its input
      // (`yes | sort`, `yes | sed 2q` here) would otherwise hold it without bound.
      frame.runtime.charge(block.length);
      io.out.push(block);
      // Between writes the reader takes its part (and a closed pipe stops yes), Ctrl-C comes through.
      await io.sleep(0);
      await frame.runtime.tick();
    }
    return 130;
  });
}
