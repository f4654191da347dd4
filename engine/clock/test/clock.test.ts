import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock";

function recording(clock: VirtualClock) {
  const log: string[] = [];
  clock.onTimer("t", (key, at) => log.push(`${key}@${at}`));
  return log;
}

describe("VirtualClock", () => {
  it("fires timers in time order, equal times in the order they were scheduled", () => {
    const clock = new VirtualClock(0);
    const log = recording(clock);
    for (const [at, key] of [[30, "c"], [10, "a1"], [20, "b"], [10, "a2"], [10, "a3"], [5, "first"]] as const) clock.scheduleAt(at, "t", key);
    clock.advanceTo(100);
    expect(log).toEqual(["first@5", "a1@10", "a2@10", "a3@10", "b@20", "c@30"]);
    expect(clock.now()).toBe(100);
  });

  it("settles once per instant: every timer due at one time fires before the owner looks", () => {
    const clock = new VirtualClock(0);
    const log = recording(clock);
    for (const key of ["x", "y", "z"]) clock.scheduleAt(1000, "t", key);
    clock.scheduleAt(2000, "t", "later");
    clock.advanceTo(5000, () => log.push(`settle@${clock.now()}`));
    expect(log).toEqual(["x@1000", "y@1000", "z@1000", "settle@1000", "later@2000", "settle@2000"]);
  });

  it("refuses a duplicate of a pending timer, cancels by topic and key, and finds the earliest pending one", () => {
    const clock = new VirtualClock(0);
    const log = recording(clock);
    clock.scheduleAt(50, "t", "k");
    clock.scheduleAt(50, "t", "k");
    clock.scheduleAt(20, "t", "k");
    clock.scheduleAt(40, "t", "gone");
    expect(clock.pendingAt("t", "k")).toBe(20);
    clock.cancel("t", "gone");
    expect(clock.pendingAt("t", "gone")).toBeUndefined();
    expect(clock.nextTimerAt()).toBe(20);
    clock.advanceTo(100);
    expect(log).toEqual(["k@20", "k@50"]);
    expect(clock.nextTimerAt()).toBeUndefined();
    // A cancelled timer may be scheduled again at the same time.
    clock.scheduleAt(150, "t", "gone");
    clock.cancel("t", "gone");
    clock.scheduleAt(150, "t", "gone");
    clock.advanceTo(200);
    expect(log).toEqual(["k@20", "k@50", "gone@150"]);
  });

  it("restores pending timers from a snapshot and fires them in the same order", () => {
    const clock = new VirtualClock(0);
    for (let i = 0; i < 50; i++) clock.scheduleAt((i * 7919) % 13, "t", `k${i}`);
    clock.cancel("t", "k3");
    const copy = new VirtualClock(0);
    copy.restore(JSON.parse(JSON.stringify(clock.snapshot())));
    const a = recording(clock);
    const b = recording(copy);
    clock.advanceTo(20);
    copy.advanceTo(20);
    expect(b).toEqual(a);
    expect(a).toHaveLength(49);
    expect(a.slice(0, 3)).toEqual(["k0@0", "k13@0", "k26@0"]);
  });

  it("jumps over a long gap firing what fell due once, at the target", () => {
    const clock = new VirtualClock(0);
    const log: string[] = [];
    clock.onTimer("tick", (key, at) => {
      log.push(`${key}@${at}`);
      clock.scheduleIn(10_000, "tick", key);
    });
    clock.scheduleAt(10_000, "tick", "a");
    clock.scheduleAt(10_000, "tick", "a2");
    clock.scheduleAt(20_000, "tick", "b");
    clock.jumpTo(3_600_000, () => log.push("settle"));
    // Overdue timers keep their order: those due at one time settle together, before later ones.
    expect(log).toEqual(["a@3600000", "a2@3600000", "settle", "b@3600000", "settle"]);
    expect(clock.nextTimerAt()).toBe(3_610_000);
  });
});
