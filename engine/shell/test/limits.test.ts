import { describe, expect, it } from "vitest";
import { createTerminal, type TerminalOptions } from "../terminal";
import { bareEnvironment, collector, testPrograms } from "./helpers";

/** Each runaway command stops with a message that says why, and the terminal stays usable. */
async function stops(line: string, limits: TerminalOptions["limits"] = {}): Promise<{ exitCode: number; text: string; after: string }> {
  const terminal = createTerminal(bareEnvironment(), { interactive: false, programs: testPrograms(), limits });
  const out = collector();
  const r = await terminal.exec(line, out.sink);
  const after = collector();
  await terminal.exec("echo still usable", after.sink);
  return { exitCode: r.exitCode, text: out.text(), after: after.text() };
}

describe("limits", () => {
  it("stops unbounded recursion (a fork bomb) at the call depth limit", async () => {
    const r = await stops(":(){ :|:& };:");
    expect(r.exitCode).not.toBe(0);
    expect(r.text).toContain("maximum recursion depth (100) exceeded");
    expect(r.after).toBe("still usable\n");
  });

  it("stops a busy loop at the CPU limit and says so", async () => {
    const r = await stops("while true; do echo yes; done", { cpuMs: 300 });
    expect(r.exitCode).toBe(130);
    expect(r.text).toMatch(/kubecoach: command stopped \(CPU limit: more than 0\.3 s of computing\)\n$/);
    expect(r.after).toBe("still usable\n");
  });

  it("stops a command that prints too much", async () => {
    const r = await stops("while true; do echo yes; done", { outputBytes: 2000 });
    expect(r.text).toMatch(/kubecoach: command stopped \(output limit: the command printed more than 2000 bytes\)\n$/);
    expect(r.text.split("yes").length).toBeLessThan(600);
    expect(r.after).toBe("still usable\n");
  });

  it("stops a sleep longer than the simulated time a command may wait", async () => {
    const env = bareEnvironment();
    const before = env.clock.now();
    const terminal = createTerminal(env, { interactive: false, programs: testPrograms(), limits: { virtualSleepMs: 60_000 } });
    const out = collector();
    const r = await terminal.exec("sleep 1d", out.sink);
    expect(r.exitCode).toBe(130);
    expect(out.text()).toContain("command stopped (time limit: the command waited more than");
    expect(env.clock.now() - before).toBe(0);
  });

  it("refuses huge strings instead of building them", async () => {
    const r = await stops("x=$(printf '%*s' 50000000 ''); echo ${#x}");
    expect(r.text).toContain("limit exceeded");
    expect(r.after).toBe("still usable\n");
  });

  it("bounds loops and command substitution sizes", async () => {
    const r = await stops("for i in $(seq 1 300000); do :; done");
    expect(r.text).toContain("iteration limit exceeded (100000)");
    expect(r.after).toBe("still usable\n");
  });
});
