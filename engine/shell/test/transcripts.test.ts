import { readdirSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { testPrograms } from "./helpers";
import { readTranscript, replayTranscript } from "./transcript";

const files = readdirSync(new URL("./transcripts/", import.meta.url)).filter((f) => f.endsWith(".txt"));

describe("golden transcripts", () => {
  let snapshot: ReturnType<Environment["snapshot"]>;
  beforeAll(() => {
    snapshot = Environment.create().snapshot();
  }, 60_000);

  for (const file of files) {
    it(file, async () => {
      const env = Environment.restore(snapshot);
      const mismatches = await replayTranscript(env, readTranscript(file), { programs: testPrograms() });
      expect(mismatches).toEqual([]);
    }, 60_000);
  }
});
