import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { freshEnvironment } from "../../../../shell/test/helpers";
import { replayTranscript } from "../../../../shell/test/transcript";
import { createTerminal } from "../../../../shell/terminal";

const dir = new URL("./", import.meta.url);

describe("kubectl proxy transcripts", () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
    it(file, async () => {
      expect(await replayTranscript(freshEnvironment(), readFileSync(new URL(file, dir), "utf8"))).toEqual([]);
    }, 120_000);
  }
});

describe("kubectl proxy --port=0", () => {
  it("listens on a port the system picks, printed as Go's listener names it, and serves there", async () => {
    const terminal = createTerminal(freshEnvironment());
    await terminal.ready;
    let screen = "";
    await terminal.exec("kubectl proxy --port=0 &", (data) => (screen += data));
    const port = Number(/Starting to serve on 127\.0\.0\.1:(\d+)\n/.exec(screen)?.[1]);
    expect(port).toBeGreaterThanOrEqual(32768);
    expect(port).toBeLessThan(61000);
    let answer = "";
    await terminal.exec(`curl -s 127.0.0.1:${port}/readyz`, (data) => (answer += data));
    expect(answer).toBe("ok");
    await terminal.stopJobs();
  }, 120_000);
});
