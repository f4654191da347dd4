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
    const watching = terminal.exec("kubectl get pods -w | grep -E 'NAME|web'", (data, stream) => {
      out.sink(data, stream);
      // The watch has listed what there is: a pod created now reaches it as events.
      if (data.startsWith("NAME")) created = runScript(env, { script: "kubectl run web --image=nginx" });
      if (/^web .*ContainerCreating/m.test(data)) terminal.interrupt();
    });
    expect((await watching).exitCode).toBe(130);
    expect((await created!).stdout).toBe("pod/web created\n");
    expect(out.text()).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb +0\/1 +Pending +0 +0s\n/);
    expect(out.text()).not.toMatch(/^db /m);
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
});
