import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { createTerminal } from "..";

/**
 * ls -l --color=always against the machine's real GNU ls: the name column of each row (after the
 * date) is coloured alike. Only the name column: sizes, dates and owners are the lab's.
 */
const GNU_LS = "/usr/bin/ls";
const SETUP = "mkdir d sub ow && chmod 777 ow && touch f s.tar && printf '#!/bin/sh\\n' > x && chmod +x x && ln -s f lnk && ln -s missing broken";
const LISTINGS = ["ls -l --color=always", "ls -la --color", "ls -l --color=always x", "LS_COLORS='di=01;33:*.tar=01;31:or=40;31;01' ls -l --color"];

/** Each row's name column, a symlink's ` -> target` with it. */
const names = (listing: string) =>
  listing
    .split("\n")
    .map((row) => /^[-dl][rwxsStT-]{9}.* [A-Z][a-z]{2} [ \d]\d (?:[ \d]\d:\d\d| \d{4}) (.*)$/.exec(row)?.[1])
    .filter((name): name is string => name !== undefined && !name.includes("\x1b[30;42m.."));

describe.runIf(existsSync(GNU_LS))("ls -l --color against GNU ls", () => {
  it("colours each name in a long listing as GNU ls does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ls-colour-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: "C.UTF-8", PATH: "/usr/bin:/bin" };
      delete env.LS_COLORS;
      const real = spawnSync("/bin/sh", ["-c", `${SETUP} && ${LISTINGS.map((l) => `${l}; printf '\\001'`).join("\n")}`], { cwd: dir, env }).stdout.toString("utf8").split("\x01");
      const terminal = createTerminal(Environment.create());
      // ~/.bashrc sets LS_COLORS (dircolors -b); the real side runs with it unset.
      await terminal.exec(`unset LS_COLORS; mkdir -p /tmp/lc && cd /tmp/lc && ${SETUP}`);
      for (const [i, line] of LISTINGS.entries()) {
        let ours = "";
        await terminal.exec(line, (d, stream) => (ours += stream === "stdout" ? d : ""));
        // `..` is the test machine's temporary directory on one side, the lab's /tmp on the other.
        expect(names(ours), line).toEqual(names(real[i]));
        expect(names(ours).length, line).toBeGreaterThan(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
