import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getoptLong, type GetoptResult, type GetoptTable } from "../commands/getopt-long";
import { DIFF_OPTIONS } from "../commands/diff";
import { DIRCOLORS_OPTIONS } from "../commands/dircolors";
import { GREP_OPTIONS } from "../commands/grep-options";
import { UNAME_OPTIONS } from "../commands/identity";
import { LS_OPTIONS } from "../commands/ls-options";
import { ENV_OPTIONS } from "../commands/env";
import { MKTEMP_OPTIONS } from "../commands/mktemp";
import { NOHUP_OPTIONS } from "../commands/nohup";
import { OD_OPTIONS } from "../commands/od";
import { OWNERSHIP_OPTIONS } from "../commands/ownership";
import { REALPATH_OPTIONS } from "../commands/realpath";
import { STAT_OPTIONS } from "../commands/stat";
import { TIMEOUT_OPTIONS } from "../commands/timeout";
import { USERADD_OPTIONS } from "../commands/useradd";
import { XARGS_OPTIONS } from "../commands/xargs-input";

/**
 * The shared getopt_long against glibc's own, two ways:
 *
 * - util-linux getopt(1) is glibc's getopt_long behind a command line: for a table written as its
 *   -o/-l, it prints the options and operands in the order glibc returned them (permuted, `--`,
 *   `+`, POSIXLY_CORRECT), or glibc's messages. Our reading, printed the same way, must be equal.
 * - The real GNU tools on this machine (coreutils 9.1, grep 3.8) with the tables the lab's commands
 *   use: the first line of their stderr is getopt's message where getopt refused the line, and our
 *   error must be that line (and none where the real tool's getopt accepted it).
 */
