import type { InputMode } from "./terminal-input";

/**
 * Which commands read their standard input, given their arguments. just-bash hands a command its
 * whole stdin before it starts, so when stdin is the terminal the shell must know beforehand
 * whether to wait for typed input (`cat > file`, `wc -l`, `kubectl apply -f -`) or not (`ls`,
 * `cat file`, `kubectl get pods`). A command missing here gets an empty stdin, as before.
 */
interface FilterSpec {
  /** Short options that take a value (`-n 5`), so the value is not taken for a file. */
  valued?: string;
  /** Long options that take a separate value (`--lines 5`). */
  valuedLong?: string[];
  /** Operands before the files that are not files (grep's pattern, sed's script). */
  leading?: number;
  /** Options that supply the leading operand instead (`grep -e PAT`, `sed -e SCRIPT`). */
  leadingBy?: string;
  /** Reads stdin whatever its operands are (tee, tr, xargs). */
  always?: boolean;
}

const FILTERS: Record<string, FilterSpec> = {
  cat: {},
  tac: {},
  nl: { valued: "bdfhilnsvw" },
  head: { valued: "nc", valuedLong: ["--lines", "--bytes"] },
  tail: { valued: "ncs", valuedLong: ["--lines", "--bytes"] },
  wc: {},
  grep: { valued: "efmABCd", leading: 1, leadingBy: "ef", valuedLong: ["--regexp", "--file", "--max-count"] },
  egrep: { valued: "efmABC", leading: 1, leadingBy: "ef" },
  fgrep: { valued: "efmABC", leading: 1, leadingBy: "ef" },
  sed: { valued: "ef", leading: 1, leadingBy: "ef", valuedLong: ["--expression", "--file"] },
  awk: { valued: "fFv", leading: 1, leadingBy: "f" },
  sort: { valued: "ktoS", valuedLong: ["--key", "--field-separator", "--output"] },
  uniq: { valued: "fsw" },
  cut: { valued: "bcdf", valuedLong: ["--delimiter", "--fields", "--characters", "--bytes"] },
  base64: { valued: "w" },
  md5sum: {},
  sha1sum: {},
  sha256sum: {},
  sha512sum: {},
  rev: {},
  fold: { valued: "w" },
  column: { valued: "stco" },
  od: { valued: "AjNtw" },
  xxd: { valued: "clgso" },
  strings: { valued: "n" },
  jq: { leading: 1, leadingBy: "f", valuedLong: ["--arg", "--argjson", "--indent", "--slurpfile", "--rawfile"] },
  yq: { leading: 1 },
  tee: { always: true },
  tr: { always: true },
  xargs: { always: true },
};

/** Commands whose output is exactly their input: what is typed can be echoed line by line. */
const PASS_THROUGH = new Set(["cat", "tee"]);

/** How `name args` reads a terminal stdin, or undefined when it does not read stdin. */
export function stdinUse(name: string, args: readonly string[]): InputMode | undefined {
  const base = name.slice(name.lastIndexOf("/") + 1);
  if (base === "kubectl") return kubectlReadsStdin(args) ? "all" : undefined;
  if (base === "openssl") return opensslReadsStdin(args) ? "all" : undefined;
  const spec = FILTERS[base];
  if (!spec) return undefined;
  if (spec.always) return "all";
  const files = operands(args, spec);
  return files.length === 0 || files.includes("-") ? "all" : undefined;
}

/** `cat` or `tee` whose stdout is its stdin, so typed lines can appear as they are typed. */
export function isPassThrough(name: string, args: readonly string[]): boolean {
  const base = name.slice(name.lastIndexOf("/") + 1);
  if (!PASS_THROUGH.has(base)) return false;
  // tee's options (-a, -i, -p) do not change what it prints; cat's (-n, -A, …) do.
  return base === "tee" || args.every((a) => a === "-" || a === "--");
}

function operands(args: readonly string[], spec: FilterSpec): string[] {
  const out: string[] = [];
  let leading = spec.leading ?? 0;
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (options && a === "--") {
      options = false;
      continue;
    }
    if (options && a.startsWith("--") && a.length > 2) {
      const [flag] = a.split("=", 1);
      if (spec.valuedLong?.includes(flag) && !a.includes("=")) i++;
      if (flag === "--regexp" || flag === "--expression" || flag === "--file") leading = 0;
      continue;
    }
    if (options && a.startsWith("-") && a.length > 1) {
      // A cluster of short options: the first one that takes a value takes the rest (or the next word).
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (spec.leadingBy?.includes(c)) leading = 0;
        if (spec.valued?.includes(c)) {
          if (j === a.length - 1) i++;
          break;
        }
      }
      continue;
    }
    if (leading > 0) {
      leading--;
      continue;
    }
    out.push(a);
  }
  return out;
}

