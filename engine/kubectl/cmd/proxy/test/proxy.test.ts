import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { freshEnvironment } from "../../../../shell/test/helpers";
import { replayTranscript } from "../../../../shell/test/transcript";

const dir = new URL("./", import.meta.url);

describe("kubectl proxy transcripts", () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
    it(file, async () => {
      expect(await replayTranscript(freshEnvironment(), readFileSync(new URL(file, dir), "utf8"))).toEqual([]);
    }, 120_000);
  }
});
