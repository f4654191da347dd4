import { describe, expect, it } from "vitest";
import { REAL_KUBECTL } from "./harness";
import { describeMismatch, loadExceptions, runCorpus } from "./run";
import { corpusSize } from "./corpus";

/**
 * Every corpus line must print the same stdout and stderr and exit with the same code through the
 * real kubectl and the emulator, unless exceptions.json lists it with the reason it differs.
 */
describe.skipIf(!REAL_KUBECTL)("differential conformance with the real kubectl", () => {
  it(`matches on every corpus line not listed as an exception (${corpusSize()} lines)`, { timeout: 1_800_000 }, async () => {
    const results = await runCorpus();
    const exceptions = loadExceptions();
    const unexplained = results.filter((r) => !r.match && !exceptions[r.key]);
    const matched = results.filter((r) => r.match).length;
    console.log(`differential: ${matched}/${results.length} lines identical (${((100 * matched) / results.length).toFixed(1)}%)`);
    expect(unexplained.map((r) => `${r.key}\n${describeMismatch(r)}`)).toEqual([]);
  });
});

describe.skipIf(!!REAL_KUBECTL)("differential conformance", () => {
  it("is skipped: the real kubectl is not installed (/usr/bin/kubectl)", () => {
    expect(REAL_KUBECTL).toBeUndefined();
  });
});
