import { describe, expect, it } from "vitest";
import type { Program } from "../../process/types";
import { runScript } from "../script";
import { createTerminal, type Terminal, type TerminalOptions } from "../terminal";
import { bareEnvironment, testPrograms } from "./helpers";

/** A program that prints a line every second until stopped, like `kubectl get -w`. */
const ticker: Program = async (ctx) => {
  for (let i = 1; !ctx.signal.aborted; i++) {
    ctx.stdout(`tick ${i}\n`);
    await ctx.sleep(1000);
  }
  return 130;
};

async function open(options: TerminalOptions = {}) {
  const env = bareEnvironment();
  const terminal = createTerminal(env, { programs: testPrograms({ ticker }), ...options });
  await terminal.ready;
  return { env, terminal };
}

/** Types each line at the prompt; the screen as the learner sees it (`$ ` for the prompt). */
async function type(terminal: Terminal, lines: string[]): Promise<string> {
  let screen = "";
  for (const line of lines) {
    screen += `$ ${line}\n`;
    await terminal.exec(line, (data) => (screen += data));
  }
  return screen;
}

// Expected screens were checked against bash 5.2 (`script -qc "bash -i"`) with the pids replaced.
describe("background jobs in an interactive terminal", () => {
  it("runs `cmd &` concurrently: [N] PID, $!, and the clock does not jump to the end of the job", async () => {
    const { env, terminal } = await open();
    const start = env.clock.now();
    const screen = await type(terminal, ["sleep 30 & echo after", "echo $!", "sleep 40 &", "jobs", "jobs -l", "jobs -p"]);
    expect(env.clock.now() - start).toBe(0);
    expect(screen).toBe(
      [
        "$ sleep 30 & echo after",
        "[1] 1001",
        "after",
        "$ echo $!",
        "1001",
        "$ sleep 40 &",
        "[2] 1003",
        "$ jobs",
        "[1]-  Running                 sleep 30 &",
        "[2]+  Running                 sleep 40 &",
        "$ jobs -l",
        "[1]-  1001 Running                 sleep 30 &",
        "[2]+  1003 Running                 sleep 40 &",
        "$ jobs -p",
        "1001",
        "1003",
        "",
      ].join("\n"),
    );
  });

  it("reports a job's end before the next prompt, with bash's layout for Done, Exit N and signals", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, ["(exit 2) &", "sleep 1", "{ sleep 2; echo hi; } &", "sleep 3", "true && sleep 1 &", "sleep 5", "sleep 30 &", "sleep 40 &", "kill %1", "kill -9 %2", "sleep 50 &", "kill -INT %%"]);
    expect(screen).toBe(
      [
        "$ (exit 2) &",
        "[1] 1001",
        "$ sleep 1",
        "[1]+  Exit 2                  ( exit 2 )",
        "$ { sleep 2; echo hi; } &",
        "[1] 1003",
        "$ sleep 3",
        "hi",
        "[1]+  Done                    { sleep 2; echo hi; }",
        "$ true && sleep 1 &",
        "[1] 1005",
        "$ sleep 5",
        "[1]+  Done                    true && sleep 1",
        "$ sleep 30 &",
        "[1] 1007",
        "$ sleep 40 &",
        "[2] 1009",
        "$ kill %1",
        "[1]-  Terminated              sleep 30",
        "$ kill -9 %2",
        "[2]+  Killed                  sleep 40",
        "$ sleep 50 &",
        "[1] 1011",
        "$ kill -INT %%",
        "[1]+  Interrupt               sleep 50",
        "",
      ].join("\n"),
    );
  });

  it("gives kill's, jobs' and the other builtins' errors and statuses as bash does", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, [
      "kill %3; echo $?",
      "kill 99999; echo $?",
      "kill abc",
      "kill -s FOO %1",
      "kill -FOO %1",
      "kill; echo $?",
      "kill -l 15 143 KILL",
      "kill -l | head -1",
      "wait 99999; echo $?",
      "wait %9; echo $?",
      "jobs %9; echo $?",
      "fg; echo $?",
      "bg %1; echo $?",
      "disown %9",
      "sleep 7 &",
      "sleep 8 &",
      "jobs %sl",
      "jobs %?8",
      "bg",
      "kill %1 99999; echo $?",
    ]);
    expect(screen).toBe(
      [
        "$ kill %3; echo $?",
        "bash: kill: %3: no such job",
        "1",
        "$ kill 99999; echo $?",
        "bash: kill: (99999) - No such process",
        "1",
        "$ kill abc",
        "bash: kill: abc: arguments must be process or job IDs",
        "$ kill -s FOO %1",
        "bash: kill: FOO: invalid signal specification",
        "$ kill -FOO %1",
        "bash: kill: FOO: invalid signal specification",
        "$ kill; echo $?",
        "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]",
        "2",
        "$ kill -l 15 143 KILL",
        "TERM",
        "TERM",
        "9",
        "$ kill -l | head -1",
        " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP",
        "$ wait 99999; echo $?",
        "bash: wait: pid 99999 is not a child of this shell",
        "127",
        "$ wait %9; echo $?",
        "bash: wait: %9: no such job",
        "127",
        "$ jobs %9; echo $?",
        "bash: jobs: %9: no such job",
        "1",
        "$ fg; echo $?",
        "bash: fg: current: no such job",
        "1",
        "$ bg %1; echo $?",
        "bash: bg: %1: no such job",
        "1",
        "$ disown %9",
        "bash: disown: %9: no such job",
        "$ sleep 7 &",
        "[1] 1001",
        "$ sleep 8 &",
        "[2] 1003",
        "$ jobs %sl",
        "bash: jobs: sl: ambiguous job spec",
        "bash: jobs: %sl: no such job",
        "$ jobs %?8",
        "[2]+  Running                 sleep 8 &",
        "$ bg",
        "bash: bg: job 2 already in background",
        "$ kill %1 99999; echo $?",
        "bash: kill: (99999) - No such process",
        "0",
        "[1]-  Terminated              sleep 7",
        "",
      ].join("\n"),
    );
  });

  it("wait waits for the jobs (moving the virtual clock) and returns their status", async () => {
    const { env, terminal } = await open();
    const start = env.clock.now();
    const screen = await type(terminal, ["(sleep 5; echo five) &", "(sleep 2; exit 3) &", "wait $!; echo $?", "wait; echo $?", "wait -n; echo $?"]);
    expect(env.clock.now() - start).toBe(5000);
    expect(screen).toBe(
      [
        "$ (sleep 5; echo five) &",
        "[1] 1001",
        "$ (sleep 2; exit 3) &",
        "[2] 1003",
        "$ wait $!; echo $?",
        "3",
        "[2]+  Exit 3                  ( sleep 2; exit 3 )",
        "$ wait; echo $?",
        "five",
        "0",
        "[1]+  Done                    ( sleep 5; echo five )",
        "$ wait -n; echo $?",
        "127",
        "",
      ].join("\n"),
    );
  });

  it("interleaves a job's output with the foreground's by virtual time", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, ["(sleep 1; echo one; sleep 2; echo three) & sleep 2; echo two; sleep 2; echo four"]);
    expect(screen).toBe("$ (sleep 1; echo one; sleep 2; echo three) & sleep 2; echo two; sleep 2; echo four\n[1] 1001\none\ntwo\nthree\nfour\n");
  });

  it("runs the job in a copy of the shell: it sees variables, functions and aliases, and its changes stay in it", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, ["X=outer; greet() { echo hello $1; }; alias hi='echo alias-hi'", "cd /tmp", "{ greet $X; hi; pwd; X=changed; cd /; } &", "sleep 1", "echo $X; pwd"]);
    expect(screen).toContain("hello outer\nalias-hi\n/tmp\n");
    expect(screen.endsWith("$ echo $X; pwd\nouter\n/tmp\n")).toBe(true);
  });

  it("fg prints the job's command and waits for it; Ctrl-C stops it without a notice", async () => {
    const { terminal } = await open();
    const first = await type(terminal, ["(sleep 3; echo out) &", "fg %1; echo $?"]);
    expect(first).toBe("$ (sleep 3; echo out) &\n[1] 1001\n$ fg %1; echo $?\n( sleep 3; echo out )\nout\n0\n");
    expect(await type(terminal, ["ticker &"])).toBe("$ ticker &\n[1] 1003\ntick 1\n");
    let screen = "";
    const running = terminal.exec("fg", (data) => {
      screen += data;
      if (data === "tick 3\n") terminal.interrupt();
    });
    expect((await running).exitCode).toBe(130);
    expect(screen).toBe("ticker\ntick 2\ntick 3\n");
    // The job is gone, without a notice, and writes nothing more.
    expect(await type(terminal, ["jobs", "sleep 5; echo done"])).toBe("$ jobs\n$ sleep 5; echo done\ndone\n");
  });

  it("Ctrl-C on a foreground command does not stop background jobs", async () => {
    const { env, terminal } = await open();
    await type(terminal, ["sleep 100 &"]);
    const start = env.clock.now();
    const running = terminal.exec("sleep 50", () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    terminal.interrupt();
    expect((await running).exitCode).toBe(130);
    expect(await type(terminal, ["jobs"])).toBe("$ jobs\n[1]+  Running                 sleep 100 &\n");
    expect(env.clock.now() - start).toBeLessThan(100_000);
  });

  it("shows a job's output while the terminal sits at its prompt through onBackgroundOutput", async () => {
    // Wall-clock sleeps (as in the app), released by hand.
    const wakes: (() => void)[] = [];
    const sleep = (_ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        wakes.push(resolve);
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    const { terminal } = await open({ sleep });
    const outside: string[] = [];
    terminal.onBackgroundOutput = (data) => outside.push(data);
    expect(await type(terminal, ["ticker &"])).toBe("$ ticker &\n[1] 1001\ntick 1\n");
    const pass = async () => {
      wakes.splice(0).forEach((wake) => wake());
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    await pass();
    await pass();
    expect(outside).toEqual(["tick 2\n", "tick 3\n"]);
    expect(await type(terminal, ["kill %1"])).toBe("$ kill %1\n[1]+  Terminated              ticker\n");
    await pass();
    expect(outside).toEqual(["tick 2\n", "tick 3\n"]);
    expect(terminal.runningJobs).toBe(0);
  });

  it("disown takes a job out of the table; exit ends the jobs that are left", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, ["sleep 7 &", "sleep 8 &", "disown", "jobs", "disown -a", "jobs"]);
    expect(screen).toBe("$ sleep 7 &\n[1] 1001\n$ sleep 8 &\n[2] 1003\n$ disown\n$ jobs\n[1]+  Running                 sleep 7 &\n$ disown -a\n$ jobs\n");
    expect(terminal.runningJobs).toBe(2);
    const exit = await type(terminal, ["exit"]);
    expect(exit).toBe("$ exit\nlogout\n");
    expect(terminal.runningJobs).toBe(0);
  });

  it("refuses more jobs than the limit with bash's fork message, and forgets ended jobs", async () => {
    const { terminal } = await open({ limits: { jobs: 2 } });
    const screen = await type(terminal, ["sleep 10 &", "sleep 10 &", "sleep 10 &", "echo $?"]);
    expect(screen).toContain("$ sleep 10 &\nbash: fork: retry: Resource temporarily unavailable\nkubecoach: at most 2 background jobs run at once in one terminal");
    await type(terminal, ["kill %1 %2", "true"]);
    expect(await type(terminal, ["sleep 1 &"])).toBe("$ sleep 1 &\n[1] 1005\n");
  });

  it("starts with an empty job table after a save and restore (the jobs' processes are gone)", async () => {
    const { env, terminal } = await open();
    await type(terminal, ["sleep 100 &", "X=kept"]);
    const restored = createTerminal(env, { programs: testPrograms(), restore: await terminal.snapshot() });
    expect(await type(restored, ["jobs", "echo $X"])).toBe("$ jobs\n$ echo $X\nkept\n");
  });
});

