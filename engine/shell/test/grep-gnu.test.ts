import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { globMatch } from "../commands/grep-gnu";
import { runScript } from "../script";
import { freshEnvironment } from "./helpers";

/**
 * GNU grep 3.8's options around the matcher (commands/grep-gnu.ts) against the real grep of this
 * machine: the same files, the same command lines, stdout and stderr together, then the status.
 * `-r` walks directories in name order here; the real grep walks them in the order the disk gives
 * (unpredictable), so recursive cases compare their lines in any order.
 */
const SETUP = String.raw`mkdir -p sub/deep skip
printf 'alpha\nbeta\ngamma\ndelta\nalpha beta\nepsilon\nzeta\neta\ntheta\nalphabet\n' > a.txt
printf 'one\ntwo alpha\nthree' > b.log
printf 'alpha in sub\n' > sub/s.txt
printf 'deep alpha\n' > sub/deep/d.yaml
printf 'alpha skipped\n' > skip/k.txt
printf 'bin\0ary alpha\n' > bin.dat
printf 'caf\303\251 alpha\n' > utf8.txt
printf 'foo-bar\nfoo_bar\nfoobar\n-foo\nfoo\n' > w.txt
printf 'alpha\nzeta\n' > pats
seq 1 1200 > n.txt
`;

const CASES = [
  "grep -H alpha a.txt", "grep -h alpha a.txt b.log", "grep -Hn alpha b.log", "grep -H -c alpha a.txt", "grep --with-filename alpha - < a.txt",
  "grep -b alpha a.txt", "grep -bo alp a.txt", "grep -nbo 'a' b.log", "grep -b caf utf8.txt",
  "grep -A0 alpha a.txt", "grep -B0 -n alpha a.txt", "grep -C0 eta a.txt", "grep -A0 -e beta -e zeta a.txt", "grep -n -A1 -B1 gamma a.txt",
  "grep -A1 alpha a.txt b.log", "grep -2 delta a.txt", "grep -1n2 delta a.txt", "grep -n1 -0 delta a.txt", "grep --col=never --fixed --lin delta a.txt", "grep -m1 -A2 alpha a.txt", "grep -m1 -H alpha a.txt b.log", "grep -m0 alpha a.txt",
  "grep -A1 --group-separator=XX alpha a.txt", "grep -A1 --no-group-separator alpha a.txt", "grep -A1 --group-separator= alpha a.txt",
  "grep -Z -l alpha a.txt b.log", "grep -Z alpha a.txt b.log", "grep --null -c alpha a.txt b.log", "grep -ZTn -H alpha b.log",
  "grep -T alpha a.txt b.log", "grep -Tn alpha a.txt", "grep -T -H -n -b alpha b.log", "grep -Tn '^1[05]0*$' n.txt", "grep -T -c 1 n.txt a.txt",
  "grep -s alpha nosuch a.txt", "grep alpha nosuch", "grep -s alpha nosuch", "grep -q alpha nosuch a.txt", "grep -sq alpha nosuch",
  "grep alpha sub", "grep -s alpha sub", "grep -c alpha a.txt sub", "grep -d skip alpha sub a.txt",
  "grep -r alpha a.txt", "grep -l alpha a.txt b.log w.txt", "grep -L alpha a.txt b.log pats w.txt", "grep -l zzz a.txt", "grep -L zzz a.txt",
  "grep -x alpha a.txt", "grep -x 'alpha b' a.txt", "grep -xv alpha pats", "grep -w foo w.txt", "grep -wo foo w.txt", "grep -w 'foo.' w.txt", "grep -cw foo w.txt",
  "grep -f pats a.txt", "grep -nf pats a.txt b.log", "grep -f nosuchfile a.txt", "grep -vf pats pats", "grep -f /dev/null a.txt",
  "grep -P 'al\\w+a' a.txt", "grep -oP 'e\\w' b.log",
  "grep --label=LBL -H alpha < a.txt", "grep --label=LBL -c alpha - b.log < a.txt",
  "grep alpha bin.dat", "grep -c alpha bin.dat", "grep -l alpha bin.dat", "grep -q alpha bin.dat", "grep -a alpha bin.dat",
  "grep --binary-files=without-match alpha bin.dat a.txt", "grep -I alpha bin.dat", "grep --binary-files=nope alpha a.txt",
  "grep --nosuch alpha a.txt", "grep -k alpha a.txt", "grep --in alpha a.txt", "grep --no-f alpha a.txt b.log", "grep -A x alpha a.txt",
  "grep -A", "grep", "grep -m x alpha a.txt", "grep --context alpha a.txt", "grep -e", "grep -V | head -1",
];

