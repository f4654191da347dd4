import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { parseDateString } from "./date";
import { lsCommand } from "./ls";
import { shellCommand, type ShellControl } from "./index";

/**
 * File commands whose just-bash versions read the machine's real clock or know no owners: `touch`
 * stamps files with the environment's time, and `ls` (commands/ls.ts) is GNU's, with each file's
 * owner and group (owners.ts).
 */
export function fileCommands(frame: ShellFrame, control: ShellControl): Command[] {
  return [
    shellCommand(frame, "touch", async (args, ctx, io) => {
      let when = control.environment.clock.now();
      let create = true;
      let follow = true;
      const files: string[] = [];
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === "-c" || a === "--no-create") create = false;
        else if (a === "-h" || a === "--no-dereference") {
          // The link itself gets the time, and nothing is created (GNU: -h implies -c).
          follow = false;
          create = false;
        } else if (a === "-a" || a === "-m") continue;
        else if (a === "-d" || a === "--date" || a.startsWith("--date=")) {
          const value = a.startsWith("--date=") ? a.slice(7) : args[++i];
          const parsed = parseDateString(value ?? "", when);
          if (parsed === undefined) {
            io.err.push(`touch: invalid date format ‘${value ?? ""}’\n`);
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
          if (!follow) {
            if (!(await frame.fs.lstat(path).catch(() => undefined))) {
              io.err.push(`touch: setting times of '${f}': No such file or directory\n`);
              status = 1;
              continue;
            }
          } else if (!(await frame.fs.exists(path))) {
            if (!create) continue;
            await frame.fs.writeFile(path, "");
          }
          await frame.fs.utimes(path, new Date(when), new Date(when), follow);
        } catch (err) {
          const code = (err as { code?: string }).code;
          io.err.push(`touch: cannot touch '${f}': ${code === "EACCES" ? "Permission denied" : code === "EISDIR" ? "Is a directory" : "No such file or directory"}\n`);
          status = 1;
        }
      }
      return status;
    }),

    lsCommand(frame, control),
  ];
}

export function modeString(mode: number, type: string): string {
  const bit = (mask: number, c: string) => (mode & mask ? c : "-");
  let s = type + bit(0o400, "r") + bit(0o200, "w") + bit(0o100, "x") + bit(0o040, "r") + bit(0o020, "w") + bit(0o010, "x") + bit(0o004, "r") + bit(0o002, "w") + bit(0o001, "x");
  if (mode & 0o4000) s = s.slice(0, 3) + (mode & 0o100 ? "s" : "S") + s.slice(4);
  if (mode & 0o2000) s = s.slice(0, 6) + (mode & 0o010 ? "s" : "S") + s.slice(7);
  if (mode & 0o1000) s = s.slice(0, 9) + (mode & 0o001 ? "t" : "T");
  return s;
}
