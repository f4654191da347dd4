import { defineCommand, type Command, type ExecResult, type ResolvedCommandContext } from "just-bash";
import { runBundled } from "../bundled";
import type { ShellFrame } from "../frame";
import { streamPosition } from "../bridge";
import { parseDateString } from "./date";
import { takeColourOption } from "./colour-option";
import { colourLsOutput, LS_COLOUR_OPTION } from "./ls-colour";
import { shellCommand, type ShellControl } from "./index";

/**
 * File commands whose just-bash versions read the machine's real clock or know no owners: `touch`
 * stamps files with the environment's time, and `ls -l` shows owners and dates as on the lab's
 * machines (root owns the system, a user their home; recent files show the time, older ones the year).
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const SIX_MONTHS = 15_778_476_000;

export function ownerOf(path: string): string {
  const m = /^\/home\/([^/]+)/.exec(path);
  return m ? m[1] : "root";
}

function lsDate(mtime: number, now: number): string {
  const d = new Date(mtime);
  const day = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
  if (Math.abs(now - mtime) > SIX_MONTHS) return `${day}  ${d.getUTCFullYear()}`;
  return `${day} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}

export function fileCommands(frame: ShellFrame, control: ShellControl): Command[] {
  return [
    shellCommand(frame, "touch", async (args, ctx, io) => {
      let when = control.environment.clock.now();
      let create = true;
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === "-c" || a === "--no-create") create = false;
        else if (a === "-a" || a === "-m" || a === "-h") continue;
        else if (a === "-d" || a === "--date" || a.startsWith("--date=")) {
          const value = a.startsWith("--date=") ? a.slice(7) : args[++i];
          const parsed = parseDateString(value ?? "", when);
          if (parsed === undefined) {
            io.err.push(`touch: invalid date format '${value ?? ""}'\n`);
            return 1;
          }
          when = parsed;
        } else if (a === "-r" || a === "--reference") {
          try {
            when = (await frame.fs.stat(frame.fs.resolvePath(ctx.cwd, args[++i] ?? ""))).mtime.getTime();
          } catch {
            io.err.push(`touch: failed to get attributes of '${args[i]}': No such file or directory\n`);
            return 1;
          }
        } else if (a.startsWith("-") && a !== "-") {
          io.err.push(`touch: invalid option -- '${a.slice(1, 2)}'\nTry 'touch --help' for more information.\n`);
          return 1;
        } else files.push(a);
      }
      if (files.length === 0) {
        io.err.push("touch: missing file operand\nTry 'touch --help' for more information.\n");
        return 1;
      }
      let status = 0;
      for (const f of files) {
        const path = frame.fs.resolvePath(ctx.cwd, f);
        try {
          if (!(await frame.fs.exists(path))) {
            if (!create) continue;
            await frame.fs.writeFile(path, "");
          }
          await frame.fs.utimes(path, new Date(when), new Date(when));
        } catch (err) {
          const code = (err as { code?: string }).code;
          io.err.push(`touch: cannot touch '${f}': ${code === "EACCES" ? "Permission denied" : code === "EISDIR" ? "Is a directory" : "No such file or directory"}\n`);
          status = 1;
        }
      }
      return status;
    }),

    defineCommand("ls", async (given, ctx) => {
      await frame.runtime.tick();
      // just-bash's ls has no --color: it is taken off and the listing coloured after.
      const taken = takeColourOption(given, LS_COLOUR_OPTION);
      if (!taken) return runBundled("ls", given, ctx);
      const result = await longListing(taken.args, ctx);
      const colour = taken.when === "always" || (taken.when === "auto" && streamPosition(ctx).stdoutToTerminal && frame.runtime.terminal().isTTY);
      if (!colour || !result.stdout) return result;
      const stdout = await colourLsOutput(result.stdout, {
        cwd: ctx.cwd,
        operands: taken.args.filter((a) => !a.startsWith("-") || a === "-"),
        directoryItself: taken.args.some((a) => a === "--directory" || /^-[a-zA-Z]*d/.test(a)),
        classify: taken.args.some((a) => /^-[a-zA-Z]*[Fp]/.test(a)),
        lsColors: ctx.env.get("LS_COLORS"),
        resolve: (base, name) => frame.fs.resolvePath(base, name),
        entry: async (path) => {
          try {
            const st = await frame.fs.lstat(path);
            const targetExists = st.isSymbolicLink ? await frame.fs.exists(path) : undefined;
            return { mode: st.mode, isDirectory: st.isDirectory, isSymbolicLink: st.isSymbolicLink, isFile: st.isFile, targetExists };
          } catch {
            return undefined;
          }
        },
      });
      return { ...result, stdout };
    }),
  ];

  /** just-bash's ls, its -l rows given the lab's owners, dates and modes. */
  async function longListing(args: string[], ctx: ResolvedCommandContext): Promise<ExecResult> {
    const result = await runBundled("ls", args, ctx);
    const long = args.some((a) => /^-[a-zA-Z]*[lgno][a-zA-Z]*$/.test(a));
    if (!long || !result.stdout) return result;
    const operands = args.filter((a) => !a.startsWith("-"));
    const now = control.environment.clock.now();
    const lines = result.stdout.split("\n");
    let dir = operands.length === 1 ? frame.fs.resolvePath(ctx.cwd, operands[0]) : ctx.cwd;
    const out: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (/^.+:$/.test(line) && !line.startsWith(" ")) dir = frame.fs.resolvePath(ctx.cwd, line.slice(0, -1));
      // just-bash separates the rows of several file operands with blank lines; ls does not.
      if (line === "" && operands.length > 1 && lines[i + 1]?.match(/^[-dlcbps][rwx-]{9}/)) continue;
      const m = /^([-dlcbps][rwxsStT-]{9}\S*\s+\d+\s+)user user(\s+\S+\s+)(\w{3} [ \d]\d (?:[ \d]\d:\d\d| \d{4})) (.*)$/.exec(line);
      if (!m) {
        out.push(line);
        continue;
      }
      const name = m[4].replace(/ -> .*$/, "");
      let path = name.startsWith("/") ? name : name === "." ? dir : name === ".." ? frame.fs.resolvePath(dir, "..") : `${dir === "/" ? "" : dir}/${name}`;
      if (operands.length > 1 || (operands.length === 1 && !(await isDir(frame, dir)))) path = frame.fs.resolvePath(ctx.cwd, name);
      let date = m[3];
      let prefix = m[1];
      try {
        const st = await frame.fs.lstat(path);
        date = lsDate(st.mtime.getTime(), now);
        // just-bash prints every file as 644 and every directory as 755.
        prefix = `${modeString(st.mode, st.isDirectory ? "d" : st.isSymbolicLink ? "l" : "-")}${m[1].slice(10)}`;
      } catch {
        // Keep what ls printed for what cannot be stat'ed.
      }
      const owner = ownerOf(path);
      const group = owner;
      const classify = args.some((a) => /^-[a-zA-Z]*[Fp]/.test(a));
      const shown = !classify && prefix.startsWith("d") && m[4].endsWith("/") && m[4] !== "/" ? m[4].slice(0, -1) : m[4];
      out.push(`${prefix}${owner.padEnd(4)} ${group.padEnd(4)}${m[2]}${date} ${shown}`);
    }
    return { ...result, stdout: out.join("\n") };
  }
}

export function modeString(mode: number, type: string): string {
  const bit = (mask: number, c: string) => (mode & mask ? c : "-");
  let s = type + bit(0o400, "r") + bit(0o200, "w") + bit(0o100, "x") + bit(0o040, "r") + bit(0o020, "w") + bit(0o010, "x") + bit(0o004, "r") + bit(0o002, "w") + bit(0o001, "x");
  if (mode & 0o4000) s = s.slice(0, 3) + (mode & 0o100 ? "s" : "S") + s.slice(4);
  if (mode & 0o2000) s = s.slice(0, 6) + (mode & 0o010 ? "s" : "S") + s.slice(7);
  if (mode & 0o1000) s = s.slice(0, 9) + (mode & 0o001 ? "t" : "T");
  return s;
}

async function isDir(frame: ShellFrame, path: string): Promise<boolean> {
  try {
    return (await frame.fs.stat(path)).isDirectory;
  } catch {
    return false;
  }
}
