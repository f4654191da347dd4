import type { Program, ProgramContext } from "../../process/types";
import { commOf, hostProcesses, type HostProcess } from "./processes";
import { parseSignal, signalHostProcess } from "./signals";

/**
 * procps-ng 3.3.17 `pgrep` and `pkill` over the host's processes: the pattern is an extended
 * regular expression matched against the process name (at most 15 characters, as /proc/PID/comm
 * has it) or with -f the whole command line; -x, -i, -v, -n, -o, -u/-U, -P, -c, -d, -l and -a
 * (pgrep), -SIGNAL/--signal and -e (pkill). Exit status 0 when something matched, 1 when
 * nothing did, 2 for a usage error, as the real ones.
 */
type Mode = "pgrep" | "pkill";

interface Options {
  pattern?: string;
  full: boolean;
  exact: boolean;
  ignoreCase: boolean;
  negate: boolean;
  newest: boolean;
  oldest: boolean;
  count: boolean;
  listName: boolean;
  listFull: boolean;
  echo: boolean;
  delimiter: string;
  users?: string[];
  parents?: number[];
  signal: { number: number; name: string };
}

function usageText(mode: Mode): string {
  const own =
    mode === "pgrep"
      ? " -d, --delimiter <string>  specify output delimiter\n -l, --list-name           list PID and process name\n -a, --list-full           list PID and full command line\n -v, --inverse             negates the matching\n -w, --lightweight         list all TID\n"
      : " -<sig>, --signal <sig>    signal to send (either number or name)\n -q, --queue <value>       integer value to be sent with the signal\n -e, --echo                display what is killed\n";
  return `\nUsage:\n ${mode} [options] <pattern>\n\nOptions:\n${own}` +
    " -c, --count               count of matching processes\n -f, --full                use full process name to match\n -g, --pgroup <PGID,...>   match listed process group IDs\n -G, --group <GID,...>     match real group IDs\n -i, --ignore-case         match case insensitively\n -n, --newest              select most recently started\n -o, --oldest              select least recently started\n -O, --older <seconds>     select where older than seconds\n -P, --parent <PPID,...>   match only child processes of the given parent\n -s, --session <SID,...>   match session IDs\n -t, --terminal <tty,...>  match by controlling terminal\n -u, --euid <ID,...>       match by effective IDs\n -U, --uid <ID,...>        match by real IDs\n -x, --exact               match exactly with the command name\n -F, --pidfile <file>      read PIDs from file\n -L, --logpidfile          fail if PID file is not locked\n -r, --runstates <state>   match runstates [D,S,Z,...]\n --ns <PID>                match the processes that belong to the same\n                           namespace as <pid>\n --nslist <ns,...>         list which namespaces will be considered for\n                           the --ns option.\n                           Available namespaces: ipc, mnt, net, pid, user, uts\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see " +
    `${mode}(1).\n`;
}

const VALUE_OPTIONS: Record<string, string> = { d: "delimiter", u: "euid", U: "uid", P: "parent", g: "pgroup", G: "group", s: "session", t: "terminal", F: "pidfile", r: "runstates", O: "older", q: "queue" };
const LONG_NAMES: Record<string, string> = { delimiter: "d", "list-name": "l", "list-full": "a", inverse: "v", count: "c", full: "f", "ignore-case": "i", newest: "n", oldest: "o", exact: "x", euid: "u", uid: "U", parent: "P", echo: "e", signal: "signal", pgroup: "g", group: "G", session: "s", terminal: "t", pidfile: "F", runstates: "r", older: "O", queue: "q", lightweight: "w" };

