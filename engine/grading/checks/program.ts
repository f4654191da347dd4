import "../../programs-index";
import { PROGRAMS } from "../../programs";
import type { ProgramContext } from "../../process/types";
import { hostOf, type GradingContext } from "../context";
import type { CheckOf } from "../schema";
import { FeatureUnavailableError } from "../unavailable";
import { firstLine, textMismatch } from "./command";
import { fail, pass, type CheckOutcome } from "./outcome";

/** Simulated time one program may wait through, as a script's command may (then it is stopped). */
const SLEEP_LIMIT_MS = 60 * 60 * 1000;
const ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin";

/**
 * `program`: one simulated program run as root on a host, straight through the program contract
 * (engine/process/types.ts) — what a `command` check does for a single command, without building a
 * bash process for it. Its exit status and output are the program's own, so expectations read as
 * they would on `ip addr show br0` or `sysctl -n net.ipv4.ip_forward` in a terminal.
 */
export async function programCheck(check: CheckOf<"program">, ctx: GradingContext): Promise<CheckOutcome> {
  const hostName = check.host ?? ctx.homeHost;
  const host = hostOf(ctx, hostName);
  const [name, ...args] = check.argv;
  const line = firstLine(check.argv.join(" "));
  const program = PROGRAMS.get(name);
  if (!program) throw new FeatureUnavailableError(`\`${line}\` (${name}: command not found)`);
  let stdout = "";
  let stderr = "";
  let slept = 0;
  const controller = new AbortController();
  const context: ProgramContext = {
    args,
    name,
    stdin: "",
    env: { HOME: "/root", USER: "root", LOGNAME: "root", SHELL: "/bin/bash", PATH: ROOT_PATH, LANG: "C.UTF-8", TERM: "dumb", HOSTNAME: host.name },
    cwd: "/root",
    host,
    user: "root",
    environment: ctx.env,
    stdout: (chunk) => void (stdout += chunk),
    stderr: (chunk) => void (stderr += chunk),
    signal: controller.signal,
    terminal: { isTTY: false, columns: 80, rows: 24 },
    // As in a script: waiting moves the virtual clock on.
    sleep: async (ms) => {
      slept += ms;
      if (slept > SLEEP_LIMIT_MS) controller.abort();
      else ctx.env.advanceBy(Math.max(0, Math.round(ms)));
    },
  };
  const exitCode = await program(context);
  const gap = /^.*(is not available in Kubecoach yet)$/m.exec(stderr);
  if (gap) throw new FeatureUnavailableError(`\`${line}\` (${gap[0].replace(/ is not available in Kubecoach yet$/, "")})`);
  const wanted = check.exitCode ?? 0;
  if (exitCode !== wanted) {
    const said = (stderr || stdout).trim().split("\n").slice(-1)[0];
    return fail(`\`${line}\` on ${hostName} exited with ${exitCode}, expected ${wanted}${said ? `: ${said}` : ""}`);
  }
  const problem = (check.stdout && textMismatch("its output", stdout, check.stdout)) || (check.stderr && textMismatch("its error output", stderr, check.stderr));
  return problem ? fail(`\`${line}\` on ${hostName}: ${problem}`) : pass;
}
