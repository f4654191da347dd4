import { describe, expect, it } from "vitest";
import { Environment } from "../../../engine/cluster/environment";
import { createTerminal } from "../../../engine/shell";
import { SCROLLBACK_LIMIT, TerminalTab } from "../terminal-tab";
import { RecordingClient } from "./fixtures";

describe("a terminal tab's screen history", () => {
  it("keeps the last 64 KB from a line start, through long and many small outputs, for the redraw", async () => {
    const env = Environment.create();
    const terminal = createTerminal(env, { host: "controlplane", columns: 120, rows: 32 });
    await terminal.ready;
    const tab = new TerminalTab(1, terminal, { beforeCommand() {}, commandDone() {}, runningChanged() {}, relogin: () => terminal });
    await tab.exec("seq 1 30000");
    for (let i = 0; i < 300; i++) await tab.exec(`echo line-${i}`);
    const screen = tab.scrollback;
    expect(screen.length).toBeLessThanOrEqual(SCROLLBACK_LIMIT);
    expect(screen.length).toBeGreaterThan(SCROLLBACK_LIMIT - 200);
    expect(screen.endsWith("root@controlplane:~# echo line-299\nline-299\n")).toBe(true);
    // Cut at a line start: the first line is a whole number of `seq`'s output.
    expect(screen).toMatch(/^\d+\n/);
    const lines = screen.split("\n");
    expect(Number(lines[1])).toBe(Number(lines[0]) + 1);
    const client = new RecordingClient();
    tab.attach(client, 4000);
    expect((await client.next("ready")).scrollback).toBe(screen);
  });
});