/**
 * `kubectl exec -i POD -- CMD` (and `attach -i`, `run -i`) copy what is typed to the container as
 * it is typed: kubectl reads the terminal itself (ProgramContext.readTerminal), so nothing is
 * gathered for it beforehand. `-f -` reads all of its input before it starts.
 */
function kubectlReadsStdin(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((a === "-f" || a === "--filename") && args[i + 1] === "-") return true;
    if (a === "-f-" || a === "--filename=-" || a === "-f=-") return true;
  }
  return false;
}

const OPENSSL_READERS = new Set(["x509", "req", "rsa", "ec", "pkey", "asn1parse", "base64", "enc", "dgst", "verify", "crl", "pkcs7", "sha256", "md5"]);

function opensslReadsStdin(args: readonly string[]): boolean {
  const sub = args[0];
  if (!sub || !OPENSSL_READERS.has(sub)) return false;
  if (sub === "req" && args.includes("-new")) return false;
  if (sub === "dgst" || sub === "sha256" || sub === "md5") return !args.slice(1).some((a) => !a.startsWith("-"));
  if (sub === "verify") return false;
  return !args.includes("-in");
}

/**
 * How much of an inherited stdin (the input a loop or group shares with its body, see
 * group-stdin.ts) `name args` takes, as the real tools do: a filter reads to the end; `head -c N`
 * reads N bytes; on a regular file (`seekable`) GNU `head -n N` and `sed q`/`sed Nq` put the offset
 * back just after the lines they used, on a pipe the whole buffer they read is gone; `ssh` reads
 * its stdin unless `-n` or `-f`; `kubectl` reads it with `-f -` or `-i`. 0 for a command that does
 * not read stdin (`read` and `mapfile` take their part themselves).
 */
export function stdinTaken(name: string, args: readonly string[], stdin: string, seekable: boolean): number {
  const base = name.slice(name.lastIndexOf("/") + 1);
  if (base === "ssh") return sshReadsStdin(args) ? stdin.length : 0;
  if (base === "kubectl") return kubectlReadsStdin(args) || args.some((a) => a === "--stdin" || /^-[a-zA-Z]*i[a-zA-Z]*$/.test(a)) ? stdin.length : 0;
  if (base === "sudo" || base === "nohup" || base === "time") {
    const at = args.findIndex((a) => !a.startsWith("-"));
    return at < 0 ? 0 : stdinTaken(args[at], args.slice(at + 1), stdin, seekable);
  }
  if ((base === "bash" || base === "sh") && args.every((a) => a === "-s" || a === "-i" || a === "-l" || a === "--login")) return stdin.length;
  if (!stdinUse(base, args)) return 0;
  if (base === "head") return headTaken(args, stdin, seekable);
  if (base === "sed" && seekable) {
    const quit = /^(\d*)q$/.exec(args.length === 1 ? args[0].trim() : "");
    if (quit) return linesLength(stdin, Number(quit[1] || 1));
  }
  return stdin.length;
}

/** `head -c N` takes N bytes; `head -n N` N lines from a regular file, its whole read from a pipe. */
function headTaken(args: readonly string[], stdin: string, seekable: boolean): number {
  let lines = 10;
  let bytes: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let value: string | undefined;
    let isBytes = false;
    if (a === "-n" || a === "--lines" || a === "-c" || a === "--bytes") {
      value = args[++i];
      isBytes = a === "-c" || a === "--bytes";
    } else if (a.startsWith("--lines=") || a.startsWith("--bytes=")) {
      value = a.slice(a.indexOf("=") + 1);
      isBytes = a.startsWith("--bytes=");
    } else if (/^-[nc]./.test(a)) {
      value = a.slice(2);
      isBytes = a[1] === "c";
    } else if (/^-\d+$/.test(a)) value = a.slice(1);
    else continue;
    // A negative count (all but the last N) or a suffix (1K) reads to the end.
    if (value === undefined || !/^\+?\d+$/.test(value)) return stdin.length;
    if (isBytes) bytes = Number(value);
    else {
      lines = Number(value);
      bytes = undefined;
    }
  }
  if (bytes !== undefined) return Math.min(bytes, stdin.length);
  return seekable ? linesLength(stdin, lines) : stdin.length;
}

/** The length of the first `count` lines of `text` (all of it when it has fewer). */
function linesLength(text: string, count: number): number {
  let at = 0;
  for (let n = 0; n < count; n++) {
    const nl = text.indexOf("\n", at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}

/** OpenSSH's options that take a value (`-p 22`, `-i key`). */
const SSH_VALUED = "BbcDEeFIiJLlmOopQRSWw";

/** ssh reads its stdin (to send it to the remote command) unless `-n` or `-f` says not to. */
function sshReadsStdin(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--" || !a.startsWith("-") || a === "-") return true;
    for (let j = 1; j < a.length; j++) {
      if (a[j] === "n" || a[j] === "f") return false;
      if (SSH_VALUED.includes(a[j])) {
        if (j === a.length - 1) i++;
        break;
      }
    }
  }
  return true;
}
