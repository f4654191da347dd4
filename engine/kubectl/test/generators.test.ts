import { describe, expect, it } from "vitest";
import GOLDENS from "./goldens/generators.json";
import { GENERATOR_FILES, GENERATOR_LINES } from "./generator-lines";
import { KubectlBench, splitArgs } from "./harness";

/**
 * Each generator line was run through the real kubectl v1.33 (capture-goldens.ts); the emulator
 * must print the same bytes on stdout and stderr and exit with the same code.
 */
const goldens = GOLDENS as Record<string, { stdout: string; stderr: string; code: number }>;

describe("client-side generators match the real kubectl", () => {
  const bench = new KubectlBench();
  for (const [path, content] of Object.entries(GENERATOR_FILES)) bench.write(path, content);
  for (const line of GENERATOR_LINES) {
    it(line, async () => {
      const expected = goldens[line];
      expect(expected, `no golden for ${line}; run capture-goldens.ts`).toBeDefined();
      const r = await bench.run(splitArgs(line));
      expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).toEqual(expected);
    });
  }
});
