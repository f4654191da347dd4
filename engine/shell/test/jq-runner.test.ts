import { describe, expect, it } from "vitest";
import { JqRunner, type JqResult } from "../commands/jq-runner";

const run = (runner: JqRunner, args: string[], signal?: AbortSignal): Promise<JqResult> => runner.run({ args, cwd: "/", files: [], library: "" }, signal);
const text = (r: JqResult) => (r.kind === "done" ? r.output.map((o) => o.text).join("") : `stopped: ${r.reason}`);

describe("jq runner bounds", () => {
  // Small limits so that a runaway filter is cut off quickly.
  const runner = new JqRunner({ timeMs: 3_000, outputBytes: 64 * 1024, memoryBytes: 64 * 1024 * 1024 });

  it("answers like jq and keeps error output in its place", async () => {
    const r = await run(runner, ["-n", "-c", '{"a":["x","y"]} | (.a[] | select(. == "x")) = "z"']);
    expect(r).toEqual({ kind: "done", exitCode: 0, output: [{ stream: "stdout", text: '{"a":["z","y"]}\n' }] });
    const mixed = await run(runner, ["-n", "[1,{}][] | .a"]);
    expect(mixed.kind === "done" && mixed.output.map((o) => o.stream)).toEqual(["stderr"]);
  }, 30_000);

  it("stops an endless output at the output limit, and the next call works", async () => {
    const r = await run(runner, ["-n", "repeat(1)"]);
    expect(r).toEqual({ kind: "stopped", reason: "output over 0.0625 MiB" });
    expect(text(await run(runner, ["-n", "1+1"]))).toBe("2\n");
  }, 30_000);

  it("stops a filter that builds without end, by memory or by time", async () => {
    const r = await run(runner, ["-n", "[range(1e9)] | length"]);
    expect(r.kind).toBe("stopped");
    expect(text(r)).toMatch(/jq used more than 64 MiB of memory|jq ran longer than 3 s/);
    expect(text(await run(runner, ["-n", '"alive"']))).toBe('"alive"\n');
  }, 30_000);

  it("Ctrl-C stops a running filter", async () => {
    const controller = new AbortController();
    const pending = run(runner, ["-n", "def f: f; f"], controller.signal);
    setTimeout(() => controller.abort(), 200);
    expect(await pending).toEqual({ kind: "stopped", reason: "interrupted" });
  }, 30_000);
});
