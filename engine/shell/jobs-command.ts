import { serialize, type StatementNode } from "just-bash";

/**
 * What a background statement runs and how `jobs` names it. bash prints a job's command from its
 * parse tree on one line (`( exit 2 )`, `{ sleep 1; echo hi; }`, `a && b`), which just-bash's
 * serializer spreads over lines; the display text joins them back the way bash does.
 */
export interface BackgroundCommand {
  /** The script the job's subshell runs. */
  script: string;
  /** The command as `jobs` and the notices show it (without ` &`). */
  display: string;
}

export function backgroundCommand(statement: StatementNode): BackgroundCommand {
  const foreground: StatementNode = { ...statement, background: false };
  const text = serialize({ type: "Script", statements: [foreground] });
  return { script: jobStatements(foreground).map(live).join("\n"), display: /^(?:for|while|until|if)\b/.test(text) ? compoundLayout(text) : oneLine(text) };
}

/**
 * `{ a; b; } &` and `( a; b ) &` run their statements one by one in the job's shell (already a
 * subshell), so each statement's output reaches the terminal when it ends rather than all at the
 * job's end.
 */
function jobStatements(statement: StatementNode): StatementNode[] {
  if (statement.pipelines.length !== 1) return [statement];
  const pipeline = statement.pipelines[0];
  if (pipeline.commands.length !== 1 || pipeline.negated || pipeline.timed) return [statement];
  const command = pipeline.commands[0];
  if ((command.type !== "Group" && command.type !== "Subshell") || command.redirections.length > 0) return [statement];
  return command.body;
}

/**
 * A statement whose programs write to the terminal as they go: the shell keeps a command's output
 * until it ends or waits (to keep it in order with the shell's own output), except inside a loop
 * (transform.ts, `L`). A job's output has no prompt to keep order with, and a `kubectl get -w`
 * in the background waits on its watch, not on a sleep: each statement runs as the body of a
 * loop of one turn (its status is the loop's; the loop variable is `$_`, which the next command
 * sets again, and `set -x` shows no trace of the loop).
 */
function live(statement: StatementNode): string {
  return `for _ in 1; do ${serialize({ type: "Script", statements: [statement] })}\ndone`;
}

/**
 * How bash prints a loop or an `if` (print_cmd.c): the body on lines of its own, indented by four
 * spaces, each command ending with `;`, and a `for` loop's `do` on a line of its own:
 * `for i in 1 2;\ndo\n    echo $i;\ndone`.
 */
export function compoundLayout(text: string, base = 0): string {
  const out: string[] = [];
  let depth = base;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (/^(?:done|fi|else|elif)\b/.test(line)) depth = Math.max(base, depth - 1);
    const indent = "    ".repeat(depth);
    if (/^for\b.*; do$/.test(line)) {
      out.push(`${indent}${line.slice(0, -" do".length)}`, `${indent}do`);
      depth++;
    } else if (/; (?:do|then)$/.test(line) || line === "else") {
      out.push(`${indent}${line}`);
      depth++;
    } else if (/^(?:done|fi)\b/.test(line) || depth === 0 || line.endsWith("&")) out.push(`${indent}${line}`);
    else out.push(`${indent}${line.endsWith(";") ? line : `${line};`}`);
  }
  return out.join("\n");
}

/** bash's one-line form of a command just-bash serialized over several lines. */
function oneLine(text: string): string {
  const lines = text.split("\n");
  let out = lines[0];
  for (const line of lines.slice(1)) {
    // After a keyword that opens a body, or an operator, bash goes on with a space; else with "; ".
    out += /(?:\bdo|\bthen|\belse|\{|\(|\||&&|;)$/.test(out) ? ` ${line}` : `; ${line}`;
  }
  return out
    .replace(/^\((?! )(.*)\)$/s, "( $1 )")
    .replace(/([<>])& (\d)/g, "$1&$2");
}

/**
 * just-bash treats `wait` as a builtin that returns at once; the shell's own `wait` (jobs-builtins.ts)
 * is registered under this name and the command words `wait` of a line are renamed to it.
 */
export const WAIT_COMMAND = "__kc_wait";

/** Whether a line may hold a command that renameJobCommands changes (a cheap test before parsing it). */
export function mentionsJobCommands(line: string): boolean {
  return line.includes("wait") || line.includes("%");
}

/** A command word that is a job spec (`%1`, `%%`, `%-`, `%vi`): bash runs it as `fg` with it. */
export function isJobSpecWord(word: string): boolean {
  return /^%./.test(word) || word === "%";
}

type Word = { type: string; parts?: { type: string; value?: string }[] };

/**
 * Renames every `wait` command of a parsed line (its own fresh tree) to WAIT_COMMAND, and makes a
 * command that is a job spec (`%1`) `fg %1`.
 */
export function renameWaitCommands(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) renameWaitCommands(item);
    return;
  }
  if (!node || typeof node !== "object") return;
  const record = node as { type?: string; name?: Word | null; args?: Word[] };
  if (record.type === "SimpleCommand") {
    const parts = record.name?.parts;
    if (parts?.length === 1 && parts[0].type === "Literal" && parts[0].value === "wait") parts[0].value = WAIT_COMMAND;
    else if (record.name && parts?.length === 1 && parts[0].type === "Literal" && isJobSpecWord(parts[0].value ?? "")) {
      record.args = [{ ...record.name, parts: [{ ...parts[0] }] }, ...(record.args ?? [])];
      parts[0].value = "fg";
    }
  }
  for (const value of Object.values(node)) if (value && typeof value === "object") renameWaitCommands(value);
}
