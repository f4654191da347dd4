import { describe, expect, it } from "vitest";
import type { Program } from "../../process/types";
import { createTerminal } from "../terminal";
import { bareEnvironment, collector, testPrograms } from "./helpers";

/** Writes stderr, then stdout, then stderr again, as kubectl does with a warning before its result. */
const warns: Program = async (ctx) => {
  ctx.stderr("Warning: first\n");
  ctx.stdout("result\n");
  ctx.stderr("second\n");
  return 0;
};

async function run(line: string) {
  const terminal = createTerminal(bareEnvironment(), { programs: testPrograms({ warns }) });
  const out = collector();
  await terminal.exec(line, out.sink);
  return { events: out.events, terminal };
}

describe("order of stdout and stderr", () => {
  it("shows a program's streams in the order it wrote them, each on its own stream", async () => {
    expect((await run("warns")).events).toEqual([
      ["stderr", "Warning: first\n"],
      ["stdout", "result\n"],
      ["stderr", "second\n"],
    ]);
  });

  it("keeps that order among the other commands of a group", async () => {
    expect((await run("{ echo a; warns; echo b; }")).events).toEqual([
      ["stdout", "a\n"],
      ["stderr", "Warning: first\n"],
      ["stdout", "result\n"],
      ["stderr", "second\n"],
      ["stdout", "b\n"],
    ]);
  });

  it("merges in write order with 2>&1, |& and > file 2>&1", async () => {
    const merged = "Warning: first\nresult\nsecond\n";
    expect((await run("warns 2>&1")).events).toEqual([["stdout", merged]]);
    expect((await run("warns |& cat")).events).toEqual([["stdout", merged]]);
    const { events } = await run("warns > /tmp/log 2>&1; cat /tmp/log");
    expect(events).toEqual([["stdout", merged]]);
  });

  it("still splits the streams where redirections part them", async () => {
    expect((await run("warns 2>/dev/null")).events).toEqual([["stdout", "result\n"]]);
    expect((await run("warns >/dev/null")).events).toEqual([["stderr", "Warning: first\nsecond\n"]]);
    expect((await run("warns 2>&1 >/dev/null | tr a-z A-Z")).events).toEqual([["stdout", "WARNING: FIRST\nSECOND\n"]]);
    // A substitution captures stdout only, even inside a group whose streams are merged.
    expect((await run('{ x=$(warns); } 2>&1; echo "[$x]"')).events).toEqual([["stdout", "Warning: first\nsecond\n"], ["stdout", "[result]\n"]]);
    expect((await run("{ warns > /tmp/out; } 2>&1 | tr a-z A-Z; cat /tmp/out")).events).toEqual([["stdout", "WARNING: FIRST\nSECOND\n"], ["stdout", "result\n"]]);
  });
});