/** Parses argv; a string is the message and exit status for a usage error. */
function parse(mode: Mode, args: string[]): Options | { error: string; status: number } | { help: string } {
  const o: Options = { full: false, exact: false, ignoreCase: false, negate: false, newest: false, oldest: false, count: false, listName: false, listFull: false, echo: false, delimiter: "\n", signal: { number: 15, name: "TERM" } };
  const rest: string[] = [];
  const bad = (message: string) => ({ error: `${mode}: ${message}\n${usageText(mode)}`, status: 2 });
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      rest.push(...args.slice(i + 1));
      break;
    }
    if (mode === "pkill" && /^-(\d+|[A-Za-z][A-Za-z0-9]+)$/.test(a) && parseSignal(a.slice(1)) && !/^-[cfinoxevl]+$/.test(a)) {
      o.signal = parseSignal(a.slice(1))!;
      continue;
    }
    let letter: string | undefined;
    let inline: string | undefined;
    let letters = "";
    if (a.startsWith("--")) {
      const [name, value] = a.slice(2).split(/=(.*)/s, 2);
      if (name === "help") return { help: usageText(mode) };
      if (name === "version") return { help: `${mode} from procps-ng 3.3.17\n` };
      letter = LONG_NAMES[name];
      if (!letter || (mode === "pgrep" && (letter === "e" || letter === "signal")) || (mode === "pkill" && "dlavw".includes(letter))) return bad(`unrecognized option '${a}'`);
      inline = value;
      letters = letter;
    } else if (a.startsWith("-") && a.length > 1) letters = a.slice(1);
    else {
      rest.push(a);
      continue;
    }
    for (let j = 0; j < letters.length; j++) {
      const c = letter ?? letters[j];
      const takesValue = c === "signal" || c in VALUE_OPTIONS;
      let value: string | undefined;
      if (takesValue) {
        value = inline ?? (letter ? undefined : letters.slice(j + 1)) ?? undefined;
        if (!value) value = args[++i];
        if (value === undefined) return bad(`option requires an argument -- '${c}'`);
      }
      switch (c) {
        case "f": o.full = true; break;
        case "x": o.exact = true; break;
        case "i": o.ignoreCase = true; break;
        case "n": o.newest = true; break;
        case "o": o.oldest = true; break;
        case "c": o.count = true; break;
        case "l": if (mode !== "pgrep") return bad(`invalid option -- 'l'`); o.listName = true; break;
        case "a": if (mode !== "pgrep") return bad(`invalid option -- 'a'`); o.listFull = true; break;
        case "v": if (mode !== "pgrep") return bad(`invalid option -- 'v'`); o.negate = true; break;
        case "w": if (mode !== "pgrep") return bad(`invalid option -- 'w'`); break;
        case "e": if (mode !== "pkill") return bad(`invalid option -- 'e'`); o.echo = true; break;
        case "d": if (mode !== "pgrep") return bad(`invalid option -- 'd'`); o.delimiter = value!; break;
        case "u": case "U": o.users = value!.split(","); break;
        case "P": o.parents = value!.split(",").map(Number); break;
        case "signal": {
          const signal = parseSignal(value!);
          if (!signal) return { error: `${mode}: Unknown signal "${value}".\n`, status: 2 };
          o.signal = signal;
          break;
        }
        case "h": case "V":
          return c === "h" ? { help: usageText(mode) } : { help: `${mode} from procps-ng 3.3.17\n` };
        default:
          if (c in VALUE_OPTIONS) return { error: `${mode}: option -${c} is not available in Kubecoach yet\n`, status: 2 };
          return bad(`invalid option -- '${c}'`);
      }
      if (takesValue || letter) break;
    }
  }
  if (o.newest && o.oldest) return { error: `${mode}: -n and -o are mutually exclusive\nTry \`${mode} --help' for more information.\n`, status: 2 };
  if (rest.length > 1) return { error: `${mode}: only one pattern can be provided\nTry \`${mode} --help' for more information.\n`, status: 2 };
  o.pattern = rest[0];
  if (o.pattern === undefined && !o.users && !o.parents) return { error: `${mode}: no matching criteria specified\nTry \`${mode} --help' for more information.\n`, status: 2 };
  return o;
}

