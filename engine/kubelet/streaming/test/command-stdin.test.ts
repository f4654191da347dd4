import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../../cluster/environment";
import "../../../programs-index";
import { createPod, lab, podRow, waitFor } from "../../test/helpers";
import type { KubeStatus, RemoteCommandSession } from "../session";

/**
 * pods/exec of a command that reads its stdin, as the real kubectl drives it over `kubecoach
 * serve`: bytes through a pipe (-i) reach the command as they come, and with -t a canonical-mode
 * tty echoes the keys and hands each line over at Enter.
 */
let env: Environment;

beforeAll(() => {
  env = lab();
  const c = env.cluster();
  createPod(c, { metadata: { name: "box" }, spec: { containers: [{ name: "b", image: "busybox", command: ["sleep", "1d"] }] } });
  waitFor(env, () => podRow(c, "default", "box").status === "Running");
});

function open(command: string[], tty: boolean): { session: RemoteCommandSession; screen: () => string; done: Promise<KubeStatus> } {
  const query = new URLSearchParams([...command.map((c) => ["command", c]), ["stdin", "true"], ["stdout", "true"], tty ? ["tty", "true"] : ["stderr", "true"]]);
  const response = env.cluster().apiserver.handle({ method: "POST", path: "/api/v1/namespaces/default/pods/box/exec", query, user: { username: "kubernetes-admin", groups: ["kubeadm:cluster-admins", "system:authenticated"] } });
  expect(response.status).toBe(101);
  const session = response.upgrade as RemoteCommandSession;
  let text = "";
  const done = session.start((_stream, data) => (text += data));
  return { session, screen: () => text, done };
}

/** Lets the session's programs run for a while (to show that something does not happen). */
async function settle(): Promise<void> {
  for (let i = 0; i < 200; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Lets the session's programs run until `screen` shows `expected` (bounded), then compares. */
async function shows(screen: () => string, expected: string): Promise<void> {
  for (let i = 0; i < 20_000 && screen() !== expected; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  expect(screen()).toBe(expected);
}

describe("a command's stdin over pods/exec", () => {
  it("cat without a tty writes each line as it arrives, before the client sends the next", async () => {
    const { session, screen, done } = open(["cat"], false);
    session.writeStdin("one\ntw");
    await shows(screen, "one\n");
    session.writeStdin("o\n");
    await shows(screen, "one\ntwo\n");
    session.closeStdin();
    expect((await done).status).toBe("Success");
  });

  it("cat with a tty: the tty echoes the keys, cat answers at Enter with CRLF, Ctrl-D ends it with 0", async () => {
    const { session, screen, done } = open(["cat"], true);
    session.writeStdin("hi");
    await shows(screen, "hi");
    session.writeStdin("\r");
    await shows(screen, "hi\r\nhi\r\n");
    session.writeStdin("x\x7fyo\r\x04");
    expect((await done).status).toBe("Success");
    expect(screen()).toBe("hi\r\nhi\r\nx\b \byo\r\nyo\r\n");
  });

  it("Ctrl-C on a tty interrupts the command: exit code 130 on the error channel", async () => {
    const { session, screen, done } = open(["cat"], true);
    session.writeStdin("a\r");
    await shows(screen, "a\r\na\r\n");
    session.writeStdin("\x03");
    const status = await done;
    expect(screen()).toBe("a\r\na\r\n^C\r\n");
    expect(status.reason).toBe("NonZeroExitCode");
    expect(status.details?.causes?.[0].message).toBe("130");
  });

  it("read, wc -l, tee and grep read the lines as a pipe would give them", async () => {
    const read = open(["sh", "-c", "read x; echo got:$x"], true);
    read.session.writeStdin("hello\r");
    expect((await read.done).status).toBe("Success");
    expect(read.screen()).toBe("hello\r\ngot:hello\r\n");

    const wc = open(["wc", "-l"], false);
    wc.session.writeStdin("a\nb\nc\n");
    await settle();
    expect(wc.screen()).toBe("");
    wc.session.closeStdin();
    await wc.done;
    expect(wc.screen().trim()).toBe("3");

    const grep = open(["grep", "^a"], true);
    grep.session.writeStdin("apple\r");
    await shows(grep.screen, "apple\r\napple\r\n");
    grep.session.writeStdin("berry\r");
    await shows(grep.screen, "apple\r\napple\r\nberry\r\n");
    grep.session.writeStdin("\x04");
    expect((await grep.done).status).toBe("Success");

    const tee = open(["tee", "/tmp/t"], false);
    tee.session.writeStdin("kept\n");
    await shows(tee.screen, "kept\n");
    tee.session.closeStdin();
    await tee.done;
    const check = open(["cat", "/tmp/t"], false);
    check.session.closeStdin();
    await check.done;
    expect(check.screen()).toBe("kept\n");
  });

  it("a shell without -c still reads its whole script from stdin", async () => {
    const { session, screen, done } = open(["sh"], false);
    session.writeStdin("echo one\n");
    session.writeStdin("echo two\n");
    session.closeStdin();
    expect((await done).status).toBe("Success");
    expect(screen()).toBe("one\ntwo\n");
  });
});
