import type { CommandResult } from "./harness";

/**
 * Golden transcripts: what a real kubeadm v1.33 cluster prints, written down from the Kubernetes
 * source and documentation, never recorded from Kubecoach.
 *
 *   # a comment
 *   $ kubectl get pod nope            a command (bash); `> ` lines continue it (here-documents)
 *   2> Error from server (NotFound): pods "nope" not found      a line of stderr
 *   NAME   STATUS   AGE              a line of stdout
 *   [exit 1]                          the exit code, when it is not 0
 *
 * Ages, timestamps and tokens vary from run to run; `normalise` rewrites both sides the same way.
 */
export interface GoldenStep {
  command: string;
  expected: string[];
  line: number;
}

export function parseGolden(text: string): GoldenStep[] {
  const steps: GoldenStep[] = [];
  const lines = text.replace(/\n$/, "").split("\n");
  lines.forEach((line, i) => {
    if (line.startsWith("# ") || line === "#") return;
    if (line.startsWith("$ ")) {
      steps.push({ command: line.slice(2), expected: [], line: i + 1 });
      return;
    }
    const step = steps[steps.length - 1];
    if (!step) throw new Error(`line ${i + 1}: output before the first command`);
    if (line.startsWith("> ") && step.expected.length === 0) {
      step.command += `\n${line.slice(2)}`;
      return;
    }
    step.expected.push(line);
  });
  return steps;
}

/** The result as golden lines: stdout, then stderr prefixed with `2> `, then `[exit N]`. */
export function transcript(result: CommandResult): string[] {
  const split = (s: string) => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));
  return [...split(result.stdout), ...split(result.stderr).map((l) => `2> ${l}`), ...(result.code !== 0 ? [`[exit ${result.code}]`] : [])];
}

const AGE = /(^|\s)(\d+[smhdy])+(?=\s|$)/g;

/** Replaces what legitimately differs between runs, keeping the table layout comparable. */
export function normalise(line: string): string {
  return line
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, "<jwt>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g, "<time>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uid>")
    .replace(AGE, "$1<age>")
    // An age column's width follows its widest value; spacing after it is not part of the contract.
    .replace(/(<age>|AGE)\s+(?=\S)/g, "$1   ")
    .replace(/\s+$/, "");
}
