import { describe, expect, it } from "vitest";
import type { Program } from "../../process/types";
import { createTerminal } from "../terminal";
import { collector, freshEnvironment, testPrograms } from "./helpers";

let waiting: () => void = () => undefined;

/** Waits until Ctrl-C, like `kubectl get -w` with nothing to report; says when it starts waiting. */
const waiter: Program = async (ctx) => {
  waiting();
  while (!ctx.signal.aborted) await ctx.sleep(1000);
  return 130;
};

/** A sleep that only ends on Ctrl-C: the test decides when time is up, not a clock. */
const untilInterrupted = (_ms: number, signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));

describe("what the shell adds to each line stays out of sight", () => {
  it("set -x traces only what was typed", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms() });
    const out = collector();
    for (const line of ["set -x", "echo hi", "x=1", "f() { echo in f; }", "cat /etc/hostname | wc -l", "for i in 1 2; do echo $i; done", "y=$(echo sub)", "f", "source /dev/null", "set +x"]) await terminal.exec(line, out.sink);
    expect(out.text()).toContain("+ echo hi");
    expect(out.text()).toContain("+ echo 2\n");
    expect(out.text()).toContain("+ y=sub\n");
    expect(out.text()).toContain("+ source /dev/null\n");
    expect(out.text()).not.toMatch(/__KC_|__kc_/);
  });

  it("keeps variables, functions and arrays from lines with and without a state report", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms() });
    const out = collector();
    for (const line of ["x=5", "a=(1 2 3)", "f() { echo f$1; }", "cd /etc", "unset -f f"]) await terminal.exec(line, out.sink);
    await terminal.exec('echo "$x ${a[2]} $PWD"; type f', out.sink);
    expect(out.text()).toBe("5 3 /etc\nbash: type: f: not found\n");
    expect((await terminal.exec("false")).exitCode).toBe(1);
    await terminal.exec("echo $?", out.sink);
    expect(out.text().endsWith("1\n")).toBe(true);
  });

  it("Ctrl-C stops a plain pipeline and a loop alike", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms({ waiter }), sleep: untilInterrupted });
    for (const line of ["waiter | cat", "waiter", "while true; do waiter; done"]) {
      const started = new Promise<void>((resolve) => (waiting = resolve));
      const running = terminal.exec(line);
      await started;
      terminal.interrupt();
      expect((await running).exitCode).toBe(130);
    }
  });
});
