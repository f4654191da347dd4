import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { freshEnvironment } from "../../shell/test/helpers";
import { replayTranscript } from "../../shell/test/transcript";

// The whole terminal (kubectl, ssh to the nodes, sleep on the cluster clock) on the default environment.
it("recycles a released hostPath volume with a recycler pod (pv-recycle.txt)", async () => {
  const text = readFileSync(new URL("./pv-recycle.txt", import.meta.url), "utf8");
  expect(await replayTranscript(freshEnvironment(), text)).toEqual([]);
});
