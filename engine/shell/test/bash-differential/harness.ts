/**
 * The differential harness: one short script runs in the machine's real bash 5.2 (GNU coreutils,
 * sed, mawk) and in the simulated shell, and their stdout, stderr and exit status are compared.
 *
 * Both run in the same directory path (/tmp/kcdiff-XXXXXX/NNNN, also the HOME and TMPDIR), so
 * paths in output agree without rewriting. Real bash runs as `bash -s` with the script on its
 * standard input, as runScript runs it (so corpus scripts must not read standard input), under
 * `env -i` with a fixed environment, without network (see SANDBOX: the rest of the tree is
 * read-only).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Environment } from "../../../cluster/environment";
import { runScript } from "../../script";

export interface CorpusCase {
  /** `file/name`, unique; the key of the allow-list. */
  name: string;
  script: string;
}

export interface Outcome {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** The simulated hosts' PATH, given to real bash too so `command -v`, `type` and errors agree. */
const PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin";

const CORPUS_DIR = new URL("./corpus/", import.meta.url);

/** Every case of corpus/*.sh: a case starts at a `### name` line and runs to the next one. */
export function readCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const file of readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".sh")).sort()) {
    const prefix = file.replace(/\.sh$/, "");
    let current: CorpusCase | undefined;
    for (const line of readFileSync(new URL(file, CORPUS_DIR), "utf8").split("\n")) {
      const header = /^### (\S+)\s*$/.exec(line);
      if (header) {
        current = { name: `${prefix}/${header[1]}`, script: "" };
        cases.push(current);
      } else if (current) current.script += line + "\n";
    }
  }
  for (const c of cases) c.script = c.script.replace(/\n+$/, "\n");
  const names = cases.map((c) => c.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new Error(`corpus: case ${duplicate} is defined twice`);
  return cases;
}

/** Why a script must not run on the real machine (it names the network or another machine's tools). */
export function unsafeReason(script: string): string | undefined {
  const network = /(?<![\\\w.-])(curl|wget|ssh|scp|nc|ncat|telnet|ping|nslookup|dig|apt|apt-get|sudo|su|kubectl|docker|crictl|mount|umount)\b|\/dev\/(tcp|udp)/.exec(script);
  return network ? `names ${network[0]}` : undefined;
}

/**
 * The sandbox real bash runs in: a mount namespace where the whole tree is read-only but the run's
 * directory, and a network namespace with no interfaces, made once for the whole corpus with
 * util-linux's unshare (this machine runs the tests as root; if it cannot be made, nothing runs).
 * Case N runs in `$1/NNNN` as `bash -s` (found on PATH and so named `bash`: as `/bin/bash` it puts
 * `line N:` in its messages), its script, output and status in `$1/.io/N.*`, beside its directory.
 */
const SANDBOX = `
mount --make-rprivate / && mount --rbind / / && mount -o remount,bind,ro / &&
mount --bind "$1" "$1" && mount -o remount,bind,rw "$1" || exit 199
i=0
while [ "$i" -lt "$2" ]; do
  d=$(printf '%s/%04d' "$1" "$i")
  (cd "$d" && exec env -i PATH=${PATH} HOME="$d" LANG=C.UTF-8 TZ=UTC TMPDIR="$d" timeout -s KILL 10 bash -s) <"$1/.io/$i.in" >"$1/.io/$i.out" 2>"$1/.io/$i.err"
  echo "$?" >"$1/.io/$i.rc"
  i=$((i + 1))
done`;

/** A run's directories: case N's is `root/NNNN`, the same path in both shells. */
export interface RunDirectories {
  root: string;
  dir(index: number): string;
  remove(): void;
}

