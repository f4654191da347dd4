import { existsSync } from "node:fs";
import { ChildProcess } from "node:child_process";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTerminal, type Terminal } from "../terminal";
import { bareEnvironment, testPrograms } from "./helpers";

/**
 * Random and hostile command lines: the shell never throws, never runs past its limits, never
 * touches the real filesystem and never starts a process.
 */
const SENTINEL = "/tmp/kubecoach-fuzz-sentinel";

const fragment = fc.oneof(
  fc.constantFrom(
    "echo hi", "ls -la /", "cat /etc/passwd", "cd /tmp", "cd -", "pwd", "true", "false", "exit", "exit 3", "logout", "ssh node01", "ssh nowhere", "sudo -i",
    "su - candidate", "sudo cat /etc/shadow", "history", "clear", "alias x=ls", "unalias x", "f() { f; }", "f", "g() { echo $1; }; g a", "x=$(x)", "eval 'eval eval'",
    "source /dev/null", ". /etc/hostname", "source <(echo 'h(){ :; }')", "set -e", "set +e", "set -u", "set -o pipefail", "shopt -s extglob", "trap 'echo t' EXIT",
    `echo x > ${SENTINEL}`, "touch /etc/x", "rm -rf /", "rm -rf /tmp/*", "mkdir -p /tmp/a/b/c", "cat < /dev/zero | head -c 5", "seq 1 1000 | sort -r | head -1",
    "while true; do :; done", "for i in 1 2 3; do echo $i; done", "until false; do break; done", "case x in x) echo y;; esac", "[[ -f /etc/hosts ]] && echo yes",
    "echo $((1/0))", "echo ${x:?unset}", "echo ${#PATH}", "arr=(1 2 3); echo ${arr[@]:1}", "declare -A m; m[a]=b", "read x < /etc/hostname; echo $x", "printf '%s\\n' a b",
    "cat <<EOF\nheredoc\nEOF", "echo 'unterminated", "echo \"unterminated", "(", ")", "{", "}", "if", "fi", "done", ";;", "|", "&&", "||", "&", ";", "$(", "`", "\\",
    "systemctl status ssh", "journalctl -n 2", "date", "uname -a", "id", "hostname -I", "vim /tmp/x", "watch ls", "sleep 0.5", "kill -9 $$", "exec bash", "ulimit -a",
    "bash -c 'exit 4'", "sh -c 'echo sub'", "xargs echo < /etc/hostname", "find / -maxdepth 2 -name hosts", "jq . /etc/hostname", "awk '{print $1}' /etc/hosts",
    "curl -s http://127.0.0.1/", "ping -c 1 node01", "nslookup node01", "echo $RANDOM", "echo ~", "cd ~candidate", "ls /proc", "cat /proc/cpuinfo | head -1",
    "echo > /proc/sys/net/ipv4/ip_forward", "sysctl -a", "ls /usr/bin | wc -l", "type k", "command -v ls", "hash", "complete -p",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.stringMatching(/^[a-z$(){}<>|&;'"`\\ =*?[\]!#~-]{1,30}$/),
);

const commandLine = fc.array(fragment, { minLength: 1, maxLength: 4 }).chain((parts) =>
  fc.array(fc.constantFrom("; ", " && ", " || ", " | ", "\n", " "), { minLength: parts.length - 1, maxLength: parts.length - 1 }).map((seps) => parts.map((p, i) => (i === 0 ? p : `${seps[i - 1]}${p}`)).join("")),
);

describe("hostile input", () => {
  // Every child process (spawn, exec, fork) starts through ChildProcess.prototype.spawn (internal).
  type Spawnable = { spawn: (...args: unknown[]) => unknown };
  const proto = ChildProcess.prototype as unknown as Spawnable;
  let spawned = 0;
  const originalSpawn = proto.spawn;
  beforeAll(() => {
    proto.spawn = function (this: unknown, ...args: unknown[]) {
      spawned++;
      return originalSpawn.apply(this, args);
    };
  });
  afterAll(() => {
    proto.spawn = originalSpawn;
  });

  it("never throws, hangs, escapes to the real filesystem or spawns a process", async () => {
    const env = bareEnvironment();
    const open = (): Terminal => createTerminal(env, { programs: testPrograms(), limits: { cpuMs: 1500, outputBytes: 64 * 1024, virtualSleepMs: 600_000 } });
    let terminal = open();
    await fc.assert(
      fc.asyncProperty(commandLine, async (line) => {
        if (terminal.closed) terminal = open();
        let output = 0;
        const r = await terminal.exec(line, (data) => (output += data.length));
        expect(Number.isInteger(r.exitCode)).toBe(true);
        expect(output).toBeLessThan(64 * 1024 + 4096);
        if (!r.closed) {
          // Whatever the line did, an interrupt clears a half-typed command and the shell answers.
          terminal.interrupt();
          let echo = "";
          const ok = await terminal.exec("echo ok", (d, s) => s === "stdout" && (echo += d));
          if (!ok.closed) expect(echo.endsWith("ok\n")).toBe(true);
        }
      }),
      { numRuns: 120, seed: 20260101 },
    );
    expect(existsSync(SENTINEL)).toBe(false);
    expect(spawned).toBe(0);
  }, 240_000);
});
