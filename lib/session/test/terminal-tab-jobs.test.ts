import { expect, it } from "vitest";
import { Environment } from "../../../engine/cluster/environment";
import { createTerminal } from "../../../engine/shell";
import { TerminalTab } from "../terminal-tab";
import { RecordingClient } from "./fixtures";

it("sends a background job's output to the browser while the tab sits at its prompt, and keeps it in the screen history", async () => {
  // Wall-clock sleeps as in the app, released by the test.
  const wakes: (() => void)[] = [];
  const sleep = (_ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      wakes.push(resolve);
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
  const env = Environment.create();
  const terminal = createTerminal(env, { host: "controlplane", sleep });
  await terminal.ready;
  const tab = new TerminalTab(1, terminal, { beforeCommand() {}, commandDone() {}, runningChanged() {}, relogin: () => terminal });
  const client = new RecordingClient();
  tab.attach(client, 4000);
  await tab.exec("(sleep 2; echo from-the-job) &");
  expect(terminal.runningJobs).toBe(1);
  const seen = client.messages.length;
  wakes.splice(0).forEach((wake) => wake());
  expect(await client.next("output", seen)).toEqual({ type: "output", data: "from-the-job\n" });
  expect(tab.scrollback.endsWith("root@controlplane:~# (sleep 2; echo from-the-job) &\n[1] 1001\nfrom-the-job\n")).toBe(true);
  // The learner types the next line a moment later: the job has ended by then.
  for (let i = 0; i < 100 && terminal.runningJobs > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  await tab.exec("true");
  expect(tab.scrollback.endsWith("root@controlplane:~# true\n[1]+  Done                    ( sleep 2; echo from-the-job )\n")).toBe(true);
  expect(terminal.runningJobs).toBe(0);
}, 60_000);
