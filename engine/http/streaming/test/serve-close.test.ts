import "reflect-metadata";
import { randomBytes } from "node:crypto";
import tls from "node:tls";
import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import "../../../programs-index";
import { adminKubeconfig, serveEnvironment } from "../../serve";

/**
 * Stopping `kubecoach serve` while a learner's `kubectl exec -it` is still open: the upgraded
 * socket is no longer one of the HTTP server's connections, so it has to be ended by the server
 * itself, or close() would wait for a client that never answers.
 */
const PORT = 7191;

/** Opens an exec stream of a long-running command and resolves once the server has upgraded it. */
function openExec(token: string): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: "127.0.0.1", port: PORT, rejectUnauthorized: false });
    const path = "/clusters/kubernetes/api/v1/namespaces/default/pods/box/exec?command=sleep&command=3600&stdout=true&stderr=true";
    socket.on("secureConnect", () => {
      const key = randomBytes(16).toString("base64");
      socket.write(
        [`GET ${path} HTTP/1.1`, "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Key: ${key}`, "Sec-WebSocket-Version: 13", "Sec-WebSocket-Protocol: v5.channel.k8s.io", `Authorization: Bearer ${token}`, "", ""].join("\r\n"),
      );
    });
    socket.on("error", reject);
    let head = "";
    socket.on("data", function onData(chunk: Buffer) {
      head += chunk.toString("latin1");
      if (!head.includes("\r\n\r\n")) return;
      socket.off("data", onData);
      if (head.startsWith("HTTP/1.1 101")) resolve(socket);
      else reject(new Error(head));
    });
  });
}

describe("closing kubecoach serve", () => {
  it("ends an open exec stream whose client never sends a close frame", { timeout: 60_000 }, async () => {
    const env = Environment.create(undefined, { startTime: Date.now() });
    env.cluster().admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "box", namespace: "default" }, spec: { containers: [{ name: "b", image: "busybox", command: ["sleep", "1d"] }] } });
    env.advanceBy(30_000);
    const server = await serveEnvironment(env, { port: PORT, tickMs: 3_600_000 });
    const token = /token: (\S+)/.exec(adminKubeconfig(env, { baseUrl: server.url, caPem: server.caPem }))![1];
    const socket = await openExec(token);
    socket.on("error", () => {});
    const ended = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    // The client stays silent: it neither reads on nor answers the server's close frame.
    // Without the server ending it, close() waits for ws's 30 s close timeout; 15 s is far beyond an honest close.
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      Promise.all([server.close(), ended]).then(() => "closed"),
      new Promise<string>((resolve) => (timer = setTimeout(() => resolve("still waiting for the client"), 15_000))),
    ]);
    clearTimeout(timer);
    expect(outcome).toBe("closed");
    expect(socket.destroyed).toBe(true);
  });
});
