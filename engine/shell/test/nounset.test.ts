import { describe, expect, it } from "vitest";
import { createTerminal } from "../terminal";
import { runScript } from "../script";
import { collector, freshEnvironment, testPrograms } from "./helpers";

/** `set -u` as bash 5 does it (checked against `bash -i` and `bash -s`). */
describe("an unbound variable under set -u", () => {
  it("drops the rest of the line at the prompt with status 1, keeping what ran before", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms() });
    const out = collector();
    await terminal.exec("set -u", out.sink);
    const result = await terminal.exec("x=kept; echo $UNDEF; echo after; y=lost", out.sink);
    expect(result.exitCode).toBe(1);
    await terminal.exec('echo "status $? x=$x y=${y-unset}"', out.sink);
    expect(out.text()).toBe("bash: UNDEF: unbound variable\nstatus 1 x=kept y=unset\n");
  });

  it("ends only the substitution or subshell it happens in", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms() });
    const out = collector();
    await terminal.exec("set -u", out.sink);
    await terminal.exec("v=$(echo $UNDEF); echo still here $?; echo ${UNDEF:-default}", out.sink);
    expect(out.text()).toBe("bash: UNDEF: unbound variable\nstill here 1\ndefault\n");
  });

  it("inside a function, a loop or a group stops the whole line too, and says bash", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms() });
    const out = collector();
    await terminal.exec("set -u; f() { echo in $UNDEF; echo after; }", out.sink);
    for (const line of ["f; echo next", "for i in 1 2; do echo $i $UNDEF; done; echo next", "while true; do echo $UNDEF; break; done; echo next", "{ echo $UNDEF; echo g; }; echo next"]) {
      const result = await terminal.exec(line, out.sink);
      expect(result.exitCode, line).toBe(1);
    }
    await terminal.exec("(echo $UNDEF); echo subshell $?", out.sink);
    expect(out.text()).toBe(`${"bash: UNDEF: unbound variable\n".repeat(5)}subshell 1\n`);
  });

  it("ends a shell reading a script, with status 1", async () => {
    const result = await runScript(freshEnvironment(), { script: "set -u\necho before\necho $UNDEF; echo after\necho next line\n" });
    expect(result).toEqual({ stdout: "before\n", stderr: "bash: UNDEF: unbound variable\n", exitCode: 1 });
  });
});
