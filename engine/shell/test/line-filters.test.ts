import { describe, expect, it } from "vitest";
import { answersPerLine } from "../line-filters";
import { createTerminal, type Terminal } from "../terminal";
import { bareEnvironment, testPrograms } from "./helpers";

/**
 * grep and sed typed at the terminal answer each line as it is typed (a real grep writing to a
 * terminal is line-buffered); wc and sort answer at end of input, as they really do.
 */
function terminal(): Terminal {
  return createTerminal(bareEnvironment(), { programs: testPrograms() });
}

/** Runs `line`, typing `typed` one entry per read; the screen shows each typed entry as `>entry`. */
async function session(term: Terminal, line: string, typed: string[]): Promise<{ screen: string; exitCode: number }> {
  let screen = "";
  // What is answered when, not how: without ~/.bashrc's grep --color=auto alias.
  await term.exec("unalias grep 2>/dev/null");
  term.onRead = () => {
    const next = typed.shift();
    if (next === undefined) return term.interrupt();
    screen += `>${next}`;
    term.input(next);
  };
  const { exitCode } = await term.exec(line, (d) => (screen += d));
  return { screen, exitCode };
}

describe("filters answering typed lines one by one", () => {
  it("grep prints a matching line before the next line is typed, and exits 0 when any matched", async () => {
    const term = terminal();
    const r = await session(term, "grep -i err", ["ok\n", "ERROR one\n", "fine\n", "err two\n", ""]);
    expect(r.screen).toBe(">ok\n>ERROR one\nERROR one\n>fine\n>err two\nerr two\n>");
    expect(r.exitCode).toBe(0);
    expect((await session(term, "grep -v x; echo status $?", ["x\n", ""])).screen).toBe(">x\n>status 1\n");
  });

  it("sed substitutions answer per line; a bad pattern fails before anything is read", async () => {
    const term = terminal();
    expect((await session(term, "sed 's/a/A/g'", ["banana\n", "kiwi\n", ""])).screen).toBe(">banana\nbAnAnA\n>kiwi\nkiwi\n>");
    expect((await session(term, "sed -n '/^k/p'", ["apple\n", "kiwi\n", ""])).screen).toBe(">apple\n>kiwi\nkiwi\n>");
    const bad = await session(term, "grep -E '('", ["never read\n"]);
    expect(bad.exitCode).toBe(2);
    expect(bad.screen).not.toContain(">");
  });

  it("Ctrl-C stops grep with 130, keeping what it printed", async () => {
    const term = terminal();
    const r = await session(term, "grep a; echo not-reached", ["abc\n"]);
    expect(r.screen).toBe(">abc\nabc\n");
    expect(r.exitCode).toBe(130);
  });

  it("counting, numbering and whole-input forms answer at end of input, as they really do", async () => {
    const term = terminal();
    expect((await session(term, "grep -c a", ["a\n", "ab\n", ""])).screen).toBe(">a\n>ab\n>2\n");
    expect((await session(term, "grep -n b", ["a\n", "ab\n", ""])).screen).toBe(">a\n>ab\n>2:ab\n");
    expect((await session(term, "sort", ["b\n", "a\n", ""])).screen).toBe(">b\n>a\n>a\nb\n");
    expect((await session(term, "sed '$d'", ["a\n", "b\n", ""])).screen).toBe(">a\n>b\n>a\n");
  });

  it("a line ended by Ctrl-D without Enter is the last one", async () => {
    const term = terminal();
    const r = await session(term, "grep x; echo done", ["x1\n", "x2", ""]);
    expect(r.screen).toBe(">x1\nx1\n>x2>x2\ndone\n");
  });
});

describe("which forms answer per line", () => {
  it("keeps stateless grep and sed forms, and not the ones that count, number or look ahead", () => {
    expect(answersPerLine("grep", ["-iE", "a|b"])).toBe(true);
    expect(answersPerLine("grep", ["-e", "-n"])).toBe(true);
    expect(answersPerLine("grep", ["-A1", "x"])).toBe(false);
    expect(answersPerLine("grep", ["--max-count=1", "x"])).toBe(false);
    expect(answersPerLine("sed", ["-e", "s/a/b/", "-e", "/x/d"])).toBe(true);
    expect(answersPerLine("sed", ["s|/usr|/opt|g"])).toBe(true);
    expect(answersPerLine("sed", ["2d"])).toBe(false);
    expect(answersPerLine("sed", ["N;P;D"])).toBe(false);
    expect(answersPerLine("sed", ["/a/,/b/d"])).toBe(false);
    expect(answersPerLine("wc", ["-l"])).toBe(false);
  });
});
