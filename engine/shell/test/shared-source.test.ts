import { describe, expect, it } from "vitest";
import { createTerminal } from "../terminal";
import { collector, freshEnvironment, testPrograms } from "./helpers";

/**
 * Sourced text is instrumented once per process and shared by every shell (interpreter.ts,
 * SHARED_SOURCES): each shell must still end up with its own functions, as if it had read the file
 * itself.
 */
describe("a script sourced by many shells", () => {
  it("gives each shell the functions it defines, with their bodies, independently", async () => {
    const env = freshEnvironment();
    const first = createTerminal(env, { programs: testPrograms() });
    await first.exec("printf 'greet() { echo hello $1; }\\nfarewell() { echo bye; }\\n' > /tmp/lib.sh");
    const second = createTerminal(env, { programs: testPrograms() });
    const out = collector();
    await first.exec("source /tmp/lib.sh; greet one", out.sink);
    await second.exec(". /tmp/lib.sh; greet two; unset -f farewell", out.sink);
    await first.exec("farewell; type -t greet", out.sink);
    await second.exec("farewell", out.sink);
    expect(out.text()).toBe("hello one\nhello two\nbye\nfunction\nbash: farewell: command not found\n");
    // A restored terminal rebuilds the functions from their source as it was written.
    const saved = await first.snapshot();
    expect(saved.frames[0].state.functions).not.toMatch(/__kc|__KC/);
    const restored = createTerminal(env, { programs: testPrograms(), restore: saved });
    const again = collector();
    await restored.exec("greet three", again.sink);
    expect(again.text()).toBe("hello three\n");
  });

  it("reads files byte for byte through cat, UTF-8 included", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms() });
    const out = collector();
    await terminal.exec("printf 'caf\\xc3\\xa9 \\xe2\\x9c\\x93\\n' > /tmp/u", out.sink);
    await terminal.exec("cat /tmp/u; cat /tmp/u | wc -c; cat /tmp/u /tmp/u | grep -c é; cat < /tmp/u | wc -m", out.sink);
    expect(out.text()).toBe("café ✓\n10\n2\n7\n");
  });
});