/** glibc's regerror() texts for the mistakes a pattern typed in a hurry makes. */
function regexError(pattern: string): string {
  if ((pattern.match(/\(/g)?.length ?? 0) > (pattern.match(/\)/g)?.length ?? 0)) return "Unmatched ( or \\(";
  if ((pattern.match(/\)/g)?.length ?? 0) > (pattern.match(/\(/g)?.length ?? 0)) return "Unmatched ) or \\)";
  if (/\[[^\]]*$/.test(pattern)) return "Unmatched [, [^, [:, [., or [=";
  if (/^[*+?{]|\|[*+?{]|\([*+?{]/.test(pattern)) return "Invalid preceding regular expression";
  return "Invalid regular expression";
}

function select(ctx: ProgramContext, o: Options, regex: RegExp | undefined): HostProcess[] {
  const userOf = (name: string) => (name === "0" ? "root" : name);
  let matches = hostProcesses(ctx.environment, ctx.host).filter((p) => {
    let match = true;
    if (o.parents && !o.parents.includes(p.ppid)) match = false;
    else if (o.users && !o.users.map(userOf).includes(p.user)) match = false;
    else if (regex) {
      const kernelThread = p.command.startsWith("[");
      const text = o.full && !kernelThread ? p.command : commOf(p);
      match = regex.test(text);
    }
    return match !== o.negate;
  });
  if (o.newest || o.oldest) {
    const pick = matches.reduce<HostProcess | undefined>((best, p) => {
      if (!best) return p;
      if (o.newest) return p.startedAt > best.startedAt || (p.startedAt === best.startedAt && p.pid > best.pid) ? p : best;
      return p.startedAt < best.startedAt || (p.startedAt === best.startedAt && p.pid < best.pid) ? p : best;
    }, undefined);
    matches = pick ? [pick] : [];
  }
  return matches;
}

function program(mode: Mode): Program {
  return async (ctx) => {
    const parsed = parse(mode, ctx.args);
    if ("help" in parsed) {
      ctx.stdout(parsed.help);
      return 0;
    }
    if ("error" in parsed) {
      ctx.stderr(parsed.error);
      return parsed.status;
    }
    let regex: RegExp | undefined;
    if (parsed.pattern !== undefined) {
      const source = parsed.exact ? `^(${parsed.pattern})$` : parsed.pattern;
      try {
        regex = new RegExp(source, parsed.ignoreCase ? "i" : "");
      } catch {
        // pgrep prints regerror()'s text as it is, without a newline.
        ctx.stderr(regexError(parsed.pattern));
        return 2;
      }
    }
    const matches = select(ctx, parsed, regex);
    if (mode === "pgrep") {
      if (parsed.count) ctx.stdout(`${matches.length}\n`);
      else if (matches.length > 0) {
        const text = (p: HostProcess) => (parsed.listFull && !p.command.startsWith("[") ? p.command : commOf(p));
        const items = matches.map((p) => (parsed.listName || parsed.listFull ? `${p.pid} ${text(p)}` : String(p.pid)));
        ctx.stdout(`${items.join(parsed.delimiter)}\n`);
      }
      return matches.length > 0 ? 0 : 1;
    }
    let killed = 0;
    for (const p of matches) {
      const outcome = signalHostProcess(ctx.environment, ctx.host, ctx.user, p, parsed.signal);
      if (outcome === "not-permitted") {
        ctx.stderr(`pkill: killing pid ${p.pid} failed: Operation not permitted\n`);
        continue;
      }
      if (parsed.echo) ctx.stdout(`${commOf(p)} killed (pid ${p.pid})\n`);
      killed++;
    }
    if (parsed.count) ctx.stdout(`${matches.length}\n`);
    return killed > 0 ? 0 : 1;
  };
}

export const pgrep = program("pgrep");
export const pkill = program("pkill");
