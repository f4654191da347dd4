import { defineCommand, latin1FromBytes, type Command } from "just-bash";
import { quote } from "../frame";
import { STREAM_VAR } from "../transform";
import { isFileVar } from "../file-output";

/** The variables a program sees: the exported ones, without the shell's own stream marker. */
export function exported(env: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env ?? {})) if (k !== STREAM_VAR && !isFileVar(k)) out[k] = v;
  return out;
}

const TRY = "Try 'env --help' for more information.\n";
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * GNU coreutils env. just-bash's starts from every shell variable, exported or not, and the
 * program it runs does not see its NAME=VALUE assignments as exported (`env FOO=1 printenv FOO`
 * printed nothing). Here the program gets exactly the environment env computed, all exported.
 */
export function envCommand(): Command {
  return defineCommand("env", async (args, ctx) => {
    let ignore = false;
    let end = "\n";
    const unset: string[] = [];
    const assign: [string, string][] = [];
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === "--") {
        i++;
        break;
      }
      if (a === "-" || a === "-i" || a === "--ignore-environment") ignore = true;
      else if (a === "-0" || a === "--null") end = "\0";
      else if (a === "-u" || a === "--unset") {
        if (i + 1 >= args.length) return fail(`env: option requires an argument -- 'u'\n${TRY}`);
        unset.push(args[++i]);
      } else if (a.startsWith("--unset=")) unset.push(a.slice(8));
      else if (a.startsWith("-u")) unset.push(a.slice(2));
      else if (a.startsWith("--") && a.length > 2) return fail(`env: unrecognized option '${a}'\n${TRY}`);
      else if (a.startsWith("-") && a.length > 1) {
        const bad = [...a.slice(1)].find((c) => c !== "i" && c !== "0");
        if (bad) return fail(`env: invalid option -- '${bad}'\n${TRY}`);
        if (a.includes("i")) ignore = true;
        if (a.includes("0")) end = "\0";
      } else break;
    }
    for (; i < args.length && args[i].indexOf("=") > 0; i++) {
      const eq = args[i].indexOf("=");
      assign.push([args[i].slice(0, eq), args[i].slice(eq + 1)]);
    }
    const env = ignore ? {} : exported(ctx.exportedEnv);
    for (const name of unset) delete env[name];
    const command = args.slice(i);
    if (command.length === 0) {
      for (const [name, value] of assign) env[name] = value;
      return { stdout: Object.entries(env).map(([k, v]) => `${k}=${v}${end}`).join(""), stderr: "", exitCode: 0 };
    }
    if (end === "\0") return fail("env: cannot specify --null (-0) with command\n" + TRY);
    // NAME=VALUE words before the command export to it alone, as in bash; `command` runs the program
    // by name, so neither aliases nor shell functions of that name are used. With -i or -u the program
    // starts from env's computed environment (one the shell had not exported stays out anyway).
    const prefix = assign.filter(([n]) => NAME.test(n)).map(([n, v]) => `${n}=${quote(v)} `).join("");
    const script = `${prefix}command ${command.map(quote).join(" ")}`;
    const replace = ignore || unset.length > 0;
    const marker = ctx.exportedEnv?.[STREAM_VAR];
    const childEnv = replace && marker !== undefined ? { ...env, [STREAM_VAR]: marker } : env;
    const result = await ctx.exec!(script, { cwd: ctx.cwd, ...(replace ? { env: childEnv, replaceEnv: true } : {}), stdin: latin1FromBytes(ctx.stdin), stdinKind: "bytes", signal: ctx.signal });
    if (result.exitCode === 127 && result.stderr.endsWith(": command not found\n")) {
      return { stdout: result.stdout, stderr: `env: ‘${command[0]}’: No such file or directory\n`, exitCode: 127 };
    }
    return result;
  });
}

function fail(stderr: string) {
  return { stdout: "", stderr, exitCode: 125 };
}
