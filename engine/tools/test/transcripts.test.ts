import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bareEnvironment, freshEnvironment, testPrograms } from "../../shell/test/helpers";
import { parseTranscript, replayTranscript } from "../../shell/test/transcript";

const dir = new URL("./", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".txt"));

describe("tool transcripts", () => {
  for (const file of files) {
    it(file, async () => {
      const text = readFileSync(new URL(file, dir), "utf8");
      const env = parseTranscript(text).options.env === "bare" ? bareEnvironment() : freshEnvironment();
      expect(await replayTranscript(env, text, { programs: testPrograms() })).toEqual([]);
    });
  }
});
