import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../../cluster/environment";
import { createTerminal, type Terminal } from "../../../shell";
import { createPod, lab, podRow, waitFor } from "../../test/helpers";
import type { KubeStatus, RemoteCommandSession } from "../session";

/**
 * What a learner types while a command inside a container's shell reads the terminal (`kubectl
 * exec -it POD -- sh`, then `cat > /tmp/f`, `read X`, `wc -l`): the terminal asks its edge for
 * input (the browser's `reading` message, the CLI's readline) and the lines reach the container.
 */
let env: Environment;

beforeAll(() => {
  env = lab();
  const c = env.cluster();
  createPod(c, { metadata: { name: "box" }, spec: { containers: [{ name: "b", image: "busybox", command: ["sleep", "1d"] }] } });
  waitFor(env, () => podRow(c, "default", "box").status === "Running");
});

/** A terminal whose edge types `typed` (one entry per Enter or Ctrl-D) whenever a program reads. */
function typing(terminal: Terminal, typed: string[], screen: { text: string }): void {
  terminal.onRead = () => {
    expect(terminal.reading).toBe(true);
    const next = typed.shift();
    if (next === undefined) return terminal.interrupt();
    // The edge echoes what is typed, as the browser's line editor does.
    screen.text += next;
    terminal.input(next);
  };
}

/**
 * Like `typing`, at a person's pace: each line is typed once what the last one caused is on the
 * screen (kubectl reads the terminal all the time its command runs, as the real one does).
 */
function typingSlowly(terminal: Terminal, typed: string[], screen: { text: string }): void {
  /** The screen right after the last line was typed: the next waits until something answered it (bounded, for lines nothing answers). */
  let afterTyping: string | undefined;
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  terminal.onRead = () => {
    void (async () => {
      for (let i = 0; i < 20_000 && afterTyping !== undefined && screen.text === afterTyping; i++) await turn();
      for (let i = 0; i < 50; i++) await turn();
      // The command ended meanwhile: the line is for whatever reads next.
      if (!terminal.reading) return;
      const next = typed.shift();
      if (next === undefined) return terminal.interrupt();
      screen.text += next;
      afterTyping = screen.text;
      terminal.input(next);
    })();
  };
}

async function line(terminal: Terminal, text: string, screen: { text: string }): Promise<number> {
  const result = await terminal.exec(text, (d) => (screen.text += d));
  return result.exitCode;
}

describe("typed input inside a container's shell", () => {
  it("cat > file takes the typed lines until Ctrl-D, and they are in the container", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    await line(terminal, "kubectl exec -it box -- sh", screen);
    expect(terminal.prompt).toBe("/ # ");
    typing(terminal, ["first line\n", "second\n", ""], screen);
    expect(await line(terminal, "cat > /tmp/f", screen)).toBe(0);
    screen.text = "";
    expect(await line(terminal, "cat /tmp/f; wc -l < /tmp/f", screen)).toBe(0);
    expect(screen.text).toBe("first line\nsecond\n2\n");
    await line(terminal, "exit", screen);
    expect(terminal.prompt).toBe("root@controlplane:~# ");
    // The file is the container's, not the node's.
    screen.text = "";
    await line(terminal, "kubectl exec box -- cat /tmp/f; test -e /tmp/f || echo not on the node", screen);
    expect(screen.text).toBe("first line\nsecond\nnot on the node\n");
  });

  it("Ctrl-C while cat reads keeps the lines typed, ends with 130 and leaves the container's prompt usable", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    await line(terminal, "kubectl exec -it box -- sh", screen);
    typing(terminal, ["kept\n"], screen);
    expect(await line(terminal, "cat > /tmp/g; echo not-reached", screen)).toBe(130);
    expect(screen.text).not.toContain("not-reached");
    expect(terminal.prompt).toBe("/ # ");
    screen.text = "";
    await line(terminal, "cat /tmp/g; echo $?", screen);
    expect(screen.text).toBe("kept\n0\n");
  });

  it("read X, wc -l and grep read what is typed; cat with the terminal as stdout shows each line as it comes", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    await line(terminal, "kubectl exec -it box -- sh", screen);
    typing(terminal, ["hello there\n", "a\n", "b\n", "c\n", "", "apple\n", "berry\n", "avocado\n", ""], screen);
    await line(terminal, "read X; echo \"got:$X\"", screen);
    await line(terminal, "wc -l", screen);
    await line(terminal, "grep ^a", screen);
    // wc answers at end of input; grep answers each line as it is typed.
    expect(screen.text).toBe("hello there\ngot:hello there\na\nb\nc\n3\napple\napple\nberry\navocado\navocado\n");
    screen.text = "";
    typing(terminal, ["x\n", "y\n", ""], screen);
    await line(terminal, "cat", screen);
    // Typed line, then cat's copy of it, before the next line is typed.
    expect(screen.text).toBe("x\nx\ny\ny\n");
  });

  it("without an edge to type at (a script) a reading command gets end of input at once", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    await line(terminal, "kubectl exec -it box -- sh", screen);
    expect(await line(terminal, "wc -l", screen)).toBe(0);
    expect(screen.text).toBe("0\n");
  });
});

