import { describe, expect, it } from "vitest";
import type { Program } from "../../process/types";
import { runScript } from "../script";
import { createTerminal } from "../terminal";
import { collector, freshEnvironment, testPrograms } from "./helpers";

/** Prints a line a second until stopped, like `kubectl get pods -w` or `tail -f`. */
const ticker: Program = async (ctx) => {
  for (let i = 1; !ctx.signal.aborted; i++) {
    ctx.stdout(`tick ${i}\n`);
    await ctx.sleep(1000);
  }
  return 130;
};

function tickerTerminal(sleep?: (ms: number, signal: AbortSignal) => Promise<void>) {
  const env = freshEnvironment();
  const terminal = createTerminal(env, { programs: testPrograms({ ticker }), ...(sleep ? { sleep } : {}) });
  return { env, terminal };
}

describe("a pipeline after a program that keeps running answers as its lines arrive", () => {
  it("shows each filtered line before the producer's next wait, and Ctrl-C keeps what was shown (130)", async () => {
    const { env, terminal } = tickerTerminal();
    const out = collector();
    const start = env.clock.now();
    const result = await terminal.exec("ticker -f | grep -v 2 | sed 's/tick/tock/'", (data, stream) => {
      out.sink(data, stream);
      if (data.includes("tock 4")) terminal.interrupt();
    });
    expect(result.exitCode).toBe(130);
    expect(out.text()).toBe("tock 1\ntock 3\ntock 4\n");
    // The clock moved as for the producer alone: it printed tick 4 three seconds in.
    expect(env.clock.now() - start).toBe(3000);
    expect((await terminal.exec("echo $?", out.sink)).exitCode).toBe(0);
    expect(out.text().endsWith("130\n")).toBe(true);
  });

  it("head -n 3 ends the pipeline: the producer dies of SIGPIPE at its next write", async () => {
    const { env, terminal } = tickerTerminal();
    const out = collector();
    const start = env.clock.now();
    const result = await terminal.exec("ticker -f | head -n 3", out.sink);
    expect(result.exitCode).toBe(0);
    expect(out.text()).toBe("tick 1\ntick 2\ntick 3\n");
    expect(env.clock.now() - start).toBe(3000);
    await terminal.exec("echo ${PIPESTATUS[@]}", out.sink);
    expect(out.text().endsWith("141 0\n")).toBe(true);
  });

  it("lines written after head (or grep -m) had enough kill the writer with SIGPIPE even when it writes nothing more", async () => {
    // A quiet watch: the list at once, then no event for hours (`kubectl get pods -A -w | head -3`).
    const burst: Program = async (ctx) => {
      for (let i = 1; i <= 5; i++) ctx.stdout(`line ${i}\n`);
      await ctx.sleep(Infinity, ctx.signal);
      return 130;
    };
    for (const [line, shown] of [
      ["burst -w | head -3", "line 1\nline 2\nline 3\n"],
      ["burst -w | grep -m2 line", "line 1\nline 2\n"],
    ]) {
      const env = freshEnvironment();
      const terminal = createTerminal(env, { programs: testPrograms({ burst }) });
      const out = collector();
      const start = env.clock.now();
      expect((await terminal.exec(line, out.sink)).exitCode).toBe(0);
      expect(out.text()).toBe(shown);
      expect(env.clock.now() - start).toBeLessThan(60_000);
      await terminal.exec('echo "${PIPESTATUS[*]}"', out.sink);
      expect(out.text().endsWith("141 0\n")).toBe(true);
    }
  });

  it("the commands in a streamed while-read loop's body read its stdin too, as in bash (head -1, head -c, cat)", async () => {
    // Six lines a second apart, then the end; each case checked against bash 5.2 with a producer
    // that sleeps between its lines.
    const count: Program = async (ctx) => {
      for (let i = 1; i <= 6; i++) {
        ctx.stdout(`line ${i}\n`);
        await ctx.sleep(1000);
      }
      return 0;
    };
    for (const [line, shown] of [
      ['count -f | while read l; do echo "got $l"; head -1; done', "got line 1\nline 2\ngot line 3\nline 4\ngot line 5\nline 6\n"],
      ['count -f | while read l; do echo "got $l"; cat; done', "got line 1\nline 2\nline 3\nline 4\nline 5\nline 6\n"],
      ['count -f | head -4 | while read l; do echo "got $l"; head -c 3; echo; done', "got line 1\nlin\ngot e 2\nlin\ngot e 3\nlin\ngot e 4\n\n"],
    ]) {
      const terminal = createTerminal(freshEnvironment(), { programs: testPrograms({ count }) });
      const out = collector();
      expect((await terminal.exec(line, out.sink)).exitCode).toBe(0);
      expect(out.text()).toBe(shown);
    }
  });

  it("yes | head -3 ends as with real pipes: yes dies of SIGPIPE (141); its options as GNU yes reads them", async () => {
    const terminal = createTerminal(freshEnvironment());
    const out = collector();
    for (const line of ['yes | head -3; echo "${PIPESTATUS[*]}"', 'yes a b | grep -m1 a; echo "${PIPESTATUS[*]}"', 'yes -n | head -1; echo "${PIPESTATUS[*]}"']) await terminal.exec(line, out.sink);
    expect(out.text()).toBe("y\ny\ny\n141 0\na b\n141 0\nyes: invalid option -- 'n'\nTry 'yes --help' for more information.\n1 0\n");
  });

  it("a stage after head gets end of input when head ends; one before it dies when it writes again", async () => {
    const { terminal } = tickerTerminal();
    const out = collector();
    const result = await terminal.exec("ticker -f | grep tick | head -2 | sort -r", out.sink);
    expect(result.exitCode).toBe(0);
    expect(out.text()).toBe("tick 2\ntick 1\n");
    await terminal.exec('echo "${PIPESTATUS[*]}"', out.sink);
    expect(out.text().endsWith("141 141 0 0\n")).toBe(true);
  });

  it("stages that need all their input print only at its end: nothing on Ctrl-C", async () => {
    let sleeps = 0;
    const { terminal } = tickerTerminal(async () => {
      if (++sleeps === 3) terminal.interrupt();
    });
    const out = collector();
    const result = await terminal.exec("ticker -f | grep tick | sort | uniq -c", out.sink);
    expect(result.exitCode).toBe(130);
    expect(out.text()).toBe("");
  });

  it("a stage with state between lines sees the whole output once (wc -l, awk END, grep -c)", async () => {
    for (const [line, expected] of [
      ["ticker -f | head -5 | wc -l", "5\n"],
      ["ticker -f | head -4 | awk '{ s += $2 } END { print s }'", "10\n"],
      ["ticker -f | head -3 | grep -c tick", "3\n"],
      ["ticker -f | head -3 | awk '{ print $2 * 10 }'", "10\n20\n30\n"],
    ]) {
      const { terminal } = tickerTerminal();
      const out = collector();
      expect((await terminal.exec(line, out.sink)).exitCode, line).toBe(0);
      expect(out.text(), line).toBe(expected);
    }
  });

  it("grep's status is the one for the whole input; pipefail takes the last failure", async () => {
    const { terminal } = tickerTerminal();
    const out = collector();
    expect((await terminal.exec("ticker -f | head -3 | grep nothing", out.sink)).exitCode).toBe(1);
    expect((await terminal.exec("ticker -f | grep 'tick [13]' | head -2", out.sink)).exitCode).toBe(0);
    expect(out.text()).toBe("tick 1\ntick 3\n");
    expect((await terminal.exec("set -o pipefail; ticker -f | head -1", out.sink)).exitCode).toBe(141);
  });

  it("tee writes every line once, and a file redirection is not truncated by later lines", async () => {
    const { env, terminal } = tickerTerminal();
    const out = collector();
    await terminal.exec("ticker -f | head -3 | tee /tmp/ticks | grep -v 2 > /tmp/odd", out.sink);
    expect(out.text()).toBe("");
    const fs = env.hosts.get("controlplane")!.fs;
    expect(fs.readFileSync("/tmp/ticks")).toBe("tick 1\ntick 2\ntick 3\n");
    expect(fs.readFileSync("/tmp/odd")).toBe("tick 1\ntick 3\n");
  });

  it("a stage that cannot run says so once", async () => {
    const { terminal } = tickerTerminal();
    const out = collector();
    const result = await terminal.exec("ticker -f | grep -E '(' | head -1", out.sink);
    expect(out.text()).toMatch(/^grep: [^\n]*\n$/);
    expect(result.exitCode).toBe(0);
  });

  it("kubectl get pods -w | grep web shows a pod as the watch reports it", async () => {
    const env = freshEnvironment();
    expect((await runScript(env, { script: "kubectl run db --image=nginx" })).exitCode).toBe(0);
    const terminal = createTerminal(env);
    await terminal.ready;
    const out = collector();
    let created: ReturnType<typeof runScript> | undefined;
    // ~/.bashrc's `alias grep='grep --color=auto'` colours the matches on the terminal.
    const plain = (text: string) => text.replace(/\x1b\[[0-9;]*[mK]/g, "");
    const watching = terminal.exec("kubectl get pods -w | grep -E 'NAME|web'", (data, stream) => {
      out.sink(data, stream);
      // The watch has listed what there is: a pod created now reaches it as events.
      if (plain(data).startsWith("NAME")) created = runScript(env, { script: "kubectl run web --image=nginx" });
      if (/^web .*ContainerCreating/m.test(plain(data))) terminal.interrupt();
    });
    expect((await watching).exitCode).toBe(130);
    expect((await created!).stdout).toBe("pod/web created\n");
    expect(out.text()).toContain("\x1b[01;31m\x1b[KNAME\x1b[m\x1b[K");
    expect(plain(out.text())).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb +0\/1 +Pending +0 +0s\n/);
    expect(plain(out.text())).not.toMatch(/^db /m);
  }, 60_000);

  it("kubectl get pods -w alone shows each event as it comes, before Ctrl-C", async () => {
    const env = freshEnvironment();
    expect((await runScript(env, { script: "kubectl run db --image=nginx" })).exitCode).toBe(0);
    const terminal = createTerminal(env);
    await terminal.ready;
    const out = collector();
    let created: ReturnType<typeof runScript> | undefined;
    const watching = terminal.exec("kubectl get pods -w", (data, stream) => {
      out.sink(data, stream);
      if (data.startsWith("NAME")) created = runScript(env, { script: "kubectl run web --image=nginx" });
      if (/^web .*ContainerCreating/m.test(data)) terminal.interrupt();
    });
    expect((await watching).exitCode).toBe(130);
    await created;
    expect(out.text()).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\ndb +0\/1 +\S+ +0 +0s\n(?:.*\n)*web +0\/1 +Pending +0 +0s\n/);
  }, 60_000);
  it("a while-read loop after the producer answers each line as it comes, keeps its variables, and a break ends the pipeline", async () => {
    const { env, terminal } = tickerTerminal();
    const out = collector();
    const start = env.clock.now();
    const result = await terminal.exec('ticker -f | while read l; do echo "got $l"; done', (data, stream) => {
      out.sink(data, stream);
      if (data.includes("tick 3")) terminal.interrupt();
    });
    expect(result.exitCode).toBe(130);
    expect(out.text()).toBe("got tick 1\ngot tick 2\ngot tick 3\n");
    // Ctrl-C came two seconds in: the loop did not wait for the producer to end.
    expect(env.clock.now() - start).toBe(2000);

    const counted = collector();
    const second = tickerTerminal();
    const begin = second.env.clock.now();
    await second.terminal.exec('ticker -f | while read word n; do total=$((total + n)); echo "$n $total"; [ "$n" = 3 ] && break; done; echo "${PIPESTATUS[*]}"', counted.sink);
    expect(counted.text()).toBe("1 1\n2 3\n3 6\n141 0\n");
    // The producer died of SIGPIPE at its next write after the loop ended (tick 4, three seconds in).
    expect(second.env.clock.now() - begin).toBe(3000);
  });

  it("a pipeline inside a function or a loop streams too, and Ctrl-C stops it", async () => {
    for (const line of ["watchit() { ticker -f | grep -v 2; }; watchit", "for i in 1; do ticker -f | grep -v 2; done"]) {
      const { env, terminal } = tickerTerminal();
      const out = collector();
      const start = env.clock.now();
      const result = await terminal.exec(line, (data, stream) => {
        out.sink(data, stream);
        if (data.includes("tick 4")) terminal.interrupt();
      });
      expect(result.exitCode, line).toBe(130);
      expect(out.text(), line).toBe("tick 1\ntick 3\ntick 4\n");
      expect(env.clock.now() - start, line).toBe(3000);
    }
    const { terminal } = tickerTerminal();
    const out = collector();
    await terminal.exec("for n in 1 2; do ticker -f | head -1; done", out.sink);
    expect(out.text()).toBe("tick 1\ntick 1\n");
  });

  it("grep -m N and grep -q end the pipeline once satisfied: the producer dies of SIGPIPE at its next write", async () => {
    const { env, terminal } = tickerTerminal();
    const out = collector();
    let start = env.clock.now();
    expect((await terminal.exec("ticker -f | grep -m2 -v 'tick 1$'", out.sink)).exitCode).toBe(0);
    expect(out.text()).toBe("tick 2\ntick 3\n");
    expect(env.clock.now() - start).toBe(3000);
    await terminal.exec('echo "${PIPESTATUS[*]}"', out.sink);
    expect(out.text().endsWith("141 0\n")).toBe(true);
    start = env.clock.now();
    expect((await terminal.exec("ticker -f | grep -q 'tick 2'", out.sink)).exitCode).toBe(0);
    expect(env.clock.now() - start).toBe(2000);
    expect(out.text().endsWith("141 0\n")).toBe(true);
  });

  it("a streamed pipeline whose output is captured or redirected gives it there", async () => {
    const { env, terminal } = tickerTerminal();
    const out = collector();
    await terminal.exec('x=$(ticker -f | grep -m1 "tick 4"); echo "x=$x"', out.sink);
    await terminal.exec("two() { ticker -f | head -2; }; two > /tmp/two; declare -f two", out.sink);
    expect(out.text()).toBe("x=tick 4\ntwo () \n{ \n    ticker -f | head -2\n}\n");
    expect(env.hosts.get("controlplane")!.fs.readFileSync("/tmp/two")).toBe("tick 1\ntick 2\n");
  });

  it("kubectl get pods -w | grep -m1 web shows the first web line and returns when the watch writes again", async () => {
    const env = freshEnvironment();
    expect((await runScript(env, { script: "kubectl run db --image=nginx; kubectl run web --image=nginx" })).exitCode).toBe(0);
    const terminal = createTerminal(env);
    await terminal.ready;
    const out = collector();
    let shown!: () => void;
    const matched = new Promise<void>((resolve) => (shown = resolve));
    const watching = terminal.exec("kubectl get pods -w | grep -m1 web", (data, stream) => {
      out.sink(data, stream);
      shown();
    });
    await matched;
    expect(out.text()).toMatch(/^web +0\/1 +\S+ +0 +0s\n$/);
    // grep has its line and exited, but kubectl learns it only when it writes the next event: time
    // passes elsewhere (another terminal's sleep) until the pod runs and the watch reports it.
    await runScript(env, { script: "sleep 30" });
    expect((await watching).exitCode).toBe(0);
    await terminal.exec('echo "${PIPESTATUS[*]}"', out.sink);
    expect(out.text()).toMatch(/\n141 0\n$/);
  }, 60_000);
});
