import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalise, parseGolden, transcript } from "./golden";
import { ConformanceServer, HAVE_KUBECTL, KUBECTL } from "./harness";

/**
 * Real-kubectl conformance: each golden file under golden/ runs, in order, against a fresh
 * environment served like `kubecoach serve`, and every command's output must equal what a real
 * v1.33 cluster prints (ages, times, uids and tokens normalised).
 */
const GOLDEN_DIR = join(__dirname, "golden");
const files = readdirSync(GOLDEN_DIR).filter((f) => f.endsWith(".golden")).sort();

if (!HAVE_KUBECTL) {
  console.warn(`conformance: ${KUBECTL} is not installed, so the real-kubectl conformance suite is skipped`);
}

describe.skipIf(!HAVE_KUBECTL)("real kubectl against kubecoach serve", () => {
  for (const file of files) {
    describe(file.replace(/\.golden$/, ""), () => {
      const server = new ConformanceServer();
      beforeAll(() => server.start(), 60_000);
      afterAll(() => server.stop());
      for (const step of parseGolden(readFileSync(join(GOLDEN_DIR, file), "utf8"))) {
        it(`${file}:${step.line} $ ${step.command.split("\n")[0]}`, { timeout: 180_000 }, async () => {
          const actual = transcript(await server.run(step.command)).map(normalise);
          expect(actual.join("\n")).toBe(step.expected.map(normalise).join("\n"));
        });
      }
    });
  }
});