describe("kubectl exec -i without a tty", () => {
  it("sends what is typed until Ctrl-D to the container's program", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    typing(terminal, ["alpha\n", "beta\n", ""], screen);
    expect(await line(terminal, "kubectl exec -i box -- wc -l", screen)).toBe(0);
    expect(screen.text).toBe("alpha\nbeta\n2\n");
    screen.text = "";
    typing(terminal, ["kind: note\n", ""], screen);
    expect(await line(terminal, "kubectl -n default exec --stdin box -- sh -c 'cat > /tmp/p'", screen)).toBe(0);
    screen.text = "";
    await line(terminal, "kubectl exec box -- cat /tmp/p", screen);
    expect(screen.text).toBe("kind: note\n");
  });

  it("passes a pipe's data, and Ctrl-C while typing stops kubectl with 130", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    terminal.onRead = () => expect.unreachable("a pipe is not the terminal");
    expect(await line(terminal, "echo hi | kubectl exec -i box -- cat; printf 'a\\nb\\n' | kubectl exec -i box -- sh -c 'wc -l'", screen)).toBe(0);
    expect(screen.text).toBe("hi\n2\n");
    screen.text = "";
    typing(terminal, ["sent as typed\n"], screen);
    expect(await line(terminal, "kubectl exec -i box -- sh -c 'cat > /tmp/q'; echo not-reached", screen)).toBe(130);
    expect(screen.text).toBe("sent as typed\n");
    screen.text = "";
    terminal.onRead = undefined;
    // The line reached cat when it was typed; killing kubectl closed cat's stdin, and cat finished.
    await line(terminal, "kubectl exec box -- cat /tmp/q", screen);
    expect(screen.text).toBe("sent as typed\n");
  });

  it("streams each typed line to the command as it is typed: cat answers before the next line", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    typingSlowly(terminal, ["one\n", "two\n", ""], screen);
    expect(await line(terminal, "kubectl exec -i box -- cat", screen)).toBe(0);
    expect(screen.text).toBe("one\none\ntwo\ntwo\n");
    screen.text = "";
    typingSlowly(terminal, ["x\n", "y\n"], screen);
    // `read` takes one line and the command is done: kubectl stops reading, the next line waits for the next reader.
    expect(await line(terminal, "kubectl exec -i box -- sh -c 'read v; echo got:$v'; echo after", screen)).toBe(0);
    expect(screen.text).toBe("x\ngot:x\nafter\n");
  });
});

describe("kubectl exec -it with a command that is not a shell", () => {
  it("cat echoes each typed line back, Ctrl-D ends it with 0", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    typingSlowly(terminal, ["hello\n", "world\n", ""], screen);
    expect(await line(terminal, "kubectl exec -it box -- cat", screen)).toBe(0);
    expect(screen.text).toBe("hello\nhello\nworld\nworld\n");
    expect(terminal.prompt).toBe("root@controlplane:~# ");
  });

  it("Ctrl-C is the tty's: the command dies of SIGINT and kubectl reports exit code 130", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    typingSlowly(terminal, ["a\n"], screen);
    expect(await line(terminal, "kubectl exec -it box -- cat; echo not-reached", screen)).toBe(130);
    expect(screen.text).toBe("a\na\ncommand terminated with exit code 130\n");
  });

  it("read, wc -l and grep take the typed lines", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    typingSlowly(terminal, ["val\n", "a\n", "b\n", "", "apple\n", "kiwi\n", ""], screen);
    await line(terminal, "kubectl exec -it box -- sh -c 'read x; echo got:$x'", screen);
    await line(terminal, "kubectl exec -it box -- wc -l", screen);
    await line(terminal, "kubectl exec -it box -- grep ^a", screen);
    expect(screen.text).toBe("val\ngot:val\na\nb\n2\napple\napple\nkiwi\n");
  });

  it("does not wait for typed input without -i, nor with -it (the container's shell takes the terminal)", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    terminal.onRead = () => expect.unreachable("nothing reads the terminal");
    expect(await line(terminal, "kubectl exec box -- cat", screen)).toBe(0);
    await line(terminal, "kubectl exec -it box -- sh", screen);
    expect(terminal.prompt).toBe("/ # ");
  });
});

