import { describe, expect, it } from "vitest";
import type { Program } from "../../process/types";
import { createTerminal, type Terminal } from "../terminal";
import { bareEnvironment, testPrograms } from "./helpers";

/** A program that prints a line every second until stopped, like `kubectl get -w`. */
const ticker: Program = async (ctx) => {
  for (let i = 1; !ctx.signal.aborted; i++) {
    ctx.stdout(`tick ${i}\n`);
    await ctx.sleep(1000);
  }
  return 130;
};

async function open() {
  const env = bareEnvironment();
  const terminal = createTerminal(env, { programs: testPrograms({ ticker }) });
  await terminal.ready;
  return { env, terminal };
}

/**
 * Types each line at the prompt; `^Z` after a line presses Ctrl-Z when that line first waits
 * (the screen shows `^Z` where the terminal echoes it).
 */
async function type(terminal: Terminal, lines: string[]): Promise<string> {
  let screen = "";
  for (const entry of lines) {
    const ctrlZ = entry.endsWith(" ^Z");
    const line = ctrlZ ? entry.slice(0, -3) : entry;
    screen += `$ ${line}\n`;
    let pressed = !ctrlZ;
    terminal.onWait = () => {
      if (pressed) return;
      pressed = true;
      screen += "^Z";
      terminal.suspend();
    };
    await terminal.exec(line, (data) => (screen += data));
  }
  terminal.onWait = undefined;
  return screen;
}

