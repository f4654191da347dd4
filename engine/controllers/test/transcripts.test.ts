import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { KubectlBench, splitArgs } from "../../kubectl/test/harness";
import { normalise, parseGolden } from "../../../test/conformance/golden";

/**
 * Golden transcripts of workloads over cluster time, through the emulated kubectl on the default
 * environment (kubeadm cluster, real kubelets): `$ kubectl …` runs a command, `$ sleep N` moves the
 * cluster clock N seconds. Generated names (ReplicaSet hashes, pod suffixes) and pod IPs are
 * normalised on both sides: the real pod-template-hash is a hash of Go's dump of the template.
 */
const GOLDEN_DIR = join(__dirname, "golden");
const NAME_CHARS = "[bcdfghjklmnpqrstvwxz2456789]";

function normaliseNames(line: string): string {
  return normalise(line)
    .replace(new RegExp(`-${NAME_CHARS}{8,10}-${NAME_CHARS}{5}\\b`, "g"), "-<hash>-<id>")
    .replace(new RegExp(`-${NAME_CHARS}{8,10}\\b`, "g"), "-<hash>")
    .replace(new RegExp(`(\\S+)-${NAME_CHARS}{5}\\b`, "g"), "$1-<id>")
    .replace(/\b10\.244\.\d+\.\d+\b/g, "<pod-ip>")
    .replace(/(NAME|<hash>|<id>)(\s+)/g, (_, w) => `${w}   `);
}

async function replay(text: string): Promise<{ expected: string[]; actual: string[] }> {
  const env = Environment.create(undefined, { seed: 5 });
  const bench = new KubectlBench(env);
  const expected: string[] = [];
  const actual: string[] = [];
  for (const step of parseGolden(text)) {
    expected.push(`$ ${step.command}`, ...step.expected.map(normaliseNames));
    actual.push(`$ ${step.command}`);
    const sleep = /^sleep (\d+)$/.exec(step.command);
    if (sleep) {
      env.advanceBy(Number(sleep[1]) * 1000);
      continue;
    }
    const args = splitArgs(step.command);
    if (args[0] !== "kubectl") throw new Error(`line ${step.line}: only kubectl and sleep are replayed`);
    const out = await bench.run(args.slice(1));
    const lines = (s: string) => (s === "" ? [] : s.replace(/\n$/, "").split("\n"));
    actual.push(...[...lines(out.stdout), ...lines(out.stderr).map((l) => `2> ${l}`), ...(out.code ? [`[exit ${out.code}]`] : [])].map(normaliseNames));
  }
  return { expected, actual };
}

describe("workload transcripts", () => {
  for (const file of readdirSync(GOLDEN_DIR).filter((f) => f.endsWith(".golden"))) {
    it(file, async () => {
      const { expected, actual } = await replay(readFileSync(join(GOLDEN_DIR, file), "utf8"));
      expect(actual.join("\n")).toBe(expected.join("\n"));
    });
  }
});
