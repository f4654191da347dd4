import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../cluster/environment";
import { compareCases, describeDifference, readAllowList, readCorpus, type Comparison } from "./bash-differential/harness";
import { bareEnvironment } from "./helpers";

/**
 * The differential sweep (bash-differential/): every corpus script runs once in the machine's real
 * bash and once in the simulated shell. A case must agree on stdout, stderr and status unless
 * allowed-differences.json lists it with a reason; a listed case that now agrees must leave the list.
 */
const cases = readCorpus();
const allowed = readAllowList();

describe("the simulated shell against real bash 5.2", () => {
  let env: Environment;
  const results = new Map<string, Comparison>();
  beforeAll(async () => {
    env = bareEnvironment();
    for (const r of await compareCases(env, cases)) results.set(r.name, r);
  }, 120_000);
  afterAll(() => results.clear());

  it("every difference from real bash is on the allow-list, with a reason", () => {
    const unlisted = [...results.values()].filter((r) => !r.same && !allowed[r.name]).map(describeDifference);
    expect(unlisted.join("\n")).toBe("");
  });

  it("the allow-list names only cases that exist and still differ", () => {
    const stale = Object.keys(allowed).filter((name) => !results.has(name) || results.get(name)!.same);
    expect(stale).toEqual([]);
    for (const [name, reason] of Object.entries(allowed)) expect(reason.length, name).toBeGreaterThan(10);
  });

  it("the corpus has 150-400 scripts and most agree", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const agreeing = [...results.values()].filter((r) => r.same).length;
    expect(agreeing / cases.length).toBeGreaterThan(0.75);
  });
});
