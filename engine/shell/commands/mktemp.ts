import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";
import { shellCommand, type ShellControl } from "./index";

/**
 * coreutils mktemp (just-bash has none): makes a file (0600) or with -d a directory (0700) named
 * from a template whose trailing X's (at least 3) become random letters and digits; without a
 * template `tmp.XXXXXXXXXX` in $TMPDIR or /tmp. -p DIR / --tmpdir[=DIR] / -t put a template in that
 * directory, --suffix adds text after the X's, -u only prints a name, -q keeps failures quiet.
 * Messages and statuses as GNU's (checked against coreutils 9.1). The letters come from the
 * environment's seeded random source, so a replayed session names the same files.
 */
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** mktemp.c's getopt table, in its order (-p and --tmpdir are one option; -V is --version). */
export const MKTEMP_OPTIONS: GetoptTable = {
  program: "mktemp",
  options: [
    { long: "directory", short: "d" }, { long: "quiet", short: "q" }, { long: "dry-run", short: "u" }, { long: "suffix", argument: "required" },
    { long: "tmpdir", key: "p", argument: "optional" }, { long: "help" }, { long: "version", short: "V" },
    { short: "p", argument: "required" }, { short: "t" },
  ],
};

export function mktempCommand(frame: ShellFrame, control: ShellControl): Command {
  return shellCommand(frame, "mktemp", async (args, ctx, io) => {
    let directory = false;
    let dryRun = false;
    let quiet = false;
    let inDir: string | undefined;
    let suffix = "";
    const fail = (message: string, usage = false) => {
      if (!quiet || usage) io.err.push(`mktemp: ${message}\n${usage ? tryHelp("mktemp") : ""}`);
      return 1;
    };
    const tmpdir = () => ctx.env.get("TMPDIR") || "/tmp";
    const read = getoptLong(args, MKTEMP_OPTIONS);
    for (const { key, value, name } of read.options) {
      if (key === "d") directory = true;
      else if (key === "u") dryRun = true;
      else if (key === "q") quiet = true;
      else if (key === "t") inDir ??= tmpdir();
      else if (key === "p") inDir = value || tmpdir();
      else if (key === "suffix") suffix = value!;
      else {
        io.err.push(`mktemp: ${name} is not available in Kubecoach\n`);
        return 1;
      }
    }
    if (read.error) {
      io.err.push(`${read.error}\n${tryHelp("mktemp")}`);
      return 1;
    }
    const templates = read.operands;
    if (templates.length > 1) return fail(`too many templates`, true);
    let template = templates[0];
    if (template === undefined) {
      template = "tmp.XXXXXXXXXX";
      inDir ??= tmpdir();
    }
    const xs = /X*$/.exec(template)![0].length;
    if (xs < 3) return fail(`too few X's in template '${template}'`);
    const named = inDir !== undefined ? `${inDir.replace(/\/+$/, "")}/${template}` : template;
    const path = () => named.slice(0, named.length - xs) + control.environment.random.string(xs, LETTERS) + suffix;
    const kind = directory ? "directory" : "file";
    for (let attempt = 0; attempt < 100; attempt++) {
      const name = path();
      const absolute = frame.fs.resolvePath(ctx.cwd, name);
      if (await frame.fs.exists(absolute)) continue;
      if (!dryRun) {
        try {
          if (directory) {
            await frame.fs.mkdir(absolute);
            await frame.fs.chmod(absolute, 0o700);
          } else {
            await frame.fs.writeFile(absolute, "");
            await frame.fs.chmod(absolute, 0o600);
          }
        } catch (err) {
          const code = (err as { code?: string }).code;
          const why = code === "EACCES" ? "Permission denied" : code === "ENOTDIR" ? "Not a directory" : "No such file or directory";
          return fail(`failed to create ${kind} via template '${named}': ${why}`);
        }
      }
      io.out.push(`${name}\n`);
      return 0;
    }
    return fail(`failed to create ${kind} via template '${named}': File exists`);
  });
}
