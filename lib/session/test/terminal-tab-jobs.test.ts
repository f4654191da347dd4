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

it("Ctrl-Z stops the running command: ^Z and bash's Stopped line reach the browser and the screen history, bg resumes it", async () => {
  // Wall-clock sleeps as in the app, released by the test.
  const wakes: (() => void)[] = [];
  const sleep = (_ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      wakes.push(resolve);
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
  const env = Environment.create();
  const terminal = createTerminal(env, { host: "controlplane", sleep });
  await terminal.ready;
  const tab = new TerminalTab(1, terminal, { beforeCommand() {}, commandDone() {}, runningChanged() {}, relogin: () => terminal });
  const client = new RecordingClient();
  tab.attach(client, 4000);
  tab.suspend(); // at the prompt: nothing
  const running = tab.exec("sleep 100");
  for (let i = 0; i < 200 && wakes.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  const seen = client.messages.length;
  tab.suspend();
  await running;
  expect(await client.next("done", seen)).toMatchObject({ type: "done", exitCode: 148 });
  expect(tab.scrollback.endsWith("root@controlplane:~# sleep 100\n^Z\n[1]+  Stopped                 sleep 100\n")).toBe(true);
  // Stopped, the sleep is not waiting on the clock any more.
  wakes.splice(0);
  await tab.exec("bg");
  for (let i = 0; i < 200 && wakes.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(tab.scrollback.endsWith("root@controlplane:~# bg\n[1]+ sleep 100 &\n")).toBe(true);
  wakes.splice(0).forEach((wake) => wake());
  for (let i = 0; i < 100 && terminal.runningJobs > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  await tab.exec("true");
  expect(tab.scrollback.endsWith("root@controlplane:~# true\n[1]+  Done                    sleep 100\n")).toBe(true);
}, 60_000);
