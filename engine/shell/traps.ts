/**
 * The `trap` builtin as bash 5.2 has it: the table of actions a shell keeps for signals and its
 * pseudo-signals (EXIT, DEBUG, ERR, RETURN), and the command that sets, ignores, resets and prints
 * them. Running the actions is the interpreter's part (EXIT when the shell ends, ERR after a failed
 * pipeline: ShellInterpreter.runExitTrap, runErrTrap); this module only keeps and shows the table.
 */
import { parseSignal, signalName, signalTable } from "./jobs-signals";

/** Pseudo-signals after the real ones, in the order bash prints them. */
const EXIT = 0;
const PSEUDO: Record<string, number> = { DEBUG: 65, ERR: 66, RETURN: 67 };
export const EXIT_TRAP = EXIT;
export const ERR_TRAP = PSEUDO.ERR;

/** Signal number (or pseudo-signal key) → its action; "" is an ignored signal. */
export type TrapTable = Map<number, string>;

const USAGE = "trap: usage: trap [-lp] [[arg] signal_spec ...]\n";

/** A trap's signal given as bash takes it: `EXIT`, `0`, `INT`, `SIGINT`, `int`, `2`, `ERR`… */
function parseTrapSignal(spec: string): number | undefined {
  const upper = spec.toUpperCase();
  if (upper === "EXIT") return EXIT;
  if (upper in PSEUDO) return PSEUDO[upper];
  // kill's parser also takes `RTMIN+2`; bash's trap does too. A bare number must name a signal.
  return parseSignal(spec);
}

/** How `trap -p` names a signal: EXIT, SIGINT, ERR. */
function trapName(key: number): string {
  if (key === EXIT) return "EXIT";
  const pseudo = Object.keys(PSEUDO).find((name) => PSEUDO[name] === key);
  return pseudo ?? `SIG${signalName(key)}`;
}

/** bash quotes an action in single quotes always (`':'`), a quote inside as `'\''`. */
function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function listing(table: TrapTable, keys: number[]): string {
  return keys.filter((k) => table.has(k)).map((k) => `trap -- ${singleQuote(table.get(k)!)} ${trapName(k)}\n`).join("");
}

/** `trap` with no operands or `-p`: every trap set, in signal order (EXIT first, then DEBUG, ERR, RETURN). */
function listAll(table: TrapTable): string {
  return listing(table, [...table.keys()].sort((a, b) => a - b));
}

export interface BuiltinResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs `trap ARGS` against `table`, changing it in place. */
export function trapBuiltin(args: string[], table: TrapTable, inSubshell = false): BuiltinResult {
  let list = false;
  let print = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      i++;
      break;
    }
    // `-` alone is the reset action, not an option.
    if (!a.startsWith("-") || a === "-") break;
    for (const letter of a.slice(1)) {
      if (letter === "l") list = true;
      else if (letter === "p") print = true;
      else return { stdout: "", stderr: `bash: trap: -${letter}: invalid option\n${USAGE}`, exitCode: 2 };
    }
  }
  const operands = args.slice(i);
  if (list) return { stdout: signalTable(), stderr: "", exitCode: 0 };
  if (operands.length === 0) return { stdout: listAll(table), stderr: "", exitCode: 0 };
  let stderr = "";
  let exitCode = 0;
  const invalid = (spec: string) => {
    stderr += `bash: trap: ${spec}: invalid signal specification\n`;
    exitCode = 1;
  };
  if (print) {
    let stdout = "";
    for (const spec of operands) {
      const key = parseTrapSignal(spec);
      if (key === undefined) invalid(spec);
      else stdout += listing(table, [key]);
    }
    return { stdout, stderr, exitCode };
  }
  if (inSubshell) return { stdout: "", stderr: "bash: trap: setting a trap inside a subshell is not available in Kubecoach's shell\n", exitCode: 1 };
  // bash's rules for the first operand: a number that names a signal, or a lone signal, means
  // "reset these"; otherwise it is the action (`-` resets, "" ignores) and signals follow.
  const first = operands[0];
  let action: string | undefined = first;
  let signals = operands.slice(1);
  if (/^\d+$/.test(first) && parseTrapSignal(first) !== undefined) {
    action = undefined;
    signals = operands;
  } else if (first !== "-" && operands.length === 1 && parseTrapSignal(first) !== undefined) {
    action = undefined;
    signals = operands;
  } else if (signals.length === 0) {
    return { stdout: "", stderr: USAGE, exitCode: 2 };
  } else if (first === "-") {
    action = undefined;
  }
  const notRun: string[] = [];
  for (const spec of signals) {
    const key = parseTrapSignal(spec);
    if (key === undefined) invalid(spec);
    else if (action === undefined) table.delete(key);
    else {
      table.set(key, action);
      if ((key === PSEUDO.DEBUG || key === PSEUDO.RETURN) && action !== "") notRun.push(trapName(key));
    }
  }
  // DEBUG and RETURN actions do not run: they are kept (trap -p shows them) but said plainly not
  // to act, so a script relying on one is not silently half-working.
  if (notRun.length > 0) stderr += `kubecoach: trap: ${notRun.join(", ")} ${notRun.length === 1 ? "is" : "are"} recorded but not acted on in Kubecoach's shell yet (EXIT, ERR and signal traps run)\n`;
  return { stdout: "", stderr, exitCode };
}
