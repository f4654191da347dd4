/**
 * The shell: per-command overhead of a three-stage pipeline in a terminal (target < 2 ms), the
 * cost of opening a terminal and running a short `bash -s` script, and a terminal's memory beyond
 * its environment (target < 1 MB). Run: npx tsx bench/shell.bench.ts
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Bash } from "just-bash";
import { Environment } from "../engine/cluster/environment";
import { createTerminal, runScript } from "../engine/shell";
import { median, processCpuMs as cpuMs } from "./support";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;


/** CPU time per run: on a shared machine wall time mostly measures the other processes. */
async function cpuEach(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    await fn();
    times.push(cpuMs() - c0);
  }
  return times;
}

async function timeEach(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

async function main(): Promise<void> {
  const env = Environment.create();
  const terminal = createTerminal(env);
  await terminal.ready;
  await terminal.exec("seq 1 200 > /tmp/numbers");
  const pipeline = "cat /tmp/numbers | grep 7 | wc -l";
  await timeEach(50, () => terminal.exec(pipeline));
  // A learner types the first command seconds after the environment booted, when the boot's own
  // garbage (a large old generation) has been collected; measured right after the boot, the first
  // runs paid that collection. The collections the pipeline's own garbage causes are still timed.
  gc();
  const shell = median(await timeEach(200, () => terminal.exec(pipeline)));
  // The terminal runs just-bash without its defense-in-depth box (interpreter.ts): compare like with like.
  // With the box on, just-bash alone costs ~0.6 ms more per command, which made the terminal look cheaper than it is.
  const bash = new Bash({ defenseInDepth: false, files: { "/tmp/numbers": Array.from({ length: 200 }, (_, i) => `${i + 1}`).join("\n") + "\n" } });
  await timeEach(50, () => bash.exec(pipeline));
  const raw = median(await timeEach(200, () => bash.exec(pipeline)));
  console.log(`three-stage pipeline in a terminal: median ${shell.toFixed(2)} ms per command, wall clock (target < 2 ms: ${shell < 2 ? "met" : "NOT met"}; just-bash alone ${raw.toFixed(2)} ms, so the terminal adds ${(shell - raw).toFixed(2)} ms)`);
  // Interleaved rounds, so both sides see the same load; the overhead is the median of the rounds' differences.
  const rounds: [number, number][] = [];
  for (let r = 0; r < 5; r++) rounds.push([median(await cpuEach(100, () => terminal.exec(pipeline))), median(await cpuEach(100, () => bash.exec(pipeline)))]);
  const cpuShell = median(rounds.map((x) => x[0]));
  const cpuRaw = median(rounds.map((x) => x[1]));
  const added = median(rounds.map((x) => x[0] - x[1]));
  console.log(`three-stage pipeline, CPU time: median ${cpuShell.toFixed(2)} ms per command in a terminal, ${cpuRaw.toFixed(2)} ms in just-bash alone (defense-in-depth off, as in the terminal): the terminal adds ${added.toFixed(2)} ms`);
  const empty = median(await cpuEach(300, () => terminal.exec("true")));
  const emptyRaw = median(await cpuEach(300, () => bash.exec("true")));
  console.log(`one builtin (true), CPU time: ${empty.toFixed(2)} ms in a terminal, ${emptyRaw.toFixed(2)} ms in just-bash alone (the per-line cost: history, instrumentation, state report)`);

  const open = median(await timeEach(20, async () => createTerminal(env, { interactive: false }).ready));
  const login = median(await timeEach(10, async () => createTerminal(env).ready));
  console.log(`opening a terminal: median ${open.toFixed(1)} ms (bash -s), ${login.toFixed(1)} ms (login shell reading ~/.profile and ~/.bashrc)`);
  const script = median(await timeEach(20, () => runScript(env, { script: "mkdir -p /tmp/b\ncd /tmp/b\necho x > f\ncat f | wc -c\nssh node01 hostname\n" })));
  console.log(`runScript of five commands incl. ssh: median ${script.toFixed(1)} ms`);

  const count = 20;
  const keep: unknown[] = [];
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) {
    const t = createTerminal(env);
    await t.ready;
    for (const line of ["alias k=kubectl", "cd /etc", "f() { echo $1; }", "x=1", "ls > /dev/null"]) await t.exec(line);
    keep.push(t);
  }
  gc();
  const perTerminal = (process.memoryUsage().heapUsed - before) / count;
  console.log(`memory of a terminal beyond its environment: ${(perTerminal / 1024).toFixed(0)} KiB (target < 1024 KiB: ${perTerminal < 1024 * 1024 ? "met" : "NOT met"})`);
  keep.length = 0;
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
