import { grepIsPerLine, sedIsPerLine } from "./line-filters";

/**
 * What a stage after a streaming producer (`kubectl get pods -w | grep web | head -n 3`) does with
 * the lines reaching it, so that the pipeline can answer while the producer still runs (see
 * pipe-stream.ts). A real filter reads its input as it arrives; just-bash runs a command on its whole
 * stdin, so a stage that keeps no state between lines runs once per batch of lines instead, which is
 * the same program. Stages that keep state (sort, uniq, wc, awk with END or counters, grep -c) take
 * all their input and answer when it ends, as they really do.
 */
export interface PipeStageSpec {
  /** The stage as shell text, for its first run. */
  first: string;
  /** The stage for the runs after the first: `>` redirections append, `tee` appends (its file was opened once). */
  later: string;
  /** Its command name and the words known before expansion (`?` for a word only known at run time). */
  name: string;
  args: string[];
  /**
   * A `while read …; do …; done` loop (the last stage): it runs once, from the start, and its
   * `read` takes one line at a time from the pipe as the producer writes them (PIPE_LINE_DEVICE).
   */
  reader?: boolean;
  /** The stage as typed, where `first` differs from it (a reader's instrumented loop): for `declare -f`. */
  typed?: string;
  /** The pipe into this stage carries the writer's stderr too (`|&`). */
  stderrToo?: boolean;
}

/**
 * What a reader stage's `read` reads: one line of the pipe (shell-fs.ts), `PIPE_LINE_DEVICE/<id>`
 * with the id in PIPE_IN_VAR.
 */
export const PIPE_LINE_DEVICE = "/dev/.kubecoach-pipe-line";
export const PIPE_IN_VAR = "__KC_PIPE_IN";
/**
 * A loop running as a stage of a streamed pipeline (the producer `while …; done | grep`, or a
 * `while read` stage before another): the commands inside it write their stdout into the next
 * stage as they run, through the PipeOut with this id (bridge.ts), marked by the STREAM_VAR letter `S`.
 */
export const PIPE_OUT_VAR = "__KC_PIPE_OUT";

/**
 * Whether `command args` may keep running and printing (a watch, a follow, `watch`, `ping`, `yes`): only
 * such producers are streamed into their pipeline. Others end on their own, and the pipeline runs
 * as just-bash runs it (streaming costs each stage a nested run).
 */
export function mayKeepRunning(command: string, args: readonly string[]): boolean {
  if (command === "watch" || command === "ping" || command === "yes") return true;
  return args.some((a) => a === "--watch" || a === "--watch-only" || a === "--follow" || a.startsWith("--follow=") || a.startsWith("--watch=") || (/^-[a-zA-Z]*[wfF][a-zA-Z]*$/.test(a) && !a.startsWith("-o")));
}

/**
 * line: runs on each batch of lines; head: passes N lines, then ends; grep-limit: `grep -m N` or
 * `grep -q`, a per-line grep that ends after N selected lines (-q: the first); reader: a `while
 * read` loop fed line by line; whole: gathers its input and runs once at its end.
 */
export type PipeStageKind = { kind: "line" } | { kind: "head"; lines: number } | { kind: "grep-limit"; max: number; quiet: boolean } | { kind: "reader" } | { kind: "whole" };

/** A word whose value is only known at run time (a variable, a substitution). */
export const UNKNOWN_WORD = "?";

export function stageKind(spec: PipeStageSpec): PipeStageKind {
  if (spec.reader) return { kind: "reader" };
  const name = spec.name.slice(spec.name.lastIndexOf("/") + 1);
  const args = spec.args;
  if (args.includes(UNKNOWN_WORD) && name !== "grep" && name !== "egrep" && name !== "fgrep") return { kind: "whole" };
  switch (name) {
    case "grep":
    case "egrep":
    case "fgrep": {
      if (args.includes("-f")) return { kind: "whole" };
      if (grepIsPerLine(args)) return { kind: "line" };
      return grepLimit(args) ?? { kind: "whole" };
    }
    case "sed":
      return sedIsPerLine(args) ? { kind: "line" } : { kind: "whole" };
    case "cut":
    case "rev":
      return { kind: "line" };
    case "tr":
      // -s squeezes repeats across line ends; the runs would not see the previous batch's last character.
      return args.some((a) => /^-[a-zA-Z]*s/.test(a) || a === "--squeeze-repeats") ? { kind: "whole" } : { kind: "line" };
    case "tee":
      return { kind: "line" };
    case "cat":
      return args.every((a) => a === "-" || a === "-v" || a === "-e" || a === "-t" || a === "-A" || a === "-E" || a === "-T") ? { kind: "line" } : { kind: "whole" };
    case "awk":
    case "gawk":
    case "mawk":
      return awkIsPerLine(args) ? { kind: "line" } : { kind: "whole" };
    case "head":
      return headLines(args);
    default:
      return { kind: "whole" };
  }
}

