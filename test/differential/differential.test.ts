import { describe, expect, it } from "vitest";
import { REAL_KUBECTL } from "./harness";
import { describeMismatch, loadExceptions, runCorpus } from "./run";
import { corpusSize } from "./corpus";

/**
 * Every corpus line must print the same stdout and stderr and exit with the same code through the
 * real kubectl and the emulator, unless exceptions.json lists it with the reason it differs.
 * It spawns the real kubectl a few hundred times, so it runs when KUBECOACH_DIFFERENTIAL=1 (or use
 * `npx tsx test/differential/run.ts`), and is skipped where no real kubectl is installed.
 */
const enabled = !!REAL_KUBECTL && process.env.KUBECOACH_DIFFERENTIAL === "1";

describe.skipIf(!enabled)("differential conformance with the real kubectl", () => {
  it(`matches on every corpus line not listed as an exception (${corpusSize()} lines)`, { timeout: 3_600_000 }, async () => {
    const results = await runCorpus();
    const exceptions = loadExceptions();
    const unexplained = results.filter((r) => !r.match && !exceptions[r.key]);
    const matched = results.filter((r) => r.match).length;
    console.log(`differential: ${matched}/${results.length} lines identical (${((100 * matched) / results.length).toFixed(1)}%)`);
    expect(unexplained.map((r) => `${r.key}\n${describeMismatch(r)}`)).toEqual([]);
  });
});

describe.skipIf(enabled)("differential conformance (skipped)", () => {
  it(REAL_KUBECTL ? "is opt-in: set KUBECOACH_DIFFERENTIAL=1 to compare with the real kubectl" : "is skipped: the real kubectl is not installed (/usr/bin/kubectl)", () => {
    expect(enabled).toBe(false);
  });
});
