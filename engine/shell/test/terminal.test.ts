import { describe, expect, it } from "vitest";
import type { Program } from "../../process/types";
import { runScript } from "../script";
import { createTerminal, TERMINAL_HISTORY_KEY } from "../terminal";
import { collector, freshEnvironment, testPrograms } from "./helpers";

/** A program that prints a line every second until interrupted, like `kubectl get -w`. */
const ticker: Program = async (ctx) => {
  for (let i = 1; !ctx.signal.aborted; i++) {
    ctx.stdout(`tick ${i}\n`);
    await ctx.sleep(1000);
  }
  return 130;
};

describe("Terminal", () => {
  it("starts where the lab starts: root on the control plane, with the Ubuntu prompt", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms() });
    await terminal.ready;
    expect(terminal.prompt).toBe("root@controlplane:~# ");
    await terminal.exec("cd /etc/kubernetes");
    expect(terminal.prompt).toBe("root@controlplane:/etc/kubernetes# ");
  });

  it("gives `ssh host CMD` no terminal unless -t asks for one: ls prints a name a line, as through a real ssh", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms(), columns: 80 });
    const stdoutOf = async (line: string) => {
      const out = collector();
      await terminal.exec(line, out.sink);
      return out.events.filter(([stream]) => stream === "stdout").map(([, data]) => data).join("");
    };
    await stdoutOf("ssh node01 'mkdir -p /tmp/d && touch /tmp/d/alpha /tmp/d/beta /tmp/d/gamma'");
    expect(await stdoutOf("ssh node01 ls /tmp/d")).toBe("alpha\nbeta\ngamma\n");
    expect(await stdoutOf("ssh -t node01 ls /tmp/d")).toBe("alpha  beta  gamma\n");
  });

  it("keeps typing on the continuation prompt until the command is complete", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms() });
    const out = collector();
    expect((await terminal.exec("if true; then", out.sink)).prompt).toBe("> ");
    expect((await terminal.exec("  echo inside", out.sink)).prompt).toBe("> ");
    const done = await terminal.exec("fi", out.sink);
    expect(done.prompt).toBe("root@controlplane:~# ");
    expect(out.text()).toBe("inside\n");
    expect(terminal.history.at(-1)).toBe("if true; then\n  echo inside\nfi");
  });

  it("streams a waiting program's output before it ends and stops it on Ctrl-C", async () => {
    const env = freshEnvironment();
    const terminal = createTerminal(env, { programs: testPrograms({ ticker }) });
    const out = collector();
    const start = env.clock.now();
    const running = terminal.exec("echo before && ticker", (data, stream) => {
      out.sink(data, stream);
      if (data === "tick 3\n") terminal.interrupt();
    });
    const result = await running;
    expect(result.exitCode).toBe(130);
    expect(out.text()).toBe("before\ntick 1\ntick 2\ntick 3\n");
    expect(env.clock.now() - start).toBe(2000);
    const after = collector();
    expect((await terminal.exec("echo still usable", after.sink)).exitCode).toBe(0);
    expect(after.text()).toBe("still usable\n");
  });

  it("does not stream into a pipe: the consumer gets the output", async () => {
    const terminal = createTerminal(freshEnvironment(), { programs: testPrograms() });
    const out = collector();
    await terminal.exec("for i in 1 2 3; do echo line $i; done | grep 2", out.sink);
    // ~/.bashrc's alias grep='grep --color=auto' colours the match on the terminal.
    expect(out.text()).toBe("line \x1b[01;31m\x1b[K2\x1b[m\x1b[K\n");
  });

  it("writes each line to the grading history with host, user and status", async () => {
    const env = freshEnvironment();
    const terminal = createTerminal(env, { programs: testPrograms() });
    await terminal.exec("false");
    await terminal.exec("ssh node01");
    await terminal.exec("touch /tmp/x");
    const history = env.extra[TERMINAL_HISTORY_KEY] as { host: string; user: string; line: string; exitCode: number }[];
    expect(history.map((h) => [h.host, h.user, h.line, h.exitCode])).toEqual([
      ["controlplane", "root", "false", 1],
      ["controlplane", "root", "ssh node01", 0],
      ["node01", "root", "touch /tmp/x", 0],
    ]);
    expect(env.hosts.get("node01")!.fs.existsSync("/tmp/x")).toBe(true);
    expect(env.hosts.get("controlplane")!.fs.existsSync("/tmp/x")).toBe(false);
  });

  it("survives a snapshot: cwd, variables, aliases, functions, history and the ssh stack", async () => {
    const env = freshEnvironment();
    const first = createTerminal(env, { programs: testPrograms() });
    for (const line of ["ssh node01", "cd /var/log", "export COLOR=blue", "alias hi='echo hi'", "twice() { echo $1$1; }", "nums=(1 2 3)"]) await first.exec(line);
    const snapshot = JSON.parse(JSON.stringify(await first.snapshot()));
    const second = createTerminal(env, { programs: testPrograms(), restore: snapshot });
    const out = collector();
    await second.exec('echo "$COLOR ${nums[2]}"; hi; twice ab; pwd; hostname', out.sink);
    expect(out.text()).toBe("blue 3\nhi\nabab\n/var/log\nnode01\n");
    expect(second.prompt).toBe("root@node01:/var/log# ");
    expect(second.history).toContain("cd /var/log");
    await second.exec("exit");
    expect(second.prompt).toBe("root@controlplane:~# ");
  });

  it("keeps traps in a snapshot, and restores an older snapshot that has none", async () => {
    const env = freshEnvironment();
    const first = createTerminal(env, { programs: testPrograms() });
    await first.exec("trap 'echo bye' EXIT; trap '' TERM");
    const snapshot = JSON.parse(JSON.stringify(await first.snapshot()));
    const second = createTerminal(env, { programs: testPrograms(), restore: snapshot });
    const out = collector();
    await second.exec("trap", out.sink);
    expect(out.text()).toBe("trap -- 'echo bye' EXIT\ntrap -- '' SIGTERM\n");
    for (const frame of snapshot.frames) delete frame.state.traps;
    const older = createTerminal(env, { programs: testPrograms(), restore: snapshot });
    const none = collector();
    await older.exec("trap; echo $?", none.sink);
    expect(none.text()).toBe("0\n");
  });

  it("snapshots the functions as they are now: redefined, removed or added since the last snapshot", async () => {
    const env = freshEnvironment();
    const terminal = createTerminal(env, { programs: testPrograms() });
    const functions = async () => {
      const { frames } = await terminal.snapshot();
      return frames[frames.length - 1]!.state.functions;
    };
    await terminal.exec("greet() { echo hello; }; bye() { echo bye; }");
    const first = await functions();
    expect(first).toContain("greet() { echo hello; }");
    expect(first).toContain("bye() { echo bye; }");
    expect(await functions()).toBe(first);
    await terminal.exec("greet() { echo hi there; }");
    expect(await functions()).toContain("greet() { echo hi there; }");
    await terminal.exec("unset -f bye");
    expect(await functions()).not.toContain("bye()");
    await terminal.exec("unset -f greet");
    expect(await functions()).not.toContain("greet()");
  });

  it("opens the editor overlay for vim and writes only what comes back", async () => {
    const env = freshEnvironment();
    const requests: { path: string; content: string; language: string; vimrc?: string }[] = [];
    let reply: string | undefined = "kind: Pod\n";
    const terminal = createTerminal(env, { programs: testPrograms(), onEdit: async (r) => (requests.push(r), reply) });
    await terminal.exec("vim pod.yaml");
    expect(requests[0]).toMatchObject({ path: "/root/pod.yaml", content: "", language: "yaml" });
    expect(requests[0].vimrc).toContain("expandtab");
    expect(env.hosts.get("controlplane")!.fs.readFileSync("/root/pod.yaml")).toBe("kind: Pod\n");
    reply = undefined;
    await terminal.exec("vi pod.yaml");
    expect(requests[1].content).toBe("kind: Pod\n");
    expect(env.hosts.get("controlplane")!.fs.readFileSync("/root/pod.yaml")).toBe("kind: Pod\n");
  });
});

describe("runScript", () => {
  it("runs like bash -s: following lines run on the host ssh opened until exit", async () => {
    const env = freshEnvironment();
    const result = await runScript(env, {
      script: ["echo start on $(hostname)", "ssh node02", "hostname", "echo data > /tmp/marker", "exit", "hostname", "echo oops >&2", "exit 4", "echo never"].join("\n"),
    });
    expect(result).toEqual({ stdout: "start on controlplane\nnode02\ncontrolplane\n", stderr: "Pseudo-terminal will not be allocated because stdin is not a terminal.\r\noops\n", exitCode: 4 });
    expect(env.hosts.get("node02")!.fs.readFileSync("/tmp/marker")).toBe("data\n");
  });

  it("does not expand aliases, as a non-interactive bash", async () => {
    const result = await runScript(freshEnvironment(), { script: "alias hi='echo hi'\nhi" });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toBe("bash: hi: command not found\n");
  });
});