/** The real kubectl's `exec -it POD -- sh` over `kubecoach serve` sends raw keystrokes (ContainerTty). */
function rawShell(): { session: RemoteCommandSession; screen: () => string; done: Promise<KubeStatus> } {
  const c = env.cluster();
  const query = new URLSearchParams([["command", "sh"], ["stdin", "true"], ["stdout", "true"], ["tty", "true"]]);
  const response = c.apiserver.handle({ method: "POST", path: "/api/v1/namespaces/default/pods/box/exec", query, user: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] } });
  const session = response.upgrade as RemoteCommandSession;
  let screen = "";
  const done = session.start((_stream, data) => (screen += data));
  return { session, screen: () => screen, done };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe("typed input for a program in a container shell over a raw tty", () => {
  it("echoes and edits the typed lines as the tty's canonical mode does; Ctrl-D ends the input", async () => {
    const { session, screen, done } = rawShell();
    session.writeStdin(["cat > /tmp/k\r", "one\r", "tw\x7fwo\r", "\x04", "cat /tmp/k; wc -l < /tmp/k\r", "\x04"].join(""));
    expect((await done).status).toBe("Success");
    expect(screen()).toContain("/ # cat > /tmp/k\r\none\r\ntw\b \bwo\r\n/ # ");
    expect(screen()).toContain("/ # cat /tmp/k; wc -l < /tmp/k\r\none\r\ntwo\r\n2\r\n/ # ");
  });

  it("Ctrl-C stops the reader (exit 130) and keeps what it had; the shell goes on", async () => {
    const { session, screen, done } = rawShell();
    session.writeStdin("cat > /tmp/m\rkept\rhalf");
    // Ctrl-C acts at once (a signal), so it is sent once the reader has the typed line.
    await until(() => screen().endsWith("half"));
    session.writeStdin("\x03echo status $?; cat /tmp/m\r\x04");
    await done;
    expect(screen()).toContain("kept\r\nhalf^C\r\n/ # echo status $?; cat /tmp/m\r\nstatus 130\r\nkept\r\n");
  });

  it("a client that closes its input mid-read gives the reader end of file, then the shell exits", async () => {
    const { session, screen, done } = rawShell();
    session.writeStdin("read X; echo \"[$X]\"\rpartial");
    await until(() => screen().endsWith("partial"));
    session.closeStdin();
    expect((await done).status).toBe("Success");
    expect(screen()).toContain("[partial]\r\n");
  });
});

describe("kubectl attach -i to a container with a tty", () => {
  it("hands the terminal to the container's shell at once, without waiting for typed input first", async () => {
    const c = env.cluster();
    createPod(c, { metadata: { name: "ttyshell" }, spec: { containers: [{ name: "sh", image: "busybox", command: ["sh"], stdin: true, tty: true }] } });
    waitFor(env, () => podRow(c, "default", "ttyshell").status === "Running");
    const terminal = createTerminal(env);
    const screen = { text: "" };
    terminal.onRead = () => expect.unreachable("attach does not gather typed input");
    await line(terminal, "kubectl attach -i ttyshell", screen);
    expect(terminal.prompt).toBe("/ # ");
  });
});

describe("a main process that reads its stdin (kubectl run -i, attach -i)", () => {
  it("run -i --restart=Never -- cat: each typed line comes back, Ctrl-D ends cat and the pod succeeds", async () => {
    const terminal = createTerminal(env);
    const screen = { text: "" };
    typingSlowly(terminal, ["one\n", "two\n", ""], screen);
    expect(await line(terminal, "kubectl run feeder -i --image=busybox --restart=Never -- cat", screen)).toBe(0);
    expect(screen.text).toBe("If you don't see a command prompt, try pressing enter.\none\none\ntwo\ntwo\n");
    const c = env.cluster();
    waitFor(env, () => podRow(c, "default", "feeder").status === "Completed");
    screen.text = "";
    terminal.onRead = undefined;
    await line(terminal, "kubectl logs feeder", screen);
    expect(screen.text).toBe("one\ntwo\n");
  });

  it("attach -i to a cat started with stdin: typed lines reach it; stdinOnce makes Ctrl-D end it", async () => {
    const c = env.cluster();
    createPod(c, { metadata: { name: "reader" }, spec: { restartPolicy: "Never", containers: [{ name: "r", image: "busybox", command: ["cat"], stdin: true, stdinOnce: true }] } });
    waitFor(env, () => podRow(c, "default", "reader").status === "Running");
    const terminal = createTerminal(env);
    const screen = { text: "" };
    typingSlowly(terminal, ["hello\n", ""], screen);
    expect(await line(terminal, "kubectl attach -i reader", screen)).toBe(0);
    expect(screen.text).toBe("If you don't see a command prompt, try pressing enter.\nhello\nhello\n");
    waitFor(env, () => podRow(c, "default", "reader").status === "Completed");
  });

  it("attach -it to a container without a tty says so and goes on without one", async () => {
    const c = env.cluster();
    createPod(c, { metadata: { name: "plain" }, spec: { containers: [{ name: "p", image: "busybox", command: ["cat"], stdin: true }] } });
    waitFor(env, () => podRow(c, "default", "plain").status === "Running");
    const terminal = createTerminal(env);
    const screen = { text: "" };
    typingSlowly(terminal, ["x\n"], screen);
    // Without stdinOnce the container's stdin stays open: kubectl stays until Ctrl-C, and cat runs on.
    expect(await line(terminal, "kubectl attach -it plain", screen)).toBe(130);
    expect(screen.text).toBe("error: Unable to use a TTY - container p did not allocate one\nIf you don't see a command prompt, try pressing enter.\nx\nx\n");
    expect(podRow(c, "default", "plain").status).toBe("Running");
  });
});