const GETOPT = "/usr/bin/getopt";
const work = mkdtempSync(join(tmpdir(), "getopt-long-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A table for getopt(1): short `ab:c::`, long alpha, beta (required), gamma (optional), alps. */
const SYNTHETIC: GetoptTable = {
  program: "prog",
  options: [
    { short: "a" }, { short: "b", argument: "required" }, { short: "c", argument: "optional" },
    { long: "alpha" }, { long: "beta", argument: "required" }, { long: "gamma", argument: "optional" }, { long: "alps" },
    { long: "verbose" }, { long: "version" },
  ],
};
const OPTSTRING = "ab:c::";
const LONGS = "alpha,beta:,gamma::,alps,verbose,version";

/** getopt(1)'s output for our reading: ` -a -b 'x' --gamma '' -- 'op'`. */
function printed(r: GetoptResult): string {
  const q = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
  const opts = r.options.map((o) => {
    const takes = o.name.startsWith("--") ? SYNTHETIC.options.find((s) => `--${s.long}` === o.name)!.argument : SYNTHETIC.options.find((s) => `-${s.short}` === o.name)!.argument;
    return ` ${o.name}${takes && takes !== "none" ? ` ${q(o.value ?? "")}` : ""}`;
  });
  return `${opts.join("")} --${r.operands.map((o) => ` ${q(o)}`).join("")}`;
}

const GETOPT_CASES: [string[], boolean?][] = [
  [["-a", "x", "-b", "y", "z"]],
  [["-ab1", "-c", "-c2", "op"]],
  [["-b", "--", "x"]],
  [["x", "--al"]],
  [["--alph", "--bet=1", "--beta", "2", "--gam", "--gamma=3", "--gamma", "4"]],
  [["-", "x", "--", "-a", "--alpha"]],
  [["x", "-a", "y", "-b"]],
  [["--alpha=1"]],
  [["--beta"]],
  [["--ver"]],
  [["--v"]],
  [["--zeta=1", "x"]],
  [["--=x"]],
  [["-ax", "y"]],
  [["-a", "x", "-b", "y"]],
  [["-a", "x", "-b", "y"], true],
  [["x", "-a"], true],
  [["-a", "--", "-b"], true],
];

describe.runIf(existsSync(GETOPT))("getoptLong reads as glibc's getopt_long (util-linux getopt)", () => {
  it.each(GETOPT_CASES)("%j (POSIXLY_CORRECT: %s)", (args, posixly = false) => {
    const env = { ...process.env, LC_ALL: "C.UTF-8", ...(posixly ? { POSIXLY_CORRECT: "1" } : {}) };
    const real = spawnSync(GETOPT, ["-o", OPTSTRING, "-l", LONGS, "-n", "prog", "--", ...args], { encoding: "utf8", env });
    const ours = getoptLong(args, SYNTHETIC, posixly);
    if (real.status === 0) {
      expect(ours.error).toBeUndefined();
      expect(printed(ours)).toBe(real.stdout.trimEnd());
    } else expect(ours.error).toBe(real.stderr.split("\n")[0]);
  });

  it("stops at the first operand with `+`, as getopt(1)'s `-o +…` does", () => {
    const args = ["-a", "x", "-b", "y"];
    const real = spawnSync(GETOPT, ["-o", `+${OPTSTRING}`, "-l", LONGS, "-n", "prog", "--", ...args], { encoding: "utf8" });
    expect(printed(getoptLong(args, { ...SYNTHETIC, stopAtOperand: true }))).toBe(real.stdout.trimEnd());
  });
});

/** getopt's own refusals; other first lines (a bad value, a missing file) are not getopt's. */
const GETOPT_MESSAGE = /^\w+: (invalid option -- |unrecognized option |option '.*' (is ambiguous|requires an argument|doesn't allow an argument)|option requires an argument -- )/;

const REAL_CASES: [GetoptTable, string, string[]][] = [
  [GREP_OPTIONS, "/usr/bin/grep", ["-A"]],
  [GREP_OPTIONS, "/usr/bin/grep", ["--co=1", "x"]],
  [GREP_OPTIONS, "/usr/bin/grep", ["--col=always", "x"]],
  [GREP_OPTIONS, "/usr/bin/grep", ["--fi", "x"]],
  [GREP_OPTIONS, "/usr/bin/grep", ["--fixed", "--sil", "--qu", "x", "-", "-12n", "--ex=a"]],
  [GREP_OPTIONS, "/usr/bin/grep", ["-inW", "x"]],
  [GREP_OPTIONS, "/usr/bin/grep", ["--count=1", "x"]],
  [GREP_OPTIONS, "/usr/bin/grep", ["x", "--", "-v", "--regexp"]],
  [GREP_OPTIONS, "/usr/bin/grep", ["x", "--regexp"]],
  [LS_OPTIONS, "/usr/bin/ls", ["--colo"]],
  [LS_OPTIONS, "/usr/bin/ls", ["--fo"]],
  [LS_OPTIONS, "/usr/bin/ls", ["--fo=x"]],
  [LS_OPTIONS, "/usr/bin/ls", ["--d"]],
  [LS_OPTIONS, "/usr/bin/ls", ["--h"]],
  [LS_OPTIONS, "/usr/bin/ls", ["--=x"]],
  [LS_OPTIONS, "/usr/bin/ls", ["--all=3"]],
  [LS_OPTIONS, "/usr/bin/ls", ["--width"]],
  [LS_OPTIONS, "/usr/bin/ls", ["-law"]],
  [LS_OPTIONS, "/usr/bin/ls", ["-lW"]],
  [LS_OPTIONS, "/usr/bin/ls", [".", "--foo=bar", "-y"]],
  [LS_OPTIONS, "/usr/bin/ls", ["--class", "--hid=x", "--ignore-b", "-w80", "-T", "4", "."]],
  [DIRCOLORS_OPTIONS, "/usr/bin/dircolors", ["--c"]],
  [DIRCOLORS_OPTIONS, "/usr/bin/dircolors", ["--p"]],
  [DIRCOLORS_OPTIONS, "/usr/bin/dircolors", ["--sh=1"]],
  [DIRCOLORS_OPTIONS, "/usr/bin/dircolors", ["-bx"]],
  [DIRCOLORS_OPTIONS, "/usr/bin/dircolors", ["--print-l", "--bo"]],
  // Operands that do not exist: nothing is changed where getopt lets the line through.
  [OWNERSHIP_OPTIONS.chown, "/usr/bin/chown", ["--re", "root", "nosuch"]],
  [OWNERSHIP_OPTIONS.chown, "/usr/bin/chown", ["--no", "root", "nosuch"]],
  [OWNERSHIP_OPTIONS.chown, "/usr/bin/chown", ["root", "nosuch", "--from"]],
  [OWNERSHIP_OPTIONS.chown, "/usr/bin/chown", ["--sil", "--q", "-Rhv", "root", "nosuch"]],
  [OWNERSHIP_OPTIONS.chown, "/usr/bin/chown", ["--verbose=1", "root", "nosuch"]],
  [OWNERSHIP_OPTIONS.chgrp, "/usr/bin/chgrp", ["--from=root", "root", "nosuch"]],
  [OWNERSHIP_OPTIONS.chgrp, "/usr/bin/chgrp", ["-x", "root", "nosuch"]],
  [OD_OPTIONS, "/usr/bin/od", ["-w"]],
  [OD_OPTIONS, "/usr/bin/od", ["-S"]],
  [OD_OPTIONS, "/usr/bin/od", ["--s"]],
  [OD_OPTIONS, "/usr/bin/od", ["-An", "-tx1", "-j"]],
  [OD_OPTIONS, "/usr/bin/od", ["--w=4", "--endian", "big", "-", "--out"]],
  [OD_OPTIONS, "/usr/bin/od", ["-cz"]],
  [TIMEOUT_OPTIONS, "/usr/bin/timeout", ["-s"]],
  [TIMEOUT_OPTIONS, "/usr/bin/timeout", ["-vk"]],
  [TIMEOUT_OPTIONS, "/usr/bin/timeout", ["--si=KILL", "--verb", "1", "true", "-x"]],
  [TIMEOUT_OPTIONS, "/usr/bin/timeout", ["--p=1", "1", "true"]],
  [TIMEOUT_OPTIONS, "/usr/bin/timeout", ["--f", "--x"]],
  [MKTEMP_OPTIONS, "/usr/bin/mktemp", ["--suffix"]],
  [MKTEMP_OPTIONS, "/usr/bin/mktemp", ["-u", "--tmp=/nonexistent", "--suf=.x", "aXXX"]],
  [MKTEMP_OPTIONS, "/usr/bin/mktemp", ["-u", "-p"]],
  [MKTEMP_OPTIONS, "/usr/bin/mktemp", ["-u", "--d=1"]],
  [MKTEMP_OPTIONS, "/usr/bin/mktemp", ["-uqx"]],
  [XARGS_OPTIONS, "/usr/bin/xargs", ["--ma"]],
  [XARGS_OPTIONS, "/usr/bin/xargs", ["--max-lines", "--no-run", "echo", "-x"]],
  [XARGS_OPTIONS, "/usr/bin/xargs", ["-r", "-n"]],
  [XARGS_OPTIONS, "/usr/bin/xargs", ["-rI"]],
  [XARGS_OPTIONS, "/usr/bin/xargs", ["-r", "--null=1"]],
  [XARGS_OPTIONS, "/usr/bin/xargs", ["-r", "-y"]],
  [DIFF_OPTIONS, "/usr/bin/diff", ["--u", "/dev/null", "/dev/null"]],
  [DIFF_OPTIONS, "/usr/bin/diff", ["--in", "/dev/null", "/dev/null"]],
  [DIFF_OPTIONS, "/usr/bin/diff", ["/dev/null", "/dev/null", "-U"]],
  [DIFF_OPTIONS, "/usr/bin/diff", ["--brief=1", "/dev/null", "/dev/null"]],
  [DIFF_OPTIONS, "/usr/bin/diff", ["-qz", "/dev/null", "/dev/null"]],
  [DIFF_OPTIONS, "/usr/bin/diff", ["--unif=1", "--ignore-c", "-", "/dev/null", "--col"]],
  [DIFF_OPTIONS, "/usr/bin/diff", ["---p", "/dev/null", "/dev/null"]],
  [STAT_OPTIONS, "/usr/bin/stat", ["--form"]],
  [STAT_OPTIONS, "/usr/bin/stat", ["/", "--p"]],
  [STAT_OPTIONS, "/usr/bin/stat", ["-Lc"]],
  [STAT_OPTIONS, "/usr/bin/stat", ["-x", "/"]],
  [STAT_OPTIONS, "/usr/bin/stat", ["--deref=1", "/"]],
  [STAT_OPTIONS, "/usr/bin/stat", ["--c=%n", "/"]],
  [REALPATH_OPTIONS, "/usr/bin/realpath", ["--canonicalize", "/"]],
  [REALPATH_OPTIONS, "/usr/bin/realpath", ["--no", "/", "-E"]],
  [REALPATH_OPTIONS, "/usr/bin/realpath", ["--strip=1", "/"]],
  [REALPATH_OPTIONS, "/usr/bin/realpath", ["/", "-emx"]],
  [REALPATH_OPTIONS, "/usr/bin/realpath", ["--relative-t"]],
  [UNAME_OPTIONS, "/usr/bin/uname", ["--k"]],
  [UNAME_OPTIONS, "/usr/bin/uname", ["--kernel-n", "-rx"]],
  [UNAME_OPTIONS, "/usr/bin/uname", ["--all=1"]],
  [ENV_OPTIONS, "/usr/bin/env", ["--de"]],
  [ENV_OPTIONS, "/usr/bin/env", ["-i0x"]],
  [ENV_OPTIONS, "/usr/bin/env", ["--unset"]],
  [ENV_OPTIONS, "/usr/bin/env", ["-u", "A", "true", "-x"]],
  [NOHUP_OPTIONS, "/usr/bin/nohup", ["--foo"]],
  [NOHUP_OPTIONS, "/usr/bin/nohup", ["-x", "true"]],
  [NOHUP_OPTIONS, "/usr/bin/nohup", ["--help=1"]],
  // Only lines getopt refuses: the real useradd must not add anyone to this machine.
  [USERADD_OPTIONS, "/usr/sbin/useradd", ["--no", "nosuchuser"]],
  [USERADD_OPTIONS, "/usr/sbin/useradd", ["nosuchuser", "-mx"]],
  [USERADD_OPTIONS, "/usr/sbin/useradd", ["--sys=1", "nosuchuser"]],
  [USERADD_OPTIONS, "/usr/sbin/useradd", ["nosuchuser", "--shell"]],
];

describe("getoptLong's messages are the real tools' (coreutils 9.1, grep 3.8)", () => {
  it.each(REAL_CASES.map(([table, path, args]) => [table.program, args, table, path] as const))("%s %j", (_program, args, table, path) => {
    const real = spawnSync(path, args, { argv0: table.program, encoding: "utf8", cwd: work, input: "", env: { ...process.env, LC_ALL: "C.UTF-8" } });
    const first = real.stderr.split("\n")[0];
    expect(getoptLong(args, table).error).toBe(GETOPT_MESSAGE.test(first) ? first : undefined);
  });
});