describe("stopped jobs", () => {
  it("Ctrl-Z stops the foreground command: ^Z, [1]+ Stopped, $? 148, and its sleep holds its time", async () => {
    const { env, terminal } = await open();
    const start = env.clock.now();
    const screen = await type(terminal, ["sleep 100 ^Z", "echo $?", "jobs", "sleep 30", "fg"]);
    expect(screen).toBe(
      [
        "$ sleep 100",
        "^Z",
        "[1]+  Stopped                 sleep 100",
        "$ echo $?",
        "148",
        "$ jobs",
        "[1]+  Stopped                 sleep 100",
        "$ sleep 30",
        "$ fg",
        "sleep 100",
        "",
      ].join("\n"),
    );
    // 30 s while it was stopped did not count: fg waited its whole 100 s.
    expect(env.clock.now() - start).toBe(130_000);
  });

  it("Ctrl-Z stops the running pipeline only: the rest of the line goes on at once with $? 148, and fg resumes just that pipeline", async () => {
    // Each line and its screen as bash 5.2 gives them under a pty (`bash -i`, Ctrl-Z once sleep waits).
    const { env, terminal } = await open();
    const start = env.clock.now();
    const screen = await type(terminal, ["sleep 100; echo after ^Z", "sleep 50 && echo and ^Z", "echo $?", "sleep 50 || echo or $? ^Z", "sleep 40 | cat; echo piped ^Z", "jobs", "fg %1"]);
    expect(screen).toBe(
      [
        "$ sleep 100; echo after",
        "^Z",
        "[1]+  Stopped                 sleep 100",
        "after",
        "$ sleep 50 && echo and",
        "^Z",
        "[2]+  Stopped                 sleep 50",
        "$ echo $?",
        "148",
        "$ sleep 50 || echo or $?",
        "^Z",
        "[3]+  Stopped                 sleep 50",
        "or 148",
        "$ sleep 40 | cat; echo piped",
        "^Z",
        "[4]+  Stopped                 sleep 40 | cat",
        "piped",
        "$ jobs",
        "[1]   Stopped                 sleep 100",
        "[2]   Stopped                 sleep 50",
        "[3]-  Stopped                 sleep 50",
        "[4]+  Stopped                 sleep 40 | cat",
        "$ fg %1",
        "sleep 100",
        "",
      ].join("\n"),
    );
    // fg ran sleep 100 alone: `echo after` did not run again.
    expect(env.clock.now() - start).toBe(100_000);
  });

  it("jobs -n reports a stop and a SIGCONT not reported yet, once", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, ["sleep 300 & kill -STOP %1; jobs -n; echo ---; jobs -n", "kill -CONT %1; jobs -n; echo ---; jobs -n"]);
    expect(screen).toBe(
      [
        "$ sleep 300 & kill -STOP %1; jobs -n; echo ---; jobs -n",
        "[1] 1001",
        "[1]+  Stopped                 sleep 300",
        "---",
        "$ kill -CONT %1; jobs -n; echo ---; jobs -n",
        "[1]+  Running                 sleep 300 &",
        "---",
        "",
      ].join("\n"),
    );
  });

  it("a stopped job does not count as running: the app stops the cluster clock for it", async () => {
    const { terminal } = await open();
    await type(terminal, ["sleep 100 ^Z"]);
    expect(terminal.runningJobs).toBe(0);
    await type(terminal, ["bg"]);
    expect(terminal.runningJobs).toBe(1);
    await type(terminal, ["kill -STOP %1"]);
    expect(terminal.runningJobs).toBe(0);
    await type(terminal, ["sleep 200 &", "disown -a"]);
    expect(terminal.runningJobs).toBe(1);
  });

  it("a stopped watch prints nothing; bg resumes it in the background, fg brings it back and Ctrl-Z stops it again", async () => {
    const { terminal } = await open();
    let background = "";
    terminal.onBackgroundOutput = (data) => (background += data);
    const screen = await type(terminal, ["ticker ^Z", "sleep 5", "jobs", "bg", "sleep 2", "jobs", "fg ^Z", "jobs -s", "jobs -r", "kill %1", "jobs", "jobs"]);
    expect(background).toBe("");
    expect(screen).toBe(
      [
        "$ ticker",
        "tick 1",
        "^Z",
        "[1]+  Stopped                 ticker",
        "$ sleep 5",
        "$ jobs",
        "[1]+  Stopped                 ticker",
        "$ bg",
        "[1]+ ticker &",
        "$ sleep 2",
        "tick 2",
        "tick 3",
        "$ jobs",
        "[1]+  Running                 ticker &",
        "$ fg",
        "ticker",
        "^Z",
        "[1]+  Stopped                 ticker",
        "$ jobs -s",
        "[1]+  Stopped                 ticker",
        "$ jobs -r",
        "$ kill %1",
        "",
        "[1]+  Stopped                 ticker",
        "$ jobs",
        "[1]+  Terminated              ticker",
        "$ jobs",
        "",
      ].join("\n"),
    );
  });

  it("kill -STOP and -CONT, %1 &, %1, disown, wait and the current job: bash prefers the most recently stopped one", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, ["sleep 301 ^Z", "sleep 302 ^Z", "%1 &", "jobs", "kill -STOP %1", "%1 ^Z", "wait %1; echo w=$?", "wait; echo w=$?", "disown %2", "jobs", "kill -CONT %1", "jobs"]);
    expect(screen).toBe(
      [
        "$ sleep 301",
        "^Z",
        "[1]+  Stopped                 sleep 301",
        "$ sleep 302",
        "^Z",
        "[2]+  Stopped                 sleep 302",
        "$ %1 &",
        "[1]- sleep 301 &",
        "$ jobs",
        "[1]-  Running                 sleep 301 &",
        "[2]+  Stopped                 sleep 302",
        "$ kill -STOP %1",
        "",
        "[1]+  Stopped                 sleep 301",
        "$ %1",
        "sleep 301",
        "^Z",
        "[1]+  Stopped                 sleep 301",
        "$ wait %1; echo w=$?",
        "bash: warning: wait_for_job: job 1 is stopped",
        "w=148",
        "$ wait; echo w=$?",
        "bash: wait: warning: job 1[1001] stopped",
        "bash: wait: warning: job 2[1003] stopped",
        "w=0",
        "$ disown %2",
        "bash: warning: deleting stopped job 2 with process group 1003",
        "$ jobs",
        "[1]+  Stopped                 sleep 301",
        "$ kill -CONT %1",
        "$ jobs",
        "[1]+  Running                 sleep 301 &",
        "",
      ].join("\n"),
    );
  });

  it("exit with stopped jobs: bash refuses, and an exit right after the refusal or after jobs ends them", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, ["sleep 300 ^Z", "exit", "echo $?", "exit", "jobs", "exit"]);
    expect(screen).toBe(
      [
        "$ sleep 300",
        "^Z",
        "[1]+  Stopped                 sleep 300",
        "$ exit",
        "logout",
        "There are stopped jobs.",
        "$ echo $?",
        "1",
        "$ exit",
        "logout",
        "There are stopped jobs.",
        "$ jobs",
        "[1]+  Stopped                 sleep 300",
        "$ exit",
        "logout",
        "",
      ].join("\n"),
    );
    expect(terminal.closed).toBe(true);
    expect(terminal.runningJobs).toBe(0);
  });

  it("Ctrl-Z at an idle prompt does nothing; suspend refuses to stop a login shell", async () => {
    const { terminal } = await open();
    terminal.suspend();
    const screen = await type(terminal, ["suspend", "echo $?", "suspend -f", "jobs"]);
    expect(screen).toBe(
      [
        "$ suspend",
        "bash: suspend: cannot suspend a login shell",
        "$ echo $?",
        "1",
        "$ suspend -f",
        "kubecoach: suspend: stopping the shell itself is not available in Kubecoach (exit leaves a shell)",
        "$ jobs",
        "",
      ].join("\n"),
    );
  });

  it("a stopped pipeline stops every stage and the shell state goes on in the copy", async () => {
    const { env, terminal } = await open();
    const start = env.clock.now();
    const screen = await type(terminal, ["X=1", "sleep 5 | cat ^Z", "echo $X $?", "sleep 10", "fg"]);
    expect(screen).toBe(["$ X=1", "$ sleep 5 | cat", "^Z", "[1]+  Stopped                 sleep 5 | cat", "$ echo $X $?", "1 148", "$ sleep 10", "$ fg", "sleep 5 | cat", ""].join("\n"));
    expect(env.clock.now() - start).toBe(15_000);
  });

  it("a signal sent to a stopped job waits until it continues (SIGINT), SIGKILL does not", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, ["sleep 301 ^Z", "kill -INT %1", "jobs", "bg", "jobs", "sleep 302 ^Z", "kill -9 %1", "jobs"]);
    expect(screen).toBe(
      [
        "$ sleep 301",
        "^Z",
        "[1]+  Stopped                 sleep 301",
        "$ kill -INT %1",
        "",
        "[1]+  Stopped                 sleep 301",
        "$ jobs",
        "[1]+  Stopped                 sleep 301",
        "$ bg",
        "[1]+ sleep 301 &",
        "$ jobs",
        "[1]+  Interrupt               sleep 301",
        "$ sleep 302",
        "^Z",
        "[1]+  Stopped                 sleep 302",
        "$ kill -9 %1",
        "",
        "[1]+  Stopped                 sleep 302",
        "$ jobs",
        "[1]+  Killed                  sleep 302",
        "",
      ].join("\n"),
    );
  });
});
