/**
 * Linux signals as bash's `kill` names them (x86-64 numbering), what a job killed by one shows in
 * `jobs` and the end-of-job notice (strsignal's text), and which ones end a process by default.
 * Job control only delivers them to simulated jobs; there are no other processes to signal.
 */
const NAMES: Record<number, string> = {
  1: "HUP", 2: "INT", 3: "QUIT", 4: "ILL", 5: "TRAP", 6: "ABRT", 7: "BUS", 8: "FPE", 9: "KILL", 10: "USR1",
  11: "SEGV", 12: "USR2", 13: "PIPE", 14: "ALRM", 15: "TERM", 16: "STKFLT", 17: "CHLD", 18: "CONT", 19: "STOP", 20: "TSTP",
  21: "TTIN", 22: "TTOU", 23: "URG", 24: "XCPU", 25: "XFSZ", 26: "VTALRM", 27: "PROF", 28: "WINCH", 29: "IO", 30: "PWR",
  31: "SYS",
};

/** strsignal(3) texts, as bash prints them for a job a signal ended. */
const DESCRIPTIONS: Record<number, string> = {
  1: "Hangup", 2: "Interrupt", 3: "Quit", 4: "Illegal instruction", 5: "Trace/breakpoint trap", 6: "Aborted",
  7: "Bus error", 8: "Floating point exception", 9: "Killed", 10: "User defined signal 1", 11: "Segmentation fault",
  12: "User defined signal 2", 13: "Broken pipe", 14: "Alarm clock", 15: "Terminated", 16: "Stack fault",
  24: "CPU time limit exceeded", 25: "File size limit exceeded", 26: "Virtual timer expired", 27: "Profiling timer expired",
  29: "I/O possible", 30: "Power failure", 31: "Bad system call",
};

const SIGRTMIN = 34;
const SIGRTMAX = 64;
export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGKILL = 9;
export const SIGTERM = 15;

/** Signals whose default action is to ignore them (or that stop/continue, which Kubecoach jobs cannot). */
const IGNORED_BY_DEFAULT = new Set([17, 23, 28]);
export const STOP_SIGNALS = new Set([19, 20, 21, 22]);
export const SIGCONT = 18;

/** bash's name for signal `n` without the SIG prefix (`kill -l 15` → TERM), or undefined. */
export function signalName(n: number): string | undefined {
  if (NAMES[n]) return NAMES[n];
  if (n === SIGRTMIN) return "RTMIN";
  if (n === SIGRTMAX) return "RTMAX";
  if (n > SIGRTMIN && n < SIGRTMAX) return n - SIGRTMIN <= 15 ? `RTMIN+${n - SIGRTMIN}` : `RTMAX-${SIGRTMAX - n}`;
  return undefined;
}

/** A signal given by number or name (`9`, `KILL`, `SIGKILL`, `kill`, `RTMIN+2`), or undefined. */
export function parseSignal(spec: string): number | undefined {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n === 0 || signalName(n) ? n : undefined;
  }
  const bare = spec.toUpperCase().replace(/^SIG/, "");
  for (let n = 1; n <= SIGRTMAX; n++) if (signalName(n) === bare) return n;
  return undefined;
}

/** What `jobs` shows for a job a signal ended. */
export function signalDescription(n: number): string {
  if (DESCRIPTIONS[n]) return DESCRIPTIONS[n];
  if (n >= SIGRTMIN && n <= SIGRTMAX) return `Real-time signal ${n - SIGRTMIN}`;
  return `Unknown signal ${n}`;
}

/** Whether the signal ends a process that does not handle it. */
export function signalEnds(n: number): boolean {
  return n !== 0 && !IGNORED_BY_DEFAULT.has(n) && !STOP_SIGNALS.has(n) && n !== SIGCONT;
}

/** `kill -l`: five to a row, as bash prints them (tab after each, a trailing tab on the last row). */
export function signalTable(): string {
  const cells: string[] = [];
  for (let n = 1; n <= SIGRTMAX; n++) {
    const name = signalName(n);
    if (name) cells.push(`${String(n).padStart(2)}) SIG${name}`);
  }
  let out = "";
  for (let i = 0; i < cells.length; i += 5) {
    const row = cells.slice(i, i + 5);
    out += row.join("\t") + (i + 5 >= cells.length ? "\t" : "") + "\n";
  }
  return out;
}
