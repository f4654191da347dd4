import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { createTerminal } from "..";

/**
 * The simulated ls against the machine's GNU ls 9.1, byte for byte: the same tree (names, sizes,
 * modes, links, times set with touch -d) built in a real temporary directory and in the lab's
 * /tmp, then the same commands run in both with stdout, stderr and the exit status compared.
 * Output goes to files (not a terminal), so the default is one name a line; -C, -x and -m use the
 * width given. The real directory's parent is made to look like the lab's (one subdirectory, a
 * fixed time), so `..` in -a listings matches too. Both run as root.
 */
const GNU_LS = "/usr/bin/ls";

const day = 86_400_000;
const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

function setup(now: number): string {
  const old = stamp(Date.UTC(2024, 2, 5, 10, 20, 30));
  const recent = stamp(now - 3 * day);
  const recent2 = stamp(now - 40 * day);
  const future = stamp(now + 30 * day);
  return [
    "mkdir w && cd w",
    "mkdir -p sub/deep empty 'a dir' sticky",
    "chmod 1777 sticky",
    "touch aaaa bbbbbbbbbbbbb ccccccc dddddddddddddddddddddddd eeeeeee ffff gggggggggg hh .hidden backup~ file.tar.gz notes.txt v1.10 v1.2 v1.9 'sp ace' \"it's\"",
    "printf 'hello\\n' > sized",
    "seq 1 2000 > big",
    "printf '#!/bin/sh\\n' > exe && chmod 755 exe",
    "chmod 4755 hh && chmod 600 ffff",
    "ln -s aaaa lnk && ln -s sub dlink && ln -s missing broken",
    `touch -d '${old}' aaaa ccccccc eeeeeee gggggggggg v1.10 v1.9 sized 'sp ace' lnk broken dlink`,
    `touch -d '${recent}' bbbbbbbbbbbbb dddddddddddddddddddddddd ffff hh .hidden backup~ file.tar.gz "it's" exe`,
    `touch -d '${recent2}' notes.txt v1.2 big`,
    `touch -d '${future}' sub/deep/x`,
    "chmod 755 ..",
    `touch -d '${recent}' sub/deep sub empty 'a dir' sticky . ..`,
  ].join(" && ");
}

const LISTINGS = [
  "ls",
  "ls -C -w 80",
  "ls -C -w 40",
  "ls -x -w 60",
  "ls -m -w 50",
  "ls -Cw0",
  "ls -C -T 0 -w 50",
  "ls -a",
  "ls -A -C -w 70",
  "ls -l",
  "ls -la",
  "ls -lA",
  "ls -laF",
  "ls -ltr",
  "ls -lt",
  "ls -lS",
  "ls -lSr",
  "ls -X",
  "ls -v",
  "ls -1 --sort=width",
  "ls -ls",
  "ls -s -C -w 60",
  "ls -sh -C -w 60",
  "ls -lh",
  "ls -ln",
  "ls -lg",
  "ls -lo",
  "ls -lG",
  "ls -l --si big sized",
  "ls -d sub aaaa",
  "ls -ld sub dlink",
  "ls aaaa sub nope empty",
  "ls nope sub",
  "ls sub",
  "ls -R",
  "ls -lR sub",
  "ls -R sub empty",
  "ls -p -C -w 60",
  "ls -F -C -w 60",
  "ls -F -l lnk dlink broken exe",
  "ls --group-directories-first -l",
  "ls --group-directories-first",
  "ls --full-time aaaa bbbbbbbbbbbbb",
  "ls -l --time-style=long-iso",
  "ls -l --time-style=iso",
  "ls -l --time-style=+%Y/%m aaaa",
  "ls -l --time-style=posix-long-iso aaaa",
  "ls -r",
  "ls -t",
  "ls -L -l lnk dlink",
  "ls dlink",
  "ls -l dlink",
  "ls dlink/",
  "ls aaaa/",
  "ls -Q",
  "ls -N -C -w 60",
  "ls -B",
  "ls -I '*.txt' -I 'v*'",
  "ls --hide='v*'",
  "ls -a --hide='v*'",
  "ls -Z -1 aaaa",
  "ls -lZ aaaa",
  "ls -lgo aaaa",
  "ls -l1",
  "ls -1l aaaa",
  "ls --quoting-style=shell-escape -C -w 60",
  "ls --quoting-style=shell-escape -l sub 'sp ace' aaaa \"it's\"",
  "ls --quoting-style=c",
  "ls -b",
  "ls --color=always -C -w 60",
  "ls --color=always -l",
  "ls --color=always -F -l lnk dlink broken",
  "ls --color=always -R sub",
  "(eval \"$(dircolors -b)\"; ls --color=always -l)",
  "(eval \"$(dircolors -b)\"; ls --color=always -C -w 60 -F)",
  "TERM=dumb ls --color=always -C -w 60",
  "TERM=dumb LS_COLORS= ls --color=always -d sub",
  "TERM=dumb COLORTERM=truecolor ls --color=always -d sub",
  "ls -w 40 -C --color=never",
  "ls --format=across -w 40",
  "ls --format=comma -w 40",
  "ls --indicator-style=slash",
  "ls --classify=never",
  "ls --all --almost-all -C -w 60",
  "ls --almost -1",
  "ls -z",
  "ls --foo",
  "ls --a",
  "ls -w",
  "ls --width",
  "ls -w x",
  "ls --all=3",
  "ls --sort=foo",
  "ls --sort=ti -1",
  "ls --format=bad",
  "ls --classify=x",
  "ls -l --time-style=foo",
  "ls --time-style=foo",
  "COLUMNS=30 ls -C",
  "COLUMNS=x ls -C",
  "COLUMNS=x ls -l aaaa",
  "TABSIZE=4 ls -C -w 40",
  "TIME_STYLE=long-iso ls -l aaaa",
  "QUOTING_STYLE=c ls \"it's\" 'sp ace'",
  "QUOTING_STYLE=bad ls aaaa",
  "ls -- -x 2>&1",
  "ls --zero aaaa sized",
];

