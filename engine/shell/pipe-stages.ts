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
}

/**
 * Whether `command args` may keep running and printing (a watch, a follow, `watch`, `ping`): only
 * such producers are streamed into their pipeline. Others end on their own, and the pipeline runs
 * as just-bash runs it (streaming costs each stage a nested run).
 */
export function mayKeepRunning(command: string, args: readonly string[]): boolean {
  if (command === "watch" || command === "ping") return true;
  return args.some((a) => a === "--watch" || a === "--watch-only" || a === "--follow" || a.startsWith("--follow=") || a.startsWith("--watch=") || (/^-[a-zA-Z]*[wfF][a-zA-Z]*$/.test(a) && !a.startsWith("-o")));
}

export type PipeStageKind = { kind: "line" } | { kind: "head"; lines: number } | { kind: "whole" };

/** A word whose value is only known at run time (a variable, a substitution). */
export const UNKNOWN_WORD = "?";

export function stageKind(spec: PipeStageSpec): PipeStageKind {
  const name = spec.name.slice(spec.name.lastIndexOf("/") + 1);
  const args = spec.args;
  if (args.includes(UNKNOWN_WORD) && name !== "grep" && name !== "egrep" && name !== "fgrep") return { kind: "whole" };
  switch (name) {
    case "grep":
    case "egrep":
    case "fgrep":
      return grepIsPerLine(args) && !args.includes("-f") ? { kind: "line" } : { kind: "whole" };
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
