import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { freshEnvironment } from "../../shell/test/helpers";
import { attachTerminalSocket, TERMINAL_PATH } from "../terminal-socket";

type Message = Record<string, unknown>;

/** A client that records every server message and can wait for one of a type. */
function client(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const messages: Message[] = [];
  const waiters: [string, (m: Message) => void][] = [];
  ws.on("message", (raw) => {
    const m = JSON.parse(String(raw)) as Message;
    messages.push(m);
    const i = waiters.findIndex(([type]) => type === m.type);
    if (i >= 0) waiters.splice(i, 1)[0][1](m);
  });
  return {
    ws,
    messages,
    next: (type: string) => new Promise<Message>((resolve) => waiters.push([type, resolve])),
    send: (m: Message) => ws.send(JSON.stringify(m)),
  };
}

describe("the terminal WebSocket of kubecoach serve", () => {
  const servers: ReturnType<typeof createServer>[] = [];
  afterEach(() => {
    for (const s of servers) s.close();
  });

  async function start(port: number) {
    const server = createServer();
    servers.push(server);
    attachTerminalSocket(server, freshEnvironment());
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}${TERMINAL_PATH}`;
  }

  it("runs commands, streams their output and answers completions", async () => {
    const c = client(`${await start(7133)}?interactive=0`);
    await c.next("ready");
    c.send({ type: "exec", line: "hostname; echo oops >&2; exit 3" });
    const done = await c.next("done");
    expect(done).toMatchObject({ exitCode: 3, closed: true });
    const output = c.messages.filter((m) => m.type === "output").map((m) => [m.stream, m.data]);
    expect(output).toEqual([["stdout", "controlplane\n"], ["stderr", "oops\n"]]);
  });

  it("completes file names and refuses pages from other origins", async () => {
    const url = await start(7134);
    const c = client(url);
    await c.next("ready");
    c.send({ type: "complete", line: "cat /etc/hostn", cursor: 14 });
    expect(await c.next("completions")).toMatchObject({ items: ["/etc/hostname"], start: 4, end: 14 });
    c.ws.close();
    const evil = new WebSocket(url, { headers: { origin: "https://evil.example" } });
    const status = await new Promise<number>((resolve) => evil.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0)).on("error", () => resolve(-1)));
    expect(status).toBe(403);
  });
});