/** Runs a listing in the tree: its stdout, stderr and status as one record. */
function record(listing: string, out: string): string {
  return `${listing} > ${out}/o 2> ${out}/e; echo "[status $?]"; cat ${out}/o; echo "[stderr]"; cat ${out}/e; printf '\\001'`;
}

describe.runIf(existsSync(GNU_LS))("ls against GNU ls 9.1", () => {
  it("prints what GNU ls prints for the same tree", async () => {
    const now = Date.now();
    const root = mkdtempSync(join(tmpdir(), "ls-gnu-"));
    const out = mkdtempSync(join(tmpdir(), "ls-gnu-out-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C.UTF-8", TZ: "UTC", PATH: "/usr/bin:/bin", TERM: "xterm", SHELL: "/bin/bash" };
      for (const name of ["LS_COLORS", "COLUMNS", "TABSIZE", "TIME_STYLE", "QUOTING_STYLE", "BLOCK_SIZE", "LS_BLOCK_SIZE", "COLORTERM"]) delete env[name];
      // The lab's clock starts ten minutes back: booting the cluster runs it on, and the symlinks
      // it makes must not be in the real machine's future.
      const environment = Environment.create(undefined, { startTime: now - 10 * 60_000 });
      const terminal = createTerminal(environment, { user: "root", host: "controlplane", interactive: false, env: { TERM: "xterm" } });
      const dir = "/tmp/ls-gnu";
      let made2 = "";
      await terminal.exec(`mkdir -p ${dir} && cd ${dir} && ${setup(now)}`, (d) => (made2 += d));
      expect(made2).toBe("");
      // A symlink keeps the time it was made at (touch -d sets its target's): the real links are
      // given the lab's time.
      const linked = Math.floor(environment.clock.now() / 1000);
      const made = spawnSync("/bin/sh", ["-c", `${setup(now)} && touch -h -d @${linked} lnk dlink broken`], { cwd: root, env });
      expect(made.status, made.stderr.toString()).toBe(0);
      const all = LISTINGS.map((l) => record(l, out)).join("\n");
      const real = spawnSync("/bin/bash", ["-c", `cd w && ${all}`], { cwd: root, env }).stdout.toString("utf8").split("\x01");

      await terminal.exec("mkdir -p /tmp/out");
      for (const [i, listing] of LISTINGS.entries()) {
        let ours = "";
        await terminal.exec(record(listing, "/tmp/out"), (d, stream) => (ours += stream === "stdout" ? d : ""));
        expect.soft(ours, listing).toBe(`${real[i]}\x01`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);

  it("lays names out at the terminal's width and quotes them as on a terminal", async () => {
    // GNU ls under script(1) with a 50-column terminal; the lab's terminal with 50 columns.
    const tree = "mkdir tty && cd tty && touch 'a b' \"it's\" plain plain2 \"$(printf 'tab\\tx')\" 'x$y' && mkdir dir && ln -s plain lnk";
    const listings = ["ls", "ls -x", "ls -l --time-style=+", "ls -1", "ls --color=auto -F", "ls -m", "ls dir plain"];
    const root = mkdtempSync(join(tmpdir(), "ls-tty-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C.UTF-8", TZ: "UTC", PATH: "/usr/bin:/bin" };
      for (const name of ["LS_COLORS", "COLUMNS", "TABSIZE", "TIME_STYLE", "QUOTING_STYLE"]) delete env[name];
      const made = spawnSync("/bin/bash", ["-c", tree], { cwd: root, env });
      expect(made.status, made.stderr.toString()).toBe(0);
      const inTty = `stty cols 50; cd tty; ${listings.map((l) => `${l}; printf '\\001'`).join("; ")}`;
      const real = spawnSync("script", ["-qc", inTty, "/dev/null"], { cwd: root, env }).stdout.toString("utf8").replaceAll("\r\n", "\n").split("\x01");

      // script(1) gave ls a terminal: names are quoted and laid out in columns.
      expect(real[0]).toMatch(/^'a b'  "it's" .*\t/);
      const terminal = createTerminal(Environment.create(), { user: "root", host: "controlplane", columns: 50 });
      await terminal.exec(`mkdir -p /tmp/ls-tty && cd /tmp/ls-tty && ${tree}`);
      for (const [i, listing] of listings.entries()) {
        let ours = "";
        await terminal.exec(`command ${listing}`, (d) => (ours += d));
        expect.soft(ours, listing).toBe(real[i]);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
