import type { OutputLine, ScriptState } from "../types";
import { expandWord, type ExpandContext } from "./expand";
import type { ScriptHost } from "./host";
import { compileScript, UnsupportedShell, type Instr, type SimpleCommand } from "./parse";
import { runBuiltin, type CommandIO } from "./builtins";

/**
 * Runs a compiled script from where it stopped until it sleeps, blocks, exits or hits the step
 * budget. Commands run instantly at the script's own virtual time; `sleep` moves that time forward,
 * so output timestamps and file changes land exactly when they would in a real container.
 */
const STEP_BUDGET = 2000;
/** A loop that never sleeps is throttled to this many commands per simulated second (bounded output). */
const THROTTLE_MS = 1000;

export interface RunOutcome {
  output: OutputLine[];
  exit?: { at: number; code: number };
  wakeAt?: number;
}

export function newScript(source: string, shell: string, vars: Record<string, string>, startedAt: number): ScriptState {
  return { source, shell, pc: 0, vars, status: 0, forStack: [], sleepUntil: startedAt, steps: 0 };
}

export function checkScript(source: string): string | undefined {
  try {
    compileScript(source);
    return undefined;
  } catch (e) {
    if (e instanceof UnsupportedShell) return e.message;
    throw e;
  }
}

export function runScript(state: ScriptState, host: ScriptHost, now: number): RunOutcome {
  const output: OutputLine[] = [];
  let code: Instr[];
  try {
    code = compileScript(state.source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    output.push({ at: state.sleepUntil ?? now, stream: "stderr", text: `${state.shell}: ${message}` });
    return { output, exit: { at: state.sleepUntil ?? now, code: 2 } };
  }
  if (state.blocked) return { output };
  let t = state.sleepUntil ?? now;
  if (t > now) return { output, wakeAt: t };
  let budget = STEP_BUDGET;
  const emit = (stream: "stdout" | "stderr", text: string) => {
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    for (const line of lines) output.push({ at: t, stream, text: line });
  };
  while (state.pc < code.length) {
    if (--budget <= 0) {
      state.sleepUntil = t + THROTTLE_MS;
      // A loop that never sleeps keeps a CPU busy (metrics-server reports it).
      state.busyUntil = t + 2 * THROTTLE_MS;
      return { output, wakeAt: state.sleepUntil };
    }
    const instr = code[state.pc];
    switch (instr.op) {
      case "jmp":
        state.pc = instr.to;
        continue;
      case "jz":
        state.pc = state.status === 0 ? instr.to : state.pc + 1;
        continue;
      case "jnz":
        state.pc = state.status !== 0 ? instr.to : state.pc + 1;
        continue;
      case "for-init": {
        const ctx = expandContext(state, host, t);
        state.forStack.push({ var: instr.var, items: instr.words.flatMap((w) => expandWord(w, ctx)), index: 0 });
        state.pc++;
        continue;
      }
      case "for-next": {
        const top = state.forStack[state.forStack.length - 1];
        if (!top || top.index >= top.items.length) {
          state.forStack.pop();
          state.pc = instr.to;
          continue;
        }
        state.vars[top.var] = top.items[top.index++];
        state.pc++;
        continue;
      }
      case "for-pop":
        state.forStack.pop();
        state.pc++;
        continue;
      case "run": {
        state.pc++;
        const result = runPipeline(instr.pipeline, state, host, t, emit, !!instr.background);
        if (result.exit !== undefined) return { output, exit: { at: t, code: result.exit } };
        state.status = instr.negate ? (result.status === 0 ? 1 : 0) : result.status;
        if (result.sleepMs !== undefined) {
          if (result.sleepMs === Infinity) {
            state.blocked = true;
            state.sleepUntil = undefined;
            return { output };
          }
          t += result.sleepMs;
          state.sleepUntil = t;
          if (t > now) return { output, wakeAt: t };
        }
        if (state.vars["-"]?.includes("e") && state.status !== 0 && !instr.negate) return { output, exit: { at: t, code: state.status } };
        continue;
      }
    }
  }
  return { output, exit: { at: t, code: state.status } };
}

function expandContext(state: ScriptState, host: ScriptHost, t: number): ExpandContext {
  return {
    lookup: (name) => (name === "?" ? String(state.status) : name === "$" ? "1" : name === "#" ? "0" : name === "0" ? state.shell : state.vars[name]),
    substitute: (source) => {
      // $(…) runs to completion at once (a sleep inside it does not move the script's time).
      const sub: ScriptState = { ...state, source, pc: 0, forStack: [], vars: { ...state.vars } };
      let text = "";
      try {
        const code = compileScript(source);
        while (sub.pc < code.length) {
          const instr = code[sub.pc];
          if (instr.op !== "run") break;
          sub.pc++;
          runPipeline(instr.pipeline, sub, host, t, (stream, chunk) => {
            if (stream === "stdout") text += chunk;
          }, false);
        }
      } catch {
        return "";
      }
      return text;
    },
  };
}

function runPipeline(
  pipeline: SimpleCommand[],
  state: ScriptState,
  host: ScriptHost,
  t: number,
  emit: (stream: "stdout" | "stderr", text: string) => void,
  background: boolean,
): { status: number; sleepMs?: number; exit?: number } {
  let stdin = "";
  let last: { status: number; sleepMs?: number; exit?: number } = { status: 0 };
  const ctx = expandContext(state, host, t);
  pipeline.forEach((cmd, index) => {
    const isLast = index === pipeline.length - 1;
    const argv = cmd.words.flatMap((w) => expandWord(w, ctx));
    const assigns = cmd.assigns.map(([k, v]) => [k, expandWord(v, ctx).join(" ")] as const);
    if (argv.length === 0) {
      for (const [k, v] of assigns) state.vars[k] = v;
      last = { status: 0 };
      return;
    }
    let out = "";
    let err = "";
    const io: CommandIO = {
      stdin,
      stdout: (s) => (out += s),
      stderr: (s) => (err += s),
      vars: state.vars,
      now: t,
      shell: state.shell,
      host,
      background,
    };
    let redirected: { stdout?: { path: string; append: boolean }; stderr?: { path: string; append: boolean } | "stdout"; stdoutToStderr?: boolean } = {};
    for (const r of cmd.redirects) {
      const target = expandWord(r.target, ctx).join(" ");
      if (r.op === "<") io.stdin = host.fs.read(target) ?? "";
      else if (r.op === ">&") {
        if (r.fd === 2 && target === "1") redirected.stderr = "stdout";
        else if (r.fd === 1 && target === "2") redirected.stdoutToStderr = true;
      } else if (r.fd === 2) redirected.stderr = { path: target, append: r.op === ">>" };
      else redirected = { ...redirected, stdout: { path: target, append: r.op === ">>" } };
    }
    // The shell opens (and truncates) redirect targets before it runs the command; one it cannot
    // open fails the command with status 1 and the command never runs.
    const files = [redirected.stdout, typeof redirected.stderr === "object" ? redirected.stderr : undefined];
    const cannotOpen = files.find((target) => target && !DEVICES.has(target.path) && openForRedirect(host, target, state.shell, emit));
    if (cannotOpen) {
      stdin = "";
      last = { status: 1 };
      return;
    }
    const result = runBuiltin(argv, io);
    if (redirected.stderr === "stdout") {
      out += err;
      err = "";
    }
    const deliver = (text: string, target: { path: string; append: boolean } | undefined, stream: "stdout" | "stderr") => {
      if (!target) {
        if (stream === "stdout" && !isLast) return;
        emit(stream, text);
        return;
      }
      if (target.path === "/dev/null") return;
      if (target.path === "/dev/stdout" || target.path === "/proc/1/fd/1") return emit("stdout", text);
      if (target.path === "/dev/stderr" || target.path === "/proc/1/fd/2") return emit("stderr", text);
      // Opened (and truncated) already: the output lands after whatever the file holds now.
      const error = host.fs.write(target.path, text, true);
      if (error) emit("stderr", redirectError(state.shell, target.path, error));
    };
    if (redirected.stdoutToStderr) deliver(out, undefined, "stderr");
    else deliver(out, redirected.stdout, "stdout");
    if (typeof redirected.stderr === "object") deliver(err, redirected.stderr, "stderr");
    else if (err) emit("stderr", err);
    stdin = out;
    last = result;
  });
  return last;
}

const DEVICES = new Set(["/dev/null", "/dev/stdout", "/dev/stderr", "/proc/1/fd/1", "/proc/1/fd/2"]);

/** bash names the file; busybox ash (the `sh` of most images) says it cannot create it. */
function redirectError(shell: string, path: string, error: string): string {
  if (shell === "bash") return `bash: ${path}: ${error}\n`;
  return `${shell}: can't create ${path}: ${error === "No such file or directory" ? "nonexistent directory" : error}\n`;
}

/** Opens a redirect target as the shell does before running the command; true when it cannot. */
function openForRedirect(host: ScriptHost, target: { path: string; append: boolean }, shell: string, emit: (stream: "stdout" | "stderr", text: string) => void): boolean {
  const error = host.fs.write(target.path, "", target.append);
  if (!error) return false;
  emit("stderr", redirectError(shell, target.path, error));
  return true;
}
