import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { gradeCommand } from "../../cli/grade";
import { scenariosCommand } from "../../cli/scenarios";
import { scenarioFiles, writeTree } from "./fixtures";

function capture(): { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  return { out: () => out, err: () => err };
}

afterEach(() => vi.restoreAllMocks());

describe("kubecoach scenarios validate", () => {
  it("prints each problem as file:line:column and exits 1", async () => {
    const root = writeTree(scenarioFiles("cka/x/demo", { "scenario.yaml": "id: demo\nversion: 1\n" }));
    const io = capture();
    expect(await scenariosCommand(["validate"], root)).toBe(1);
    expect(io.out().split("\n")[0]).toBe("scenarios/cka/x/demo/scenario.yaml:1:1: title: Invalid input: expected string, received undefined");
    expect(io.out()).toContain("0 scenarios, 0 exams, 0 lessons: ");
  });

  it("says all valid and exits 0 for a good catalogue", async () => {
    const io = capture();
    expect(await scenariosCommand(["validate"], writeTree(scenarioFiles("cka/x/demo")))).toBe(0);
    expect(io.out()).toBe("1 scenarios, 0 exams, 0 lessons: all valid\n");
  });

  it("scaffolds a scenario that fails validation until its placeholders are written", async () => {
    const root = writeTree({});
    const io = capture();
    expect(await scenariosCommand(["new", "fresh-one", "--domain", "storage", "--difficulty", "hard"], root)).toBe(0);
    expect(await scenariosCommand(["validate"], root)).toBe(1);
    expect(io.out()).toContain("scenarios/cka/storage/fresh-one/task.md:1: still has the scaffold's TODO(author) placeholder");
  });
});

describe("kubecoach grade", () => {
  it("sets up, runs the learner's script in the simulated shell and prints the grade as JSON", async () => {
    const root = writeTree(scenarioFiles("cka/x/demo"));
    const script = join(root, "answer.sh");
    writeFileSync(script, "kubectl run web --image=nginx:1.25\n");
    const io = capture();
    expect(await gradeCommand(["--scenario", "demo", "--script", script], root)).toBe(0);
    const grade = JSON.parse(io.out());
    expect(grade).toMatchObject({ scenario: "demo", earned: 1, total: 3, script: { exitCode: 0 } });
    expect(grade.checks[1]).toMatchObject({ id: "image", passed: false, reason: '.spec.containers[0].image of pods "web" in namespace "default" is "nginx:1.25"; expected it to equal "nginx:1.27"', hint: "--image" });
  });

  it("explains an unknown scenario", async () => {
    const io = capture();
    expect(await gradeCommand(["--scenario", "nope"], writeTree(scenarioFiles("cka/x/demo")))).toBe(1);
    expect(io.err()).toBe('kubecoach: no scenario or exam "nope"\n');
  });
});
