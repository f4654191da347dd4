// Saves that fall due together take turns with a worker's messages: a learner's command that
// arrives while hundreds of sessions are due to save waits for one save, not for all of them.
import { MessageChannel } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { TurnQueue } from "../save-turns";

describe("TurnQueue (save-turns.ts)", () => {
  it("runs jobs added together one per turn of the event loop, so a message that arrives meanwhile is handled between them", async () => {
    const queue = new TurnQueue();
    const order: string[] = [];
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<void>((resolve) => port2.once("message", () => resolve(void order.push("command"))));
    const done = new Promise<void>((resolve) => {
      for (let i = 0; i < 4; i++) queue.add(() => order.push(`save ${i}`));
      queue.add(resolve);
    });
    port1.postMessage("exec");
    await Promise.all([received, done]);
    port1.close();
    expect(order.filter((o) => o.startsWith("save"))).toEqual(["save 0", "save 1", "save 2", "save 3"]);
    // At most one save ran before the command: it did not wait for the others.
    expect(order.indexOf("command")).toBeLessThanOrEqual(1);
    expect(queue.size).toBe(0);
  });

  it("leaves out a job withdrawn before its turn, and goes on after a job that throws", async () => {
    const queue = new TurnQueue();
    const ran: string[] = [];
    const withdraw = queue.add(() => ran.push("withdrawn"));
    queue.add(() => {
      ran.push("throws");
      throw new Error("a save failed");
    });
    const last = new Promise<void>((resolve) => queue.add(() => resolve(void ran.push("last"))));
    withdraw();
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      await last;
    } finally {
      process.off("uncaughtException", onUncaught);
    }
    expect(ran).toEqual(["throws", "last"]);
    expect(uncaught).toHaveLength(1);
  });
});
