import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { createTerminal } from "..";

/**
 * grep --color=always against the machine's real GNU grep, on two files and on one: wherever the
 * simulated grep prints GNU's lines uncoloured, it prints GNU's colours too.
 */
const GNU_GREP = "/usr/bin/grep";
const GNU_ENV: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C.UTF-8", PATH: "/usr/bin:/bin" };
// GNU's default colours: none chosen by whoever runs the tests.
delete GNU_ENV.GREP_COLORS;
delete GNU_ENV.GREP_COLOR;

const PODS = [
  "NAME                     READY   STATUS             RESTARTS   AGE",
  "nginx-7854ff8877-abcde   1/1     Running            0          5m",
  "web-0                    0/1     CrashLoopBackOff   7 (2m ago)  17m",
  "Error: image pull failed for nginx:1.27",
  "",
  "error-handler   2/2   running   0   3h",
].join("\n") + "\n";
const NODES = "controlplane   Ready    control-plane   10d   v1.33.0\nnode01         NotReady <none>          10d   v1.33.0\n";

const FORMS: string[][] = [
  ["Running"], ["-v", "Running"], ["-n", "Running"], ["-c", "Running"], ["-i", "error"], ["-in", "ERROR"], ["-w", "error"],
  ["-x", "web-0.*"], ["-o", "nginx"], ["-on", "[0-9]/[0-9]"], ["-E", "Running|Crash"], ["-E", "[0-9]+d"], ["-e", "Ready", "-e", "ago"],
  ["-l", "Ready"], ["-A1", "Error"], ["-B1", "-n", "nginx"], ["-C1", "ago"], ["-v", "-A1", "e"], ["-F", "1/1"], ["o"], ["-i", "n.*x"],
  // GNU's BRE extensions and a BRE's literal ( + ^ $.
  ["Running\\|Crash"], ["[0-9]\\+d"], ["-o", "Ready\\|ago"], ["(2m"], ["a+b"], ["x^y"], ["^e\\|d$"],
];
const FILE_SETS = [["pods"], ["pods", "nodes"]];

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

function gnu(lines: string[], files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), "grep-colour-"));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const script = lines.map((l) => `${l}; printf '\\001'`).join("\n");
    const r = spawnSync("/bin/sh", ["-c", script], { cwd: dir, env: GNU_ENV });
    return r.stdout.toString("utf8").split("\x01").slice(0, lines.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(existsSync(GNU_GREP))("grep --color=always against GNU grep", () => {
  it("colours matches, file names, line numbers and separators as GNU does", async () => {
    const terminal = createTerminal(Environment.create());
    // GNU grep runs here without Ubuntu's ~/.bashrc alias (grep --color=auto).
    await terminal.exec("unalias grep");
    await terminal.exec(`mkdir -p /tmp/gc && cd /tmp/gc && printf '%s' ${quote(PODS)} > pods && printf '%s' ${quote(NODES)} > nodes`);
    const plain: string[] = [];
    const coloured: string[] = [];
    for (const form of FORMS) {
      for (const files of FILE_SETS) {
        plain.push(`grep ${form.map(quote).join(" ")} ${files.join(" ")}`);
        coloured.push(`grep --color=always ${form.map(quote).join(" ")} ${files.join(" ")}`);
      }
    }
    const real = gnu([...plain, ...coloured], { pods: PODS, nodes: NODES });
    const run = async (line: string) => {
      let out = "";
      await terminal.exec(line, (d, stream) => (out += stream === "stdout" ? d : ""));
      return out;
    };
    let compared = 0;
    const mismatches: string[] = [];
    for (let i = 0; i < plain.length; i++) {
      // Where just-bash's grep itself differs from GNU, colour cannot agree: not a colour question.
      if ((await run(plain[i])) !== real[i]) continue;
      compared++;
      const ours = await run(coloured[i]);
      const theirs = real[plain.length + i];
      if (ours !== theirs) mismatches.push(`${coloured[i]}\n  ours: ${JSON.stringify(ours)}\n  GNU:  ${JSON.stringify(theirs)}`);
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(plain.length * 0.8);
  }, 180_000);
});
