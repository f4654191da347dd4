import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { freshEnvironment } from "../../shell/test/helpers";
import { replayTranscript } from "../../shell/test/transcript";

// With every program (kubectl included): the transcript creates its pod with kubectl.
it("crictl on a node (crictl.txt)", async () => {
  const text = readFileSync(new URL("./crictl.txt", import.meta.url), "utf8");
  expect(await replayTranscript(freshEnvironment(), text)).toEqual([]);
});
