/**
 * Runs the differential corpus: every line through the real kubectl (over HTTPS) and the emulator,
 * comparing stdout, stderr and exit code after normalisation. Usable as a script:
 *   npx tsx test/differential/run.ts [--only SCENARIO] [--show] [--full] [--write-exceptions]
 * which prints the match rate and each mismatch (--full: both outputs whole); differential.test.ts runs it under Vitest.
 */
import "reflect-metadata";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { splitArgs } from "../../engine/kubectl/test/harness";
import { SCENARIOS } from "./corpus";
import { DifferentialPair, normalise, normaliseAges, REAL_KUBECTL, type Output } from "./harness";

export interface LineResult {
  key: string;
  match: boolean;
  real: Output;
  emulated: Output;
  /** Compared with durations normalised (normaliseAges). */
  ages?: boolean;
}

export const EXCEPTIONS_FILE = join(import.meta.dirname, "exceptions.json");

export function loadExceptions(): Record<string, string> {
  return existsSync(EXCEPTIONS_FILE) ? (JSON.parse(readFileSync(EXCEPTIONS_FILE, "utf8")) as Record<string, string>) : {};
}

function same(a: Output, b: Output, ages = false): boolean {
  const n = (text: string) => (ages ? normaliseAges(normalise(text)) : normalise(text));
  return n(a.stdout) === n(b.stdout) && n(a.stderr) === n(b.stderr) && a.code === b.code;
}

export async function runCorpus(only?: string): Promise<LineResult[]> {
  const results: LineResult[] = [];
  for (const scenario of SCENARIOS) {
    if (only && scenario.name !== only) continue;
    const pair = new DifferentialPair();
    try {
      await pair.start();
      scenario.setup?.(pair.real);
      scenario.setup?.(pair.emulated);
      for (const [path, content] of Object.entries(scenario.files ?? {})) pair.file(path, content);
      for (const entry of scenario.lines) {
        if (typeof entry !== "string" && "advance" in entry) {
          pair.advance(entry.advance);
          continue;
        }
        const { line, stdin = "", ages = false } = typeof entry === "string" ? { line: entry } : entry;
        const args = splitArgs(line);
        const real = await pair.runReal(args, stdin);
        const emulated = await pair.runEmulated(args, stdin);
        results.push({ key: `${scenario.name} | kubectl ${line}`.trimEnd(), match: same(real, emulated, ages), real, emulated, ages });
        // KUBECOACH_DIFFERENTIAL_TRACE=1 names the line after which the two stores stopped holding
        // the same number of writes: where state drift between the two sides starts.
        if (process.env.KUBECOACH_DIFFERENTIAL_TRACE === "1") {
          const revisions = [pair.real, pair.emulated].map((env) => env.cluster().store.currentRevision);
          if (revisions[0] !== revisions[1]) process.stdout.write(`REVISIONS ${scenario.name} | kubectl ${line}: real ${revisions[0]}, emulated ${revisions[1]}\n`);
        }
      }
    } finally {
      await pair.stop();
    }
  }
  return results;
}

function firstDifference(a: string, b: string, ages = false): string {
  const n = (text: string) => (ages ? normaliseAges(normalise(text)) : normalise(text));
  const la = n(a).split("\n");
  const lb = n(b).split("\n");
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return `line ${i + 1}:\n    real: ${JSON.stringify(la[i] ?? "<none>")}\n    emul: ${JSON.stringify(lb[i] ?? "<none>")}`;
  }
  return "";
}

export function describeMismatch(r: LineResult): string {
  const parts: string[] = [];
  if (r.real.code !== r.emulated.code) parts.push(`  exit: real ${r.real.code}, emulated ${r.emulated.code}`);
  const stdout = firstDifference(r.real.stdout, r.emulated.stdout, r.ages);
  const stderr = firstDifference(r.real.stderr, r.emulated.stderr, r.ages);
  if (stdout) parts.push(`  stdout ${stdout}`);
  if (stderr) parts.push(`  stderr ${stderr}`);
  return parts.join("\n");
}

async function main(): Promise<void> {
  if (!REAL_KUBECTL) {
    process.stdout.write("differential: the real kubectl is not installed here (/usr/bin/kubectl); nothing to compare against\n");
    return;
  }
  const args = process.argv.slice(2);
  const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
  const results = await runCorpus(only);
  const exceptions = loadExceptions();
  const matched = results.filter((r) => r.match).length;
  for (const r of results) {
    if (r.match) continue;
    if (args.includes("--show") || !exceptions[r.key]) process.stdout.write(`MISMATCH ${r.key}${exceptions[r.key] ? ` [exception: ${exceptions[r.key]}]` : ""}\n${describeMismatch(r)}\n`);
    if (args.includes("--full")) {
      for (const side of ["real", "emulated"] as const) process.stdout.write(`--- ${side} (exit ${r[side].code})\n${r[side].stdout}--- ${side} stderr\n${r[side].stderr}`);
    }
  }
  process.stdout.write(`differential: ${matched}/${results.length} lines identical (${((100 * matched) / results.length).toFixed(1)}%)\n`);
  if (args.includes("--write-exceptions")) {
    const next: Record<string, string> = {};
    for (const r of results) if (!r.match) next[r.key] = exceptions[r.key] ?? "TODO: explain";
    writeFileSync(EXCEPTIONS_FILE, JSON.stringify(next, null, 1) + "\n");
  }
}

if (process.argv[1]?.endsWith("run.ts")) void main();
