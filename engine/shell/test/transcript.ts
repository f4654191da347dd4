import { readFileSync } from "node:fs";
import type { Environment } from "../../cluster/environment";
import { createTerminal, type TerminalOptions } from "../terminal";

/**
 * Golden transcripts: a file of `$ command` lines, each followed by the exact output the terminal
 * must print (stdout and stderr interleaved as they appear). A continuation line of a multi-line
 * command starts with `> `. A block may end with `[N]` to assert the exit status (default 0).
 * Lines `< text` after a command are typed while it runs, for a program reading the terminal
 * (`<` alone: an empty line, `<^D`: Ctrl-D, `<^C`: Ctrl-C, also pressed when the command waits);
 * output follows them. `<^Z` presses Ctrl-Z
 * when the command next waits (a sleep, a watch) or reads; the terminal's tty would echo `^Z`, which
 * a transcript does not show: the shell's own output starts with the newline before `[1]+  Stopped`.
 * A step `$ ^C` presses Ctrl-C at the prompt (its output: what an INT trap prints there).
 * Header lines `#! key=value` set terminal options (host, user, `interactive=false`: the lines are a
 * script's, as `kubecoach shell < file` runs them); other `#` lines are comments.
 * The escape character is written `\e` (colours of a TTY).
 */
export interface TranscriptStep {
  command: string;
  /** Typed while the command runs: a line with "\n", "" for Ctrl-D, or CTRL_C. */
  typed: string[];
  expected: string;
  exitCode: number;
  line: number;
}

export const CTRL_C = "\x03";
export const CTRL_Z = "\x1a";

export function parseTranscript(text: string): { options: Record<string, string>; steps: TranscriptStep[] } {
  const options: Record<string, string> = {};
  const steps: TranscriptStep[] = [];
  let current: (TranscriptStep & { out: string[] }) | undefined;
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const finish = () => {
    if (!current) return;
    current.expected = current.out.length ? `${current.out.join("\n")}\n` : "";
    steps.push({ command: current.command, typed: current.typed, expected: current.expected, exitCode: current.exitCode, line: current.line });
    current = undefined;
  };
  lines.forEach((line, i) => {
    if (!current && line.startsWith("#!")) {
      for (const pair of line.slice(2).trim().split(/\s+/)) {
        const [k, v] = pair.split("=");
        options[k] = v;
      }
      return;
    }
    if (line.startsWith("$ ") || line === "$") {
      finish();
      current = { command: line.slice(2), typed: [], expected: "", exitCode: 0, line: i + 1, out: [] };
      return;
    }
    if (!current) return;
    if (line.startsWith("> ") && current.out.length === 0 && current.typed.length === 0) {
      current.command += `\n${line.slice(2)}`;
      return;
    }
    if ((line === "<" || line.startsWith("< ") || line === "<^D" || line === "<^C" || line === "<^Z") && current.out.length === 0) {
      current.typed.push(line === "<^D" ? "" : line === "<^C" ? CTRL_C : line === "<^Z" ? CTRL_Z : `${line.slice(2)}\n`);
      return;
    }
    const status = /^\[(\d+)\]$/.exec(line);
    if (status) {
      current.exitCode = Number(status[1]);
      return;
    }
    current.out.push(line);
  });
  finish();
  return { options, steps };
}

export interface TranscriptMismatch {
  line: number;
  command: string;
  expected: string;
  actual: string;
  expectedExit: number;
  actualExit: number;
}

/** Replays a transcript in a fresh terminal; returns the steps whose output or status differ. */
export async function replayTranscript(env: Environment, text: string, extra: TerminalOptions = {}): Promise<TranscriptMismatch[]> {
  const { options, steps } = parseTranscript(text);
  const terminal = createTerminal(env, { ...(options.host ? { host: options.host } : {}), ...(options.user ? { user: options.user } : {}), ...(options.interactive === "false" ? { interactive: false } : {}), ...extra });
  const mismatches: TranscriptMismatch[] = [];
  let typed: string[] = [];
  // A program reading the terminal gets the step's typed lines; with none left, end of input.
  terminal.onRead = () => {
    const next = typed.shift() ?? "";
    if (next === CTRL_C) terminal.interrupt();
    else if (next === CTRL_Z) terminal.suspend();
    else terminal.input(next);
  };
  terminal.onWait = () => {
    if (typed[0] === CTRL_C) {
      typed.shift();
      terminal.interrupt();
    }
    if (typed[0] !== CTRL_Z) return;
    typed.shift();
    terminal.suspend();
  };
  for (const step of steps) {
    typed = [...step.typed];
    let actual = "";
    let exitCode = 0;
    const sink = (data: string) => (actual += data.replace(/\x1b/g, "\\e"));
    if (step.command === "^C") {
      terminal.interrupt();
      exitCode = (await terminal.interruptAtPrompt(sink)).exitCode;
    }
    for (const part of step.command === "^C" ? [] : step.command.split("\n")) {
      const r = await terminal.exec(part, sink);
      exitCode = r.exitCode;
    }
    if (actual !== step.expected || exitCode !== step.exitCode) {
      mismatches.push({ line: step.line, command: step.command, expected: step.expected, actual, expectedExit: step.exitCode, actualExit: exitCode });
    }
  }
  return mismatches;
}

export function readTranscript(name: string): string {
  return readFileSync(new URL(`./transcripts/${name}`, import.meta.url), "utf8");
}
