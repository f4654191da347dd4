import { beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { runScript } from "../script";
import { parseYqArgs } from "../commands/yq-args";
import { parseYq } from "../commands/yq-expression";

/**
 * yq's grammar where it differs from jq's (precedences from yq's pkg/yqlib/operation.go), and its
 * command line as cobra reads it. Behaviour a learner sees, checked through the shell.
 */
describe("yq", () => {
  let snapshot: ReturnType<Environment["snapshot"]>;
  beforeAll(() => {
    snapshot = Environment.create().snapshot();
  }, 60_000);

  const run = (script: string) => runScript(Environment.restore(snapshot), { script, host: "controlplane" });

  it("binds | tighter than , (jq: (.a, .b) | .c)", async () => {
    const r = await run(`printf 'a: 1\\nb:\\n  c: 2\\n' | yq '.a, .b | .c'`);
    expect(r.stdout).toBe("1\n2\n");
  });

  it("groups equal precedences to the right: 10 - 4 - 3 is 10 - (4 - 3)", async () => {
    const r = await run(`yq -n '10 - 4 - 3'`);
    expect(r.stdout).toBe("9\n");
  });

  it("reads and/or looser than |", async () => {
    const r = await run(`printf 'a: 1\\n' | yq '.a | . == 1 or false'`);
    expect(r.stdout).toBe("true\n");
  });

  it("multiplies across files in eval-all (select(fi == 0) * select(fi == 1))", async () => {
    const r = await run(`cd /tmp; printf 'a: {x: 1}\\n' > f0.yml; printf 'a:\\n  y: 2\\n' > f1.yml; yq ea 'select(fi == 0) * select(fi == 1)' f0.yml f1.yml`);
    expect(r.stdout).toBe("a: {x: 1, y: 2}\n");
  });

  it("evaluates each document separately in eval, keeping their separators", async () => {
    const r = await run(`printf 'n: 1\\n---\\nn: 2\\n' | yq '.n |= . * 10'`);
    expect(r.stdout).toBe("n: 10\n---\nn: 20\n");
  });

  it("leaves the file unchanged when -i fails", async () => {
    const r = await run(`cd /tmp; printf 'a: 1 # one\\n' > keep.yml; yq -i '.a = .b.c.d | error("stop")' keep.yml; cat keep.yml`);
    expect(r.stdout).toBe("a: 1 # one\n");
    expect(r.stderr).toBe("Error: stop\n");
  });

  it("reads an expression file name as a file when it exists", async () => {
    const r = await run(`cd /tmp; printf 'k: v\\n' > only.yml; yq only.yml`);
    expect(r.stdout).toBe("k: v\n");
  });

  it("parses cobra's flag forms", () => {
    expect(parseYqArgs(["-oj", "-I0", ".a", "f.yml"])).toMatchObject({ outputFormat: "j", indent: 0, operands: [".a", "f.yml"] });
    expect(parseYqArgs(["ea", "-iP", "--output-format=json", "."])).toMatchObject({ allAtOnce: true, inPlace: true, pretty: true, outputFormat: "json" });
    expect(parseYqArgs(["-r=false", "."]).unwrapScalar).toBe(false);
    expect(() => parseYqArgs(["--arg", "x", "y"])).toThrow("unknown flag: --arg");
  });

  it("reports yq's messages for broken expressions", () => {
    expect(() => parseYq(".a = ")).toThrow("'=' expects 2 args but there is 1");
    expect(() => parseYq("(.a")).toThrow("could not find matching `)`");
  });
});
