import type { Command } from "just-bash";
import { runBundled } from "../bundled";
import { asUtf8, byteMark, hasByteMarks, markedBytes } from "./escape-bytes";
import { envCommand, exported } from "./env";
import type { ShellFrame } from "../frame";
import { formatDate, parseDateString } from "./date";
import { followTail } from "./tail-follow";
import { shellCommand, type ShellControl } from "./index";

/**
 * Commands the shell provides itself because their output depends on the simulation (date reads
 * the environment's clock), because they must stream (`tail -f`), or because a shell builtin would
 * keep their output from streaming in loops (`echo`).
 */
export function textCommands(frame: ShellFrame, control: ShellControl): Command[] {
  return [
    shellCommand(frame, "echo", async (args, ctx, io) => {
      let newline = true;
      let escapes = ctx.xpgEcho ?? false;
      let i = 0;
      for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
        for (const f of args[i].slice(1)) {
          if (f === "n") newline = false;
          else if (f === "e") escapes = true;
          else escapes = false;
        }
      }
      let text = args.slice(i).join(" ");
      if (escapes) {
        const r = interpretEscapes(text);
        text = r.text;
        if (r.stop) newline = false;
      }
      const out = newline ? `${text}\n` : text;
      if (!hasByteMarks(out)) io.out.push(out);
      else {
        // A byte escape above 0x7f (`\xff`, `\0377`) is that byte, not a character.
        const bytes = markedBytes(out);
        const utf8 = asUtf8(bytes);
        if (utf8 !== undefined) io.out.push(utf8);
        else io.out.pushBytes(bytes);
      }
      return 0;
    }),

    // just-bash's env and printenv list unexported shell variables too; programs see only exports.
    shellCommand(frame, "printenv", async (args, ctx, io) => {
      const env = exported(ctx.exportedEnv);
      const names = args.filter((a) => !a.startsWith("-"));
      const end = args.includes("-0") || args.includes("--null") ? "\0" : "\n";
      if (names.length === 0) {
        io.out.push(Object.entries(env).map(([k, v]) => `${k}=${v}${end}`).join(""));
        return 0;
      }
      let status = 0;
      for (const name of names) {
        if (name in env) io.out.push(`${env[name]}${end}`);
        else status = 1;
      }
      return status;
    }),
    envCommand(),

    // just-bash caps a sleep at one hour; coreutils sleeps as long as it is told.
    shellCommand(frame, "sleep", async (args, _ctx, io) => {
      if (args.length === 0) {
        io.err.push("sleep: missing operand\nTry 'sleep --help' for more information.\n");
        return 1;
      }
      let total = 0;
      for (const a of args) {
        const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
        if (!m && a !== "infinity") {
          io.err.push(`sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
          return 1;
        }
        total += m ? Number(m[1]) * { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"] * 1000 : Number.MAX_SAFE_INTEGER;
      }
      await io.sleep(total);
      return io.signal.aborted ? 130 : 0;
    }),

    shellCommand(frame, "date", async (args, _ctx, io) => {
      let when = control.environment.clock.now();
      let format: string | undefined;
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === "-u" || a === "--utc" || a === "--universal") continue;
        if (a === "-d" || a === "--date" || a.startsWith("--date=") || (a.startsWith("-d") && a.length > 2)) {
          const value = a === "-d" || a === "--date" ? args[++i] : a.startsWith("--date=") ? a.slice(7) : a.slice(2);
          const parsed = parseDateString(value ?? "", when);
          if (parsed === undefined) {
            io.err.push(`date: invalid date ‘${value ?? ""}’\n`);
            return 1;
          }
          when = parsed;
        } else if (a === "-R" || a === "--rfc-email") format = "%a, %d %b %Y %H:%M:%S %z";
        else if (a === "-I" || a === "--iso-8601" || a === "-Idate" || a === "--iso-8601=date") format = "%Y-%m-%d";
        else if (a === "-Iseconds" || a === "--iso-8601=seconds") format = "%Y-%m-%dT%H:%M:%S+00:00";
        else if (a === "-Iminutes" || a === "--iso-8601=minutes") format = "%Y-%m-%dT%H:%M+00:00";
        else if (a === "-Ihours" || a === "--iso-8601=hours") format = "%Y-%m-%dT%H+00:00";
        else if (a === "-Ins" || a === "--iso-8601=ns") format = "%Y-%m-%dT%H:%M:%S,%N+00:00";
        else if (a.startsWith("--rfc-3339=")) format = a.endsWith("date") ? "%Y-%m-%d" : a.endsWith("ns") ? "%Y-%m-%d %H:%M:%S.%N+00:00" : "%Y-%m-%d %H:%M:%S+00:00";
        else if (a.startsWith("+")) format = a.slice(1);
        else if (a.startsWith("-")) {
          io.err.push(`date: invalid option -- '${a.slice(1, 2)}'\nTry 'date --help' for more information.\n`);
          return 1;
        } else {
          io.err.push("date: cannot set date: Operation not permitted\n");
          return 1;
        }
      }
      io.out.push(`${formatDate(new Date(when), format ?? "%a %b %e %H:%M:%S %Z %Y")}\n`);
      return 0;
    }),

    shellCommand(frame, "tail", async (args, ctx, io) => {
      const follow = args.some((a) => a === "-f" || a === "-F" || a === "--follow" || a.startsWith("--follow=") || (/^-[^-]*f/i.test(a) && /^-[nqvcF]*[fF][nqvcF]*$/.test(a)));
      if (follow) return followTail(frame, args, ctx, io);
      const result = await runBundled("tail", args.filter((a) => a !== "-"), ctx);
      io.out.push(result.stdout);
      io.err.push(result.stderr);
      return result.exitCode;
    }),
  ];
}

function interpretEscapes(text: string): { text: string; stop: boolean } {
  let out = "";
  const map: Record<string, string> = { a: "\x07", b: "\b", e: "\x1b", E: "\x1b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "\\" || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i];
    if (n === "c") return { text: out, stop: true };
    if (n in map) out += map[n];
    else if (n === "0") {
      const m = /^[0-7]{0,3}/.exec(text.slice(i + 1))![0];
      out += byteMark(parseInt(m || "0", 8) & 0xff);
      i += m.length;
    } else if (n === "x") {
      const m = /^[0-9a-fA-F]{1,2}/.exec(text.slice(i + 1));
      if (m) {
        out += byteMark(parseInt(m[0], 16));
        i += m[0].length;
      } else out += "\\x";
    } else if (n === "u" || n === "U") {
      const m = new RegExp(`^[0-9a-fA-F]{1,${n === "u" ? 4 : 8}}`).exec(text.slice(i + 1));
      if (m) {
        out += String.fromCodePoint(parseInt(m[0], 16));
        i += m[0].length;
      } else out += `\\${n}`;
    } else out += `\\${n}`;
  }
  return { text: out, stop: false };
}

/** GNU uniq -c pads each count to seven columns ("%7d "); just-bash's pads to four. */
export function uniqCommand(frame: ShellFrame): Command {
  return shellCommand(frame, "uniq", async (args, ctx, io) => {
    const result = await runBundled("uniq", args, ctx);
    const counted = args.some((a) => a === "--count" || (/^-[a-zA-Z]+$/.test(a) && a.includes("c")));
    io.out.push(counted ? result.stdout.replace(/^ *(\d+) /gm, (_, n: string) => `${n.padStart(7)} `) : result.stdout);
    io.err.push(result.stderr);
    return result.exitCode;
  });
}
