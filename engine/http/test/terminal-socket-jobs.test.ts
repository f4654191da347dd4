import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { WebSocket } from "ws";
import { bareEnvironment } from "../../shell/test/helpers";
import { attachTerminalSocket, TERMINAL_PATH } from "../terminal-socket";

type Message = Record<string, unknown>;

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers) s.close();
});

it("sends a background job's output between commands, while the terminal sits at its prompt", async () => {
  const server = createServer();
  servers.push(server);
  attachTerminalSocket(server, bareEnvironment());
  await new Promise<void>((resolve) => server.listen(7170, "127.0.0.1", resolve));
  const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}${TERMINAL_PATH}`);
  const messages: Message[] = [];
  const arrived = (test: (m: Message) => boolean) =>
    new Promise<Message>((resolve) => {
      const look = () => {
        const found = messages.find(test);
        if (found) resolve(found);
        else setTimeout(look, 10);
      };
      look();
    });
  ws.on("message", (raw) => messages.push(JSON.parse(String(raw)) as Message));
  await arrived((m) => m.type === "ready");
  ws.send(JSON.stringify({ type: "exec", line: "(sleep 0.3; echo later) &" }));
  await arrived((m) => m.type === "done");
  const doneAt = messages.length;
  const later = await arrived((m) => m.type === "output" && m.data === "later\n");
  expect(messages.indexOf(later)).toBeGreaterThanOrEqual(doneAt);
  expect(later.stream).toBe("stdout");
  ws.close();
}, 60_000);
