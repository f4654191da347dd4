import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { engineStatus } from "./health";

const dir = mkdtempSync(path.join(os.tmpdir(), "kubecoach-health-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function moduleFile(name: string, source: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}

describe("engine status in /healthz", () => {
  it("says plainly when the engine is not there", async () => {
    expect(await engineStatus(path.join(dir, "missing.ts"))).toEqual({ ok: false, reason: expect.stringMatching(/does not exist yet/) });
  });

  it("reports what engineHealth() returns", async () => {
    const file = moduleFile("good.ts", `export function engineHealth(): { ok: boolean; version: string } { return { ok: true, version: "1.33.0" }; }`);
    expect(await engineStatus(file)).toEqual({ ok: true, version: "1.33.0" });
    const unhealthy = moduleFile("unhealthy.ts", `export function engineHealth() { return { ok: false, version: "1.33.0", reason: "no namespace" }; }`);
    expect(await engineStatus(unhealthy)).toEqual({ ok: false, version: "1.33.0", reason: "no namespace" });
  });

  it("reports a module that fails to load, or answers in the wrong shape", async () => {
    const broken = moduleFile("broken.ts", `throw new Error("cannot start");\nexport const x = 1;`);
    expect(await engineStatus(broken)).toEqual({ ok: false, reason: expect.stringMatching(/failed to load: cannot start/) });
    const wrong = moduleFile("wrong.ts", `export function engineHealth() { return "fine"; }`);
    expect(await engineStatus(wrong)).toEqual({ ok: false, reason: expect.stringMatching(/did not return/) });
  });
});
