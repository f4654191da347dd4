import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { freshEnvironment } from "../../shell/test/helpers";
import { replayTranscript } from "../../shell/test/transcript";

it("kubeadm reset and join of a worker (kubeadm-join.txt)", async () => {
  const text = readFileSync(new URL("./kubeadm-join.txt", import.meta.url), "utf8");
  expect(await replayTranscript(freshEnvironment(), text)).toEqual([]);
}, 120_000);
