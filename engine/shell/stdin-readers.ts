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
