/**
 * The differential harness: one short script runs in the machine's real bash 5.2 (GNU coreutils,
 * sed, mawk) and in the simulated shell, and their stdout, stderr and exit status are compared.
 *
 * Both run in the same directory path (a fresh /tmp/kcdiff-XXXXXX, also the HOME and TMPDIR), so
 * paths in output agree without rewriting. Real bash runs as `bash -s` with the script on its
 * standard input, as runScript runs it (so corpus scripts must not read standard input), named
 * `bash` (found on PATH: as `/bin/bash` it would put `line N:` in its error messages), under
 * `env -i` with a fixed environment, without network (see SANDBOX: the rest of the tree is
 * read-only).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
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
 * The sandbox real bash runs in: a mount namespace where the whole tree is read-only but the case's
 * directory, and a network namespace with no interfaces. Made with util-linux's unshare (this
 * machine runs the tests as root); if it cannot be made the case fails instead of running loose.
 */
const SANDBOX = [
  "mount --make-rprivate / && mount --rbind / / && mount -o remount,bind,ro / &&",
  'mount --bind "$1" "$1" && mount -o remount,bind,rw "$1" && cd "$1" || exit 199;',
  `exec env -i PATH=${PATH} HOME="$1" LANG=C.UTF-8 TZ=UTC TMPDIR="$1" bash -s`,
].join(" ");

/** Runs the script in the machine's bash, in `dir` (which must exist and be empty). */
export function runReal(script: string, dir: string): Outcome {
  const r = spawnSync("unshare", ["-n", "-m", "/bin/sh", "-c", SANDBOX, "sandbox", dir], {
    cwd: dir,
    encoding: "utf8",
    input: script,
    timeout: 10_000,
  });
  if (r.error) throw r.error;
  if (r.status === 199) throw new Error(`cannot make the sandbox for real bash: ${r.stderr}`);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status ?? 128 + 9 };
}

/** Runs the script in the simulated shell (script mode), in `dir` created there first. */
export async function runSimulated(env: Environment, script: string, dir: string, host?: string): Promise<Outcome> {
  const setup = await runScript(env, { script: `mkdir -p ${dir}`, ...(host ? { host } : {}) });
  if (setup.exitCode !== 0) throw new Error(`cannot create ${dir}: ${setup.stderr}`);
  return runScript(env, { script, cwd: dir, env: { HOME: dir, LANG: "C.UTF-8", TZ: "UTC", TMPDIR: dir }, ...(host ? { host } : {}) });
}

/** A fresh directory for one case, named so both shells can use its path. */
export function caseDirectory(): { dir: string; remove: () => void } {
  const dir = mkdtempSync("/tmp/kcdiff-");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Comparison {
  name: string;
  real: Outcome;
  simulated: Outcome;
  same: boolean;
}

export async function compareCase(env: Environment, c: CorpusCase): Promise<Comparison> {
  const unsafe = unsafeReason(c.script);
  if (unsafe) throw new Error(`corpus case ${c.name} ${unsafe}: refused`);
  const { dir, remove } = caseDirectory();
  try {
    const real = withoutLineNumbers(runReal(c.script, dir));
    const simulated = await runSimulated(env, c.script, dir);
    const same = real.stdout === simulated.stdout && real.stderr === simulated.stderr && real.exitCode === simulated.exitCode;
    return { name: c.name, real, simulated, same };
  } finally {
    remove();
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
