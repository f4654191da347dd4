import { describe, expect, it } from "vitest";
import { readiness, streak, weakestTopics, type GradedTry } from "../metrics";

const at = new Date("2026-03-10T12:00:00Z");
const t = (scenarioId: string, domain: GradedTry["domain"], percent: number, topics: string[] = []): GradedTry => ({ scenarioId, domain, topics, percent, at });

describe("dashboard metrics", () => {
  it("counts each scenario's best score, scales by coverage, and weights domains like the exam", () => {
    const tries = [t("a", "storage", 50), t("a", "storage", 100), t("b", "storage", 60), t("c", "troubleshooting", 100), t("d", "troubleshooting", 100), t("e", "troubleshooting", 100), t("f", "troubleshooting", 100), t("g", "troubleshooting", 100)];
    const r = readiness(tries);
    const storage = r.domains.find((d) => d.domain === "storage")!;
    // Best of a is 100, b is 60: average 80, two of five scenarios tried.
    expect(storage).toMatchObject({ tried: 2, averageBest: 80, readiness: 32, weight: 10 });
    expect(r.domains.find((d) => d.domain === "troubleshooting")).toMatchObject({ tried: 5, readiness: 100, weight: 30 });
    expect(r.domains.find((d) => d.domain === "services-networking")).toMatchObject({ tried: 0, averageBest: null, readiness: 0 });
    // 30% × 100 + 10% × 32 = 33.2
    expect(r.overall).toBe(33.2);
  });

  it("counts the days in a row ending today or yesterday", () => {
    const days = ["2026-03-10T08:00:00Z", "2026-03-09T23:00:00Z", "2026-03-08T01:00:00Z", "2026-03-06T10:00:00Z"].map((d) => new Date(d));
    expect(streak(days, new Date("2026-03-10T20:00:00Z"))).toBe(3);
    expect(streak(days, new Date("2026-03-11T09:00:00Z"))).toBe(3);
    expect(streak(days, new Date("2026-03-12T09:00:00Z"))).toBe(0);
    expect(streak([], at)).toBe(0);
  });

  it("finds the topics with the lowest best scores, leaving out mastered ones", () => {
    const tries = [t("a", "storage", 40, ["pv", "pvc"]), t("b", "storage", 80, ["pvc"]), t("c", "troubleshooting", 100, ["kubelet"]), t("a", "storage", 20, ["pv", "pvc"])];
    expect(weakestTopics(tries)).toEqual([
      { topic: "pv", averageBest: 40, tried: 1 },
      { topic: "pvc", averageBest: 60, tried: 2 },
    ]);
  });
});
