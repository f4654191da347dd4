import { describe, expect, it } from "vitest";
import { createTerminal } from "../terminal";
import { bareEnvironment, collector, testPrograms } from "./helpers";

function terminal() {
  const env = bareEnvironment();
  return { env, term: createTerminal(env, { programs: testPrograms() }) };
}

describe("typed input for programs reading the terminal", () => {
  it("asks the edge for input only while a reader waits, one line at a time", async () => {
    const { term } = terminal();
    const lines = ["a\n", "b\n", ""];
    let asked = 0;
    term.onRead = () => {
      asked++;
      expect(term.reading).toBe(true);
      term.input(lines.shift()!);
    };
    const out = collector();
    await term.exec("echo start; wc -l; echo end", out.sink);
    expect(out.text()).toBe("start\n2\nend\n");
    expect(asked).toBe(3);
    expect(term.reading).toBe(false);
    await term.exec("ls / > /dev/null; cat /etc/hostname", out.sink);
    expect(asked).toBe(3);
  });

  it("shows what cat reads as each line arrives, before the line after it is typed", async () => {
    const { term } = terminal();
    const out = collector();
    const typed = ["one\n", "two\n", ""];
    term.onRead = () => {
      out.sink(`<typed ${JSON.stringify(typed[0])}>`, "stdout");
      term.input(typed.shift()!);
    };
    await term.exec("cat", out.sink);
    expect(out.text()).toBe('<typed "one\\n">one\n<typed "two\\n">two\n<typed "">');
  });

  it("keeps the lines typed before Ctrl-C in cat's file and abandons the rest of the line", async () => {
    const { env, term } = terminal();
    const typed = ["kept\n"];
    term.onRead = () => (typed.length ? term.input(typed.shift()!) : term.interrupt());
    const out = collector();
    const result = await term.exec("cat > /tmp/f; echo after", out.sink);
    expect(result.exitCode).toBe(130);
    expect(out.text()).toBe("");
    expect(env.hosts.get("controlplane")!.fs.readFileSync("/tmp/f")).toBe("kept\n");
    expect((await term.exec("echo usable", out.sink)).exitCode).toBe(0);
  });

  it("gives read one line and leaves stdin that is not the terminal alone", async () => {
    const { term } = terminal();
    let asked = 0;
    term.onRead = () => {
      asked++;
      term.input("typed value\n");
    };
    const out = collector();
    await term.exec("read first rest", out.sink);
    await term.exec('echo "$first|$rest"', out.sink);
    await term.exec("printf 'x\\ny\\n' > /tmp/in; f() { read v; echo \"f:$v\"; }; f < /tmp/in; echo piped | { read p; echo \"p:$p\"; }", out.sink);
    expect(out.text()).toBe("typed|value\nf:x\np:piped\n");
    expect(asked).toBe(1);
  });

  it("reads nothing where nobody can type (scripts): stdin is empty", async () => {
    const term = createTerminal(bareEnvironment(), { programs: testPrograms(), interactive: false });
    const out = collector();
    const result = await term.exec("cat; wc -l; read x; echo \"status $?\"", out.sink);
    expect(out.text()).toBe("0\nstatus 1\n");
    expect(result.exitCode).toBe(0);
  });
});

describe("typed input limits", () => {
  it("stops a command that is fed more than the input limit and says so", async () => {
    const term = createTerminal(bareEnvironment(), { programs: testPrograms() });
    const chunk = `${"x".repeat(64 * 1024)}\n`;
    term.onRead = () => term.input(chunk);
    const out = collector();
    const result = await term.exec("wc -l", out.sink);
    expect(result.exitCode).toBe(130);
    expect(out.text()).toBe("\nkubecoach: command stopped (input limit: more than 4 MiB typed for one command)\n");
    expect((await term.exec("echo usable", out.sink)).exitCode).toBe(0);
  });

  it("read -t N gives up after N seconds on the session's clock (142), or takes a line typed in time", async () => {
    const { env, term } = terminal();
    const out = collector();
    term.onRead = () => undefined;
    const start = env.clock.now();
    await term.exec('x=old; read -t 2 x; echo "st=$? [$x]"', out.sink);
    expect(out.text()).toBe("st=142 []\n");
    expect(env.clock.now() - start).toBe(2000);
    term.onRead = () => term.input("typed\n");
    await term.exec('read -rt 5 x; echo "st=$? [$x]"; read -t 1 -p "go? " y; echo "[$y]"', out.sink);
    expect(out.text()).toBe("st=142 []\nst=0 [typed]\ngo? [typed]\n");
    expect(env.clock.now() - start).toBe(2000);
  });
});