/**
 * `grep -m N` / `grep -q` (`--max-count=N`, `--quiet`, `--silent`) with otherwise per-line options:
 * it reads until N lines were selected (-q: one), then exits, and the command writing to it dies
 * of SIGPIPE at its next write. Its output lines are its selected lines, so not with -o.
 */
function grepLimit(args: readonly string[]): PipeStageKind | undefined {
  let max: number | undefined;
  let quiet = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      rest.push(...args.slice(i));
      break;
    }
    if (a === "-q" || a === "--quiet" || a === "--silent") quiet = true;
    else if (a === "-m" || a === "--max-count") max = Number(args[++i]);
    else if (/^-m\d+$/.test(a)) max = Number(a.slice(2));
    else if (a.startsWith("--max-count=")) max = Number(a.slice("--max-count=".length));
    else if (/^-[a-zA-Z]+$/.test(a) && /[qm]/.test(a)) {
      // A cluster: -qi, -im1, -vm 2.
      const m = /^-([a-zA-Z]*?)m(\d*)$/.exec(a);
      if (m) {
        max = Number(m[2] || args[++i]);
        if (m[1].includes("q")) quiet = true;
        const others = m[1].replace(/q/g, "");
        if (others) rest.push(`-${others}`);
      } else {
        quiet = true;
        rest.push(a.replace(/q/g, ""));
      }
    } else rest.push(a);
  }
  if (max !== undefined && !(Number.isInteger(max) && max >= 0)) return undefined;
  if (max === undefined && !quiet) return undefined;
  if (rest.some((a) => a === "-o" || a === "--only-matching" || (/^-[a-zA-Z]+$/.test(a) && a.includes("o")))) return undefined;
  if (!grepIsPerLine(rest.filter((a) => a !== "-"))) return undefined;
  return { kind: "grep-limit", max: quiet ? Math.min(max ?? 1, 1) : max!, quiet };
}

/** `head`, `head -n 3`, `head -3`, `head -n3`, `head --lines=3` on stdin: the first N lines. */
function headLines(args: readonly string[]): PipeStageKind {
  let lines = 10;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let value: string | undefined;
    if (a === "-n" || a === "--lines") value = args[++i];
    else if (a.startsWith("--lines=")) value = a.slice("--lines=".length);
    else if (/^-n./.test(a)) value = a.slice(2);
    else if (/^-\d+$/.test(a)) value = a.slice(1);
    else if (a === "-" || a === "-q" || a === "-s") continue;
    else return { kind: "whole" };
    if (value === undefined || !/^\+?\d+$/.test(value)) return { kind: "whole" };
    lines = Number(value);
  }
  return { kind: "head", lines };
}

/**
 * An awk program that looks at the current line only: no BEGIN/END blocks, no record counters, no
 * variables set from one line to the next, no getline.
 */
function awkIsPerLine(args: readonly string[]): boolean {
  let program: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-F" || a === "-v") {
      i++;
      continue;
    }
    if (/^-F./.test(a) || /^-v./.test(a)) continue;
    if (a.startsWith("-")) return false;
    if (program !== undefined) return false;
    program = a;
  }
  if (program === undefined) return false;
  // Strings and regex literals cannot set state; what remains is the code.
  const code = program.replace(/"(?:\\.|[^"\\])*"/g, '""').replace(/\/(?:\\.|[^/\\\n])+\//g, "//");
  if (/\b(?:BEGIN|END|BEGINFILE|ENDFILE|NR|FNR|getline|function|close|system|srand|rand|next\s*file)\b/.test(code)) return false;
  if (/\+\+|--|[-+*/%^]=/.test(code)) return false;
  // A plain assignment (not ==, !=, <=, >=) keeps a value for the next line.
  return !/(?:^|[^=!<>])=(?!=)/.test(code);
}