describe("background jobs in scripts", () => {
  it("run concurrently, print no job numbers, and wait waits for them", async () => {
    const env = bareEnvironment();
    const start = env.clock.now();
    const result = await runScript(env, { script: "sleep 30 &\necho started\n(sleep 2; echo job) &\nwait $!\necho waited $?\njobs\n" });
    expect(result).toEqual({ stdout: "started\njob\nwaited 0\n[1]+  Running                 sleep 30 &\n", stderr: "", exitCode: 0 });
    // The background `sleep 30` did not make the script's foreground jump 30 s, and it ended with the script.
    expect(env.clock.now() - start).toBe(2000);
  });

  it("stop their jobs when the script ends: a job does not outlive the run", async () => {
    const env = bareEnvironment();
    // Sleeps that pass at once: a job left running would touch the file right after the script.
    const sleep = () => new Promise<void>((resolve) => setImmediate(resolve));
    const result = await runScript(env, { script: "(sleep 5; touch /tmp/late) &\necho done\n", sleep });
    expect(result.stdout).toBe("done\n");
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    const after = await runScript(env, { script: "test -e /tmp/late; echo $?" });
    expect(after.stdout).toBe("1\n");
  });
});

describe("commands that open a shell, in a job", () => {
  it("ssh host CMD & waits on the foreground's clock like any job", async () => {
    const { env, terminal } = await open();
    const start = env.clock.now();
    const screen = await type(terminal, ["ssh node01 'sleep 20; hostname' &", "echo now", "wait"]);
    expect(screen).toBe("$ ssh node01 'sleep 20; hostname' &\n[1] 1001\n$ echo now\nnow\n$ wait\nnode01\n[1]+  Done                    ssh node01 'sleep 20; hostname'\n");
    expect(env.clock.now() - start).toBe(20_000);
  });
});

