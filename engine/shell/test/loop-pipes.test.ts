import { describe, expect, it } from "vitest";
import type { Program } from "../../process/types";
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

function tickerTerminal() {
  const env = freshEnvironment();
  const terminal = createTerminal(env, { programs: testPrograms({ ticker }) });
  return { env, terminal };
}

describe("loops inside streamed pipelines answer as their lines arrive", () => {
  it("a while-read loop before another stage passes each line on as it comes; Ctrl-C keeps what was shown", async () => {
    const { env, terminal } = tickerTerminal();
    const out = collector();
    const start = env.clock.now();
    const result = await terminal.exec('ticker -f | while read l; do echo "got $l"; done | grep -v 2', (data, stream) => {
      out.sink(data, stream);
      if (data.includes("tick 4")) terminal.interrupt();
    });
    expect(result.exitCode).toBe(130);
    expect(out.text()).toBe("got tick 1\ngot tick 3\ngot tick 4\n");
    expect(env.clock.now() - start).toBe(3000);
  });

  it("head -n 2 after a while-read stage ends it and the producer (SIGPIPE)", async () => {
    const { env, terminal } = tickerTerminal();
    const out = collector();
    const start = env.clock.now();
    const result = await terminal.exec('ticker -f | while read l; do echo "got $l"; done | head -n 2; echo "${PIPESTATUS[*]}"', out.sink);
    expect(result.exitCode).toBe(0);
    expect(out.text()).toBe("got tick 1\ngot tick 2\n141 141 0\n");
    expect(env.clock.now() - start).toBeLessThanOrEqual(3000);
  });

  it("a loop that sleeps, first in a pipeline, streams each turn's output through the stages", async () => {
    const { env, terminal } = tickerTerminal();
    const out = collector();
    const start = env.clock.now();
    const result = await terminal.exec('n=0; while true; do n=$((n+1)); echo "turn $n"; sleep 1; done | grep -v 2', (data, stream) => {
      out.sink(data, stream);
      if (data.includes("turn 3")) terminal.interrupt();
    });
    expect(result.exitCode).toBe(130);
    expect(out.text()).toBe("turn 1\nturn 3\n");
    expect(env.clock.now() - start).toBe(2000);
  });

  it("such a loop sees the variables where it stands, and head ends it", async () => {
    const { terminal } = tickerTerminal();
    const out = collector();
    await terminal.exec('for w in a b; do for i in 1 2 3; do echo "$w$i"; sleep 1; done | head -n 2; done; echo "${PIPESTATUS[*]}"', out.sink);
    expect(out.text()).toBe("a1\na2\nb1\nb2\n141 0\n");
  });

  it("a loop that ends gives the stages end of input", async () => {
    const { terminal } = tickerTerminal();
    const out = collector();
    await terminal.exec("for i in 3 1 2; do echo $i; sleep 1; done | sort | tr '\\n' ' '; echo", out.sink);
    expect(out.text()).toBe("1 2 3 \n");
    await terminal.exec('ticker -f | while read w n; do echo "$n"; [ "$n" = 3 ] && break; done | sort -r; echo "${PIPESTATUS[*]}"', out.sink);
    expect(out.text()).toBe("1 2 3 \n3\n2\n1\n141 0 0\n");
  });

  it("a streamed pipeline inside such a loop streams too and ends on its own", async () => {
    const { terminal } = tickerTerminal();
    const out = collector();
    await terminal.exec("for n in 1 2; do ticker -f | head -1; sleep 1; done | cat -n", out.sink);
    expect(out.text()).toBe("     1\ttick 1\n     2\ttick 1\n");
  });

  it("a loop reading typed lines, first in a pipeline, answers each line before the next is typed", async () => {
    const { terminal } = tickerTerminal();
    const out = collector();
    const typed = ["web 1\n", "db 2\n", "web 3\n", ""];
    terminal.onRead = () => {
      out.sink(`<typed ${JSON.stringify(typed[0])}>`, "stdout");
      terminal.input(typed.shift()!);
    };
    await terminal.exec('while read name n; do echo "$n $name"; done | grep web', out.sink);
    // ~/.bashrc's alias grep='grep --color=auto' colours the match on the terminal.
    const web = "\x1b[01;31m\x1b[Kweb\x1b[m\x1b[K";
    expect(out.text()).toBe(`<typed "web 1\\n">1 ${web}\n<typed "db 2\\n"><typed "web 3\\n">3 ${web}\n<typed "">`);
  });

  it("declare -f prints such a pipeline as it was typed", async () => {
    const { terminal } = tickerTerminal();
    const out = collector();
    await terminal.exec("w() { while true; do date; sleep 5; done | grep -v x; }; declare -f w", out.sink);
    expect(out.text()).toBe("w () \n{ \n    while true; do\n        date;\n        sleep 5;\n    done | grep -v x\n}\n");
  });
});
