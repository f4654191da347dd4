import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unsafeBytesFromLatin1 } from "just-bash";
import { describe, expect, it } from "vitest";
import { fastGrep, translate } from "../commands/grep-fast";
import { Environment } from "../../cluster/environment";
import { createTerminal } from "..";

/**
 * The fast grep against the real GNU grep of this machine: wherever it answers, the bytes and the
 * exit status are GNU's; the forms learners type most are answered by it (not left to just-bash).
 */
const GNU_GREP = "/usr/bin/grep";
/** The exam machine's locale. */
const GNU_ENV = { ...process.env, LC_ALL: "C.UTF-8", PATH: "/usr/bin:/bin" };

const INPUTS: Record<string, string> = {
  pods: [
    "NAME                     READY   STATUS             RESTARTS   AGE",
    "nginx-7854ff8877-abcde   1/1     Running            0          5m",
    "web-0                    0/1     CrashLoopBackOff   7 (2m ago)  17m",
    "db_main                  1/1     Running            1          2d",
    "Error: image pull failed for nginx:1.27",
    "",
    "error-handler   2/2   running   0   3h",
    "a.b*c[d]^e$f\\g|h+i?j{2}(k)",
    "tab\there and  spaces",
  ].join("\n") + "\n",
  numbers: Array.from({ length: 60 }, (_, i) => `${i + 1}`).join("\n") + "\n",
  noFinalNewline: "alpha\nbeta\ngamma 7",
  crlf: "line one\r\nline two 7\r\n",
  emptyLines: "\n\nx\n\n",
  empty: "",
};

const FORMS: string[][] = [
  ["7"], ["-v", "7"], ["-c", "7"], ["-n", "7"], ["-vc", "1"], ["-q", "7"], ["-q", "nothing-here"],
  ["-i", "error"], ["-in", "ERROR"], ["-w", "error"], ["-iw", "error"], ["-x", "web-0"], ["-x", "7"],
  ["Running"], ["-c", "Running"], ["^web"], ["m$"], ["-E", "Running|Crash"], ["-E", "^(web|db)"],
  ["-E", "[0-9]+/[0-9]+"], ["-E", "1{2}"], ["-E", "^[a-z]+-[0-9]$"], ["-o", "nginx"], ["-on", "[0-9]/[0-9]"],
  ["-oi", "error"], ["-F", "a.b*c"], ["-F", "[d]^e$"], ["-Fx", "alpha"], ["[[:digit:]]\\{2\\}"], ["[[:upper:]]"],
  ["-i", "[[:upper:]]"], ["[^a-z ]"], ["a.b\\*c\\[d\\]"], ["*c"], ["h+i?j{2}(k)"], ["-E", "h\\+i\\?j\\{2\\}\\(k\\)"],
  ["n.*x"], ["-E", "n.*[0-9]+m"], ["two"], ["o$"], ["-c", "^$"], ["-vn", "^$"], ["-e", "-handler"], ["--count", "a"],
  ["-E", "a|b|c"], ["[]x]"], ["[a-]"], ["\\."], ["t.b"], ["-w", "2"], ["-x", "-E", "[0-9]{1,2}"], ["-wo", "[0-9]"],
];

function gnu(args: string[], input: string): { stdout: string; exitCode: number } {
  const r = spawnSync(GNU_GREP, args, { input, env: GNU_ENV });
  return { stdout: r.stdout.toString("latin1"), exitCode: r.status ?? -1 };
}

