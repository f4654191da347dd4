import { defineCommand, latin1FromBytes, type Command } from "just-bash";
import { quote } from "../frame";
import { shellExecFailure } from "./exec-failure";
import { STREAM_VAR } from "../transform";
import { isFileVar } from "../file-output";
import { getoptLong, tryHelp, type GetoptTable } from "./getopt-long";

/** The variables a program sees: the exported ones, without the shell's own stream marker. */
export function exported(env: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env ?? {})) if (k !== STREAM_VAR && !isFileVar(k)) out[k] = v;
  return out;
}

const TRY = tryHelp("env");

/** env.c's getopt table ("+": options end at the first operand), in its order. */
export const ENV_OPTIONS: GetoptTable = {
  program: "env",
  stopAtOperand: true,
  options: [
    { long: "ignore-environment", short: "i" }, { long: "null", short: "0" }, { long: "unset", short: "u", argument: "required" },
    { long: "chdir", short: "C", argument: "required" }, { long: "default-signal", argument: "optional" },
    { long: "ignore-signal", argument: "optional" }, { long: "block-signal", argument: "optional" }, { long: "list-signal-handling" },
    { long: "debug", short: "v" }, { long: "split-string", short: "S", argument: "required" }, { long: "help" }, { long: "version" },
  ],
};
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
    const read = getoptLong(args, ENV_OPTIONS);
    for (const { key, value, name } of read.options) {
      if (key === "i") ignore = true;
      else if (key === "0") end = "\0";
      else if (key === "u") unset.push(value!);
      else return fail(`env: ${name} is not available in Kubecoach\n`);
    }
    if (read.error) return fail(`${read.error}\n${TRY}`);
    // With "+" the operands are the arguments' tail; a lone `-` first is -i's old spelling.
    let i = args.length - read.operands.length;
    if (args[i] === "-") {
      ignore = true;
      i++;
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
    const failure = shellExecFailure(result, command[0]);
    if (failure) return { stdout: result.stdout, stderr: `env: ‘${command[0]}’: ${failure.reason}\n`, exitCode: failure.status };
    return result;
  });
}

function fail(stderr: string) {
  return { stdout: "", stderr, exitCode: 125 };
}
