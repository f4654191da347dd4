import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { createTerminal } from "..";

/**
 * dircolors against the machine's GNU dircolors 9.1, byte for byte: stdout, stderr and status of
 * each command, with TERM=xterm and SHELL=/bin/bash on both sides and the same database files.
 */
const GNU_DIRCOLORS = "/usr/bin/dircolors";

const FILES = [
  "printf 'TERM xterm*\\nDIR 01;35 # purple\\n.tar 01;31\\n*.gz 01;32\\nOWT 0\\nOPTIONS -x\\nnorm 1\\n' > mine",
  "printf 'TERM dumb\\nDIR 01;35\\nTERM xterm\\nLINK 01;33\\n' > pick",
  "printf 'TERM xterm\\nDIR\\n' > short",
  "printf 'TERM xterm\\nBOGUS 1\\n.x 1\\n' > bogus",
  "printf 'FOO 1\\nDIR 01;35\\n' > global",
  "printf \"DIR 01'x\\n*.a=b 0\\n\" > quotes",
].join(" && ");

const COMMANDS = [
  "dircolors",
  "dircolors -b",
  "dircolors -c",
  "dircolors --sh",
  "dircolors --c-shell",
  "dircolors -p",
  "dircolors --print-ls-colors",
  "TERM=dumb dircolors -b",
  "TERM= dircolors -b",
  "TERM=dumb COLORTERM=truecolor dircolors -b",
  "TERM=linux dircolors -c",
  "SHELL=/bin/tcsh dircolors",
  "SHELL=/usr/bin/zsh dircolors | tail -1",
  "(unset SHELL; dircolors)",
  "dircolors -b -c | head -c 30",
  "dircolors -p -b",
  "dircolors --print-ls-colors -c",
  "dircolors -p x",
  "dircolors a b",
  "dircolors -z",
  "dircolors --foo",
  "dircolors --p",
  "dircolors nofile",
  "dircolors -b mine",
  "dircolors -c mine",
  "dircolors --print-ls-colors mine",
  "dircolors -b pick",
  "TERM=dumb dircolors -b pick",
  "dircolors -b short",
  "dircolors -b bogus",
  "dircolors -b global",
  "dircolors -b quotes",
  "dircolors --print-ls-colors quotes",
  "printf 'TERM xterm\\nEXEC 01;33\\n' | dircolors -b -",
  "eval \"$(dircolors -b mine)\"; echo \"$LS_COLORS\"",
];

function record(command: string, out: string): string {
  return `${command} > ${out}/o 2> ${out}/e; echo "[status $?]"; cat ${out}/o; echo "[stderr]"; cat ${out}/e; printf '\\001'`;
}

describe.runIf(existsSync(GNU_DIRCOLORS))("dircolors against GNU dircolors 9.1", () => {
  it("prints what GNU dircolors prints", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dircolors-"));
    const out = mkdtempSync(join(tmpdir(), "dircolors-out-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C.UTF-8", PATH: "/usr/bin:/bin", TERM: "xterm", SHELL: "/bin/bash" };
      delete env.COLORTERM;
      delete env.LS_COLORS;
      expect(spawnSync("/bin/sh", ["-c", FILES], { cwd: dir, env }).status).toBe(0);
      const real = spawnSync("/bin/bash", ["-c", COMMANDS.map((c) => record(c, out)).join("\n")], { cwd: dir, env }).stdout.toString("utf8").split("\x01");

      const terminal = createTerminal(Environment.create(), { user: "root", host: "controlplane", interactive: false, env: { TERM: "xterm" } });
      await terminal.exec(`mkdir -p /tmp/dc /tmp/out && cd /tmp/dc && ${FILES}`);
      for (const [i, command] of COMMANDS.entries()) {
        let ours = "";
        await terminal.exec(record(command, "/tmp/out"), (d, stream) => (ours += stream === "stdout" ? d : ""));
        expect.soft(ours, command).toBe(`${real[i]}\x01`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