export function runDirectories(count: number): RunDirectories {
  const root = mkdtempSync("/tmp/kcdiff-");
  const dir = (index: number) => `${root}/${String(index).padStart(4, "0")}`;
  for (let i = 0; i < count; i++) mkdirSync(dir(i));
  mkdirSync(`${root}/.io`);
  return { root, dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs every script in the machine's bash, script N in `dirs.dir(N)` (one sandbox for all). */
export function runRealAll(scripts: string[], dirs: RunDirectories): Outcome[] {
  scripts.forEach((script, i) => writeFileSync(`${dirs.root}/.io/${i}.in`, script));
  const r = spawnSync("unshare", ["-n", "-m", "/bin/sh", "-c", SANDBOX, "sandbox", dirs.root, String(scripts.length)], { encoding: "utf8", timeout: 300_000 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`cannot run real bash in its sandbox (status ${r.status}): ${r.stderr}`);
  const read = (i: number, what: string) => readFileSync(`${dirs.root}/.io/${i}.${what}`, "utf8");
  return scripts.map((_, i) => withoutLineNumbers({ stdout: read(i, "out"), stderr: read(i, "err"), exitCode: Number(read(i, "rc")) }));
}

/** Runs the script in the simulated shell (script mode) in `dir`, which must exist there. */
export function runSimulated(env: Environment, script: string, dir: string, host?: string): Promise<Outcome> {
  return runScript(env, { script, cwd: dir, env: { HOME: dir, LANG: "C.UTF-8", TZ: "UTC", TMPDIR: dir }, ...(host ? { host } : {}) });
}

export interface Comparison {
  name: string;
  real: Outcome;
  simulated: Outcome;
  same: boolean;
}

/** Runs the cases in both shells and compares them. */
export async function compareCases(env: Environment, cases: CorpusCase[]): Promise<Comparison[]> {
  for (const c of cases) {
    const unsafe = unsafeReason(c.script);
    if (unsafe) throw new Error(`corpus case ${c.name} ${unsafe}: refused`);
  }
  const dirs = runDirectories(cases.length);
  try {
    const real = runRealAll(cases.map((c) => c.script), dirs);
    const made = await runScript(env, { script: cases.map((_, i) => `mkdir -p ${dirs.dir(i)}\n`).join("") });
    if (made.exitCode !== 0) throw new Error(`cannot make the case directories in the simulated shell: ${made.stderr}`);
    const comparisons: Comparison[] = [];
    for (let i = 0; i < cases.length; i++) {
      const simulated = await runSimulated(env, cases[i].script, dirs.dir(i));
      const same = real[i].stdout === simulated.stdout && real[i].stderr === simulated.stderr && real[i].exitCode === simulated.exitCode;
      comparisons.push({ name: cases[i].name, real: real[i], simulated, same });
    }
    return comparisons;
  } finally {
    dirs.remove();
  }
}

/**
 * The one difference allowed everywhere (allowed-differences.json, `everywhere`): bash reading a
 * script names the line in its own messages (`bash: line 3: cd: x: No such file or directory`);
 * the simulated shell runs a script command by command and does not know the line. Only that
 * prefix is taken out of real bash's messages: everything else still has to match.
 */
function withoutLineNumbers(o: Outcome): Outcome {
  return { ...o, stderr: o.stderr.replace(/^bash: line \d+: /gm, "bash: ") };
}

const ALLOW_LIST = new URL("./allowed-differences.json", import.meta.url);

/** Cases known to differ, each with the reason it is not fixed yet. */
export function readAllowList(): Record<string, string> {
  return (JSON.parse(readFileSync(ALLOW_LIST, "utf8")) as { cases: Record<string, string> }).cases;
}

/** A readable account of how the two outcomes differ. */
export function describeDifference(c: Comparison): string {
  const lines = [`--- ${c.name}`];
  for (const key of ["stdout", "stderr", "exitCode"] as const) {
    if (c.real[key] === c.simulated[key]) continue;
    lines.push(`  ${key} real:      ${JSON.stringify(c.real[key])}`);
    lines.push(`  ${key} simulated: ${JSON.stringify(c.simulated[key])}`);
  }
  return lines.join("\n");
}