const shellQuote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** Many GNU grep runs at once: one shell runs them all (a process spawn per case is slow on a loaded machine). */
function gnuMany(cases: { args: string[]; input: string }[]): { stdout: string; exitCode: number }[] {
  const dir = mkdtempSync(join(tmpdir(), "grep-fast-"));
  try {
    const files = new Map<string, string>();
    for (const c of cases) if (!files.has(c.input)) files.set(c.input, join(dir, `in${files.size}`));
    for (const [input, file] of files) writeFileSync(file, input, "latin1");
    const script = cases.map((c) => `${GNU_GREP} ${c.args.map(shellQuote).join(" ")} < ${files.get(c.input)}; printf '\\001%d\\002' $?`).join("\n");
    const r = spawnSync("/bin/sh", ["-c", script], { env: GNU_ENV, maxBuffer: 64 * 1024 * 1024 });
    const out = r.stdout.toString("latin1");
    const results: { stdout: string; exitCode: number }[] = [];
    const re = /([^\x01]*)\x01(\d+)\x02/g;
    for (let m = re.exec(out); m; m = re.exec(out)) results.push({ stdout: m[1], exitCode: Number(m[2]) });
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const stdinCtx = (input: string) => ({ stdin: unsafeBytesFromLatin1(input), cwd: "/", fs: undefined as never });

describe.runIf(existsSync(GNU_GREP))("grep's fast path against GNU grep", () => {
  it("prints GNU grep's bytes and exit status wherever it answers", async () => {
    const cases: { args: string[]; input: string; name: string; ours: { stdout: string; exitCode: number } }[] = [];
    for (const form of FORMS) {
      for (const [name, input] of Object.entries(INPUTS)) {
        const ours = await fastGrep(form, stdinCtx(input));
        if (ours) cases.push({ args: form, input, name, ours: { stdout: ours.stdout, exitCode: ours.exitCode } });
      }
    }
    const real = gnuMany(cases);
    expect(real.length).toBe(cases.length);
    const mismatches = cases.filter((c, i) => c.ours.stdout !== real[i].stdout || c.ours.exitCode !== real[i].exitCode).map((c) => `grep ${c.args.join(" ")} <${c.name}: ${JSON.stringify(c.ours)} vs GNU ${JSON.stringify(real[cases.indexOf(c)])}`);
    expect(mismatches).toEqual([]);
    // Most of the matrix is answered here, not left to just-bash.
    expect(cases.length).toBeGreaterThan(FORMS.length * Object.keys(INPUTS).length * 0.8);
  }, 120_000);

  it("answers the common forms itself", async () => {
    const common = [["7"], ["-v", "7"], ["-c", "7"], ["-n", "7"], ["-i", "error"], ["-w", "error"], ["-E", "Running|Crash"], ["-o", "nginx"], ["-q", "7"], ["-F", "a.b*c"], ["n.*x"], ["-x", "web-0"]];
    for (const form of common) expect(await fastGrep(form, stdinCtx(INPUTS.pods)), form.join(" ")).toBeDefined();
  });

  it("leaves to just-bash what could backtrack without bound or what it does not model", async () => {
    const left = [["-E", "(a+)+$"], ["-E", "(ab)*"], ["\\(a\\)\\1"], ["-r", "x"], ["-A", "1", "x"], ["-P", "x"], ["\\bx"], ["-l", "x"], ["x", "f1", "f2"], ["-oE", "a|ab"], ["-o", "a*"], ["[z-a]"]];
    for (const form of left) expect(await fastGrep(form, stdinCtx(INPUTS.pods)), form.join(" ")).toBeUndefined();
    // One unbounded quantifier per position on a very long line: left to the engine without backtracking.
    expect(await fastGrep(["a*b"], stdinCtx(`${"a".repeat(20_000)}\n`))).toBeUndefined();
    expect(await fastGrep(["é"], stdinCtx("caf\u00c3\u00a9\n"))).toBeUndefined();
  });

  it("translates POSIX classes and keeps BRE's literal characters literal", () => {
    expect(translate("[[:digit:]]x+", "basic")?.source).toBe("[0-9]x\\+");
    expect(translate("a|b", "extended")).toMatchObject({ source: "a|b", unbounded: 0 });
    expect(translate("\\w", "basic")).toBeUndefined();
  });
});

describe.runIf(existsSync(GNU_GREP))("grep in a terminal", () => {
  it("answers a pipeline and a file as GNU grep does", async () => {
    const env = Environment.create();
    const terminal = createTerminal(env);
    // GNU grep runs here without Ubuntu's ~/.bashrc alias (grep --color=auto).
    await terminal.exec("unalias grep");
    const input = INPUTS.pods;
    await terminal.exec(`printf '%s' '${input.replace(/'/g, "'\\''")}' > /tmp/pods`);
    for (const [line, args] of [
      ["cat /tmp/pods | grep -i running | wc -l", null],
      ["grep -n Running /tmp/pods", ["-n", "Running"]],
      ["grep -c -v '^$' /tmp/pods", ["-c", "-v", "^$"]],
      ["grep -w error /tmp/pods; echo status=$?", ["-w", "error"]],
    ] as [string, string[] | null][]) {
      let out = "";
      await terminal.exec(line, (d) => (out += d));
      const expected = args ? gnu(args, input).stdout : `${gnu(["-i", "running"], input).stdout.split("\n").length - 1}\n`;
      expect(out, line).toBe(line.includes("status") ? `${expected}status=${gnu(args!, input).exitCode}\n` : expected);
    }
  }, 120_000);
});
