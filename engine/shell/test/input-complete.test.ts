import { describe, expect, it } from "vitest";
import { isComplete } from "../input";
import { runScript } from "../script";
import { freshEnvironment } from "./helpers";

describe("isComplete: when bash would wait for a here-document's body", () => {
  it("waits for the delimiter line, then runs", () => {
    expect(isComplete("cat <<EOF")).toBe(false);
    expect(isComplete("cat <<EOF\nhello")).toBe(false);
    expect(isComplete("cat <<EOF\nhello\nEOF")).toBe(true);
    expect(isComplete("cat <<-'END' > f\n\tx\n\tEND")).toBe(true);
    expect(isComplete("cat <<A; cat <<B\na\nA\nb")).toBe(false);
    expect(isComplete("cat <<A; cat <<B\na\nA\nb\nB")).toBe(true);
  });

  it("reads << in quotes (across lines), comments, arithmetic and here-strings as no here-document", () => {
    // The string spans three lines: its last line is `EOF"`, never a delimiter line of its own.
    expect(isComplete('eval "cat <<EOF\nhi $i\nEOF"')).toBe(true);
    expect(isComplete('for i in 1 2; do eval "cat <<EOF\nhello \\$i\nEOF"; done')).toBe(true);
    expect(isComplete("echo 'a <<X\nb'")).toBe(true);
    expect(isComplete("echo hi # cat <<EOF")).toBe(true);
    expect(isComplete("echo $((1<<4)); x=$(( 1 << 2 ))")).toBe(true);
    expect(isComplete("cat <<< word")).toBe(true);
  });

  it("a script runs a here-document inside eval in a for loop, as bash does", async () => {
    const script = 'for i in 1 2; do eval "cat <<EOF\nhello \\$i\nEOF"; done\necho done\n';
    const result = await runScript(freshEnvironment(), { script });
    expect(result).toMatchObject({ stdout: "hello 1\nhello 2\ndone\n", stderr: "", exitCode: 0 });
  });
});