describe("how jobs names a job", () => {
  it("prints loops and if over several lines, as bash does", async () => {
    const { terminal } = await open();
    const screen = await type(terminal, ["for i in 1 2; do sleep 1; done &", "while true; do sleep 1; done > /dev/null &", "if true; then sleep 1; fi &", "jobs"]);
    expect(screen.slice(screen.indexOf("$ jobs\n"))).toBe(
      [
        "$ jobs",
        "[1]   Running                 for i in 1 2;",
        "do",
        "    sleep 1;",
        "done &",
        "[2]-  Running                 while true; do",
        "    sleep 1;",
        "done > /dev/null &",
        "[3]+  Running                 if true; then",
        "    sleep 1;",
        "fi &",
        "",
      ].join("\n"),
    );
  });
});

describe("ended jobs in a script", () => {
  it("stay in the table until jobs reports them, as in bash -s", async () => {
    const result = await runScript(bareEnvironment(), { script: "sleep 1 &\nsleep 3\necho x\njobs\njobs\n" });
    expect(result.stdout).toBe("x\n[1]+  Done                    sleep 1\n");
  });
});

describe("limits of a job", () => {
  it("stops a job that computes past the CPU limit, says so, and leaves the terminal usable", async () => {
    const { terminal } = await open({ limits: { cpuMs: 300 } });
    let screen = await type(terminal, ["while true; do echo yes; done > /dev/null &"]);
    for (let i = 0; i < 20 && !screen.includes("Killed"); i++) screen += await type(terminal, ["sleep 1"]);
    expect(screen).toContain("kubecoach: job 1 stopped (CPU limit: more than 0.3 s of computing)\n");
    expect(screen).toContain("[1]+  Killed                  while true; do\n    echo yes;\ndone > /dev/null\n");
    expect(await type(terminal, ["echo still usable"])).toBe("$ echo still usable\nstill usable\n");
  });
});
