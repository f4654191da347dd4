// The browser gets one frame per command when the command ran within one task: its output joined,
// and carried by its `done`; nothing is reordered or lost.
import { describe, expect, it } from "vitest";
import { outputOf } from "../../../terminal/protocol";
import type { TerminalTraffic } from "../protocol";
import { TerminalOutbox } from "../terminal-outbox";

function outbox() {
  const batches: TerminalTraffic[][] = [];
  const box = new TerminalOutbox((batch) => batches.push(batch), (flush) => process.nextTick(flush));
  return { box, batches };
}
const out = (conn: number, data: string): TerminalTraffic => ({ t: "send", conn, message: { type: "output", data } });
const done = (conn: number): TerminalTraffic => ({ t: "send", conn, message: { type: "done", exitCode: 0, prompt: "$ " } });

describe("a worker's terminal outbox", () => {
  it("sends a command's output and its done as one message once the task's continuations have run", async () => {
    const { box, batches } = outbox();
    // As a command runs: output from one continuation, more from later ones, then done.
    await (async () => {
      box.send(out(1, "NAME "));
      await null;
      box.send(out(1, "READY\n"));
      await null;
      await null;
      box.send(done(1));
    })();
    expect(batches).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[{ t: "send", conn: 1, message: { type: "done", exitCode: 0, prompt: "$ ", output: "NAME READY\n" } }]]);
  });

  it("keeps connections apart and the order of everything else", () => {
    const { box, batches } = outbox();
    box.send(out(1, "a"));
    box.send(out(2, "b"));
    box.send(done(1));
    box.send({ t: "send", conn: 2, message: { type: "saved", at: "2026-01-01T00:00:00.000Z" } });
    box.send(done(2));
    box.send({ t: "close", conn: 2, code: 4001, reason: "over" });
    box.flush();
    const [batch] = batches;
    expect(batch!.map((m) => (m.t === "send" ? [m.conn, m.message.type, outputOf(m.message)] : [m.conn, "close"]))).toEqual([
      [1, "output", "a"],
      [2, "output", "b"],
      [1, "done", ""],
      [2, "saved", ""],
      [2, "done", ""],
      [2, "close"],
    ]);
  });

  it("sends output at once when flushed (before a reply), and a later done on its own", () => {
    const { box, batches } = outbox();
    box.send(out(1, "partial"));
    box.flush();
    box.send(done(1));
    box.flush();
    box.flush();
    expect(batches.map((b) => b.map((m) => (m.t === "send" ? m.message : m)))).toEqual([[{ type: "output", data: "partial" }], [{ type: "done", exitCode: 0, prompt: "$ " }]]);
  });
});