const RECURSIVE_CASES = [
  "grep -r alpha .", "grep -r alpha", "grep -rn alpha sub", "grep -r --include='*.txt' alpha .", "grep -r --include=*.yaml alpha",
  "grep -r --exclude='*.txt' alpha .", "grep -r --exclude-dir=skip alpha .", "grep -r --exclude-dir=sub alpha", "grep -rl alpha .",
  "grep -rL alpha .", "grep -rc alpha sub", "grep -rh alpha sub", "grep -r ary .", "grep -R alpha sub/", "grep -rH alpha sub/s.txt",
];

function script(cases: string[]): string {
  return SETUP + cases.map((c, i) => `echo "### ${i}"\n${c}${c.includes("<") ? "" : " < /dev/null"} 2>&1; echo "rc=$?"\n`).join("");
}

function blocks(output: string): string[] {
  return output.split(/^### \d+\n/m).slice(1);
}

function realGrep(cases: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "grep-gnu-"));
  try {
    const r = spawnSync("/bin/bash", ["-c", script(cases)], { cwd: dir, env: { ...process.env, LC_ALL: "C.UTF-8", PATH: "/usr/bin:/bin" } });
    return blocks(r.stdout.toString("latin1"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function simulatedGrep(cases: string[]): Promise<string[]> {
  const env = freshEnvironment();
  const result = await runScript(env, { script: `mkdir -p /tmp/g && cd /tmp/g\n${script(cases)}` });
  return blocks(Buffer.from(result.stdout, "utf8").toString("latin1"));
}

const haveGrep = existsSync("/usr/bin/grep") && /3\.8/.test(spawnSync("/usr/bin/grep", ["-V"]).stdout?.toString() ?? "");

it.skipIf(!haveGrep)("prints what GNU grep 3.8 prints, byte for byte, with its exit status", async () => {
  const real = realGrep(CASES);
  const simulated = await simulatedGrep(CASES);
  const differ = CASES.filter((_, i) => simulated[i] !== real[i]).map((c) => `${c}\n  real: ${JSON.stringify(real[CASES.indexOf(c)])}\n  ours: ${JSON.stringify(simulated[CASES.indexOf(c)])}`);
  expect(differ).toEqual([]);
}, 120_000);

it.skipIf(!haveGrep)("-r reads the same files as GNU grep and prints the same lines, in name order", async () => {
  const real = realGrep(RECURSIVE_CASES);
  const simulated = await simulatedGrep(RECURSIVE_CASES);
  const sorted = (block: string | undefined) => (block ?? "").split("\n").sort().join("\n");
  const differ = RECURSIVE_CASES.filter((_, i) => sorted(simulated[i]) !== sorted(real[i])).map((c) => `${c}\n  real: ${JSON.stringify(real[RECURSIVE_CASES.indexOf(c)])}\n  ours: ${JSON.stringify(simulated[RECURSIVE_CASES.indexOf(c)])}`);
  expect(differ).toEqual([]);
  // Name order, directories where their names fall.
  expect(simulated[0]).toBe("./a.txt:alpha\n./a.txt:alpha beta\n./a.txt:alphabet\n./b.log:two alpha\ngrep: ./bin.dat: binary file matches\n./pats:alpha\n./skip/k.txt:alpha skipped\n./sub/deep/d.yaml:deep alpha\n./sub/s.txt:alpha in sub\n./utf8.txt:café alpha\nrc=0\n".replace("café", "caf\xc3\xa9"));
}, 120_000);

it("matches --include, --exclude and --exclude-dir globs as fnmatch does", () => {
  expect(globMatch("*.txt", "a.txt")).toBe(true);
  expect(globMatch("*.txt", ".hidden.txt")).toBe(true);
  expect(globMatch("a?[bc].log", "ax c.log".replace(" ", ""))).toBe(true);
  expect(globMatch("[!a]*", "abc")).toBe(false);
  expect(globMatch("\\*", "*")).toBe(true);
  expect(globMatch("*.txt", "a.txt.bak")).toBe(false);
});
