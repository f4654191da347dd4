import "reflect-metadata";
import { randomBytes } from "node:crypto";
import tls from "node:tls";
import { beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import "../../../programs-index";
import { adminKubeconfig, serveEnvironment } from "../../serve";

/**
 * The end of an exec stream: the server sends the exit Status on channel 3 and a close frame, then
 * keeps the connection until the client answers with its own close frame (RFC 6455 §7.1.1). It
 * used to drop the socket a millisecond after its close frame — ws armed its close timer with an
 * undefined timeout — so a client still reading (a busy kubectl, output still queued) lost the
 * Status and failed with "websocket: close 1006 (abnormal closure): unexpected EOF", most often on a
 * fresh server's first exec. The client here is a raw TLS socket, so the test sees exactly when the
 * server lets go. Each exec is the first on a newly started server.
 */
const PORTS = [7162, 7163, 7164, 7165, 7166];
/** Long enough that a server which does not wait for the client's close frame has dropped the connection. */
const CLIENT_DELAY_MS = 250;

let env: Environment;

beforeAll(() => {
  env = Environment.create(undefined, { startTime: Date.now() });
  env.cluster().admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "box", namespace: "default" }, spec: { containers: [{ name: "b", image: "busybox", command: ["sleep", "1d"] }] } });
  env.advanceBy(30_000);
}, 60_000);

interface Frame {
  opcode: number;
  payload: Buffer;
}

/** Unmasked server frames from `buf`; returns the frames and the bytes of an incomplete one. */
function parseFrames(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    let length = buf[at + 1] & 0x7f;
    let header = 2;
    if (length === 126) {
      if (buf.length - at < 4) break;
      length = buf.readUInt16BE(at + 2);
      header = 4;
    } else if (length === 127) {
      if (buf.length - at < 10) break;
      length = Number(buf.readBigUInt64BE(at + 2));
      header = 10;
    }
    if (buf.length - at < header + length) break;
    frames.push({ opcode: buf[at] & 0x0f, payload: buf.subarray(at + header, at + header + length) });
    at += header + length;
  }
  return { frames, rest: buf.subarray(at) };
}

/** A masked client close frame with status 1000, as every client must send it. */
function clientCloseFrame(): Buffer {
  const mask = randomBytes(4);
  const payload = Buffer.from([0x03, 0xe8]).map((b, i) => b ^ mask[i % 4]);
  return Buffer.concat([Buffer.from([0x88, 0x80 | 2]), mask, Buffer.from(payload)]);
}

interface ExecEnd {
  stdout: string;
  status: unknown;
  /** Whether the server kept the connection open while the client delayed its close frame. */
  heldUntilClientClosed: boolean;
  /** Whether the server ended the connection after the client's close frame. */
  endedAfterClientClosed: boolean;
}

function execOverRawSocket(port: number, token: string): Promise<ExecEnd> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: "127.0.0.1", port, rejectUnauthorized: false });
    const path = "/clusters/kubernetes/api/v1/namespaces/default/pods/box/exec?command=echo&command=hi&stdout=true&stderr=true";
    let buf: Buffer = Buffer.alloc(0);
    let upgraded = false;
    let closed = false;
    let stdout = "";
    let status: unknown;
    let sawCloseFrame = false;
    socket.on("secureConnect", () => {
      const key = randomBytes(16).toString("base64");
      socket.write(
        [`GET ${path} HTTP/1.1`, "Host: 127.0.0.1", "Upgrade: websocket", "Connection: Upgrade", `Sec-WebSocket-Key: ${key}`, "Sec-WebSocket-Version: 13", "Sec-WebSocket-Protocol: v5.channel.k8s.io", `Authorization: Bearer ${token}`, "", ""].join("\r\n"),
      );
    });
    socket.on("close", () => (closed = true));
    socket.on("error", (e) => {
      if (!sawCloseFrame) reject(e);
    });
    socket.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (!upgraded) {
        const end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buf.subarray(0, end).toString();
        if (!head.startsWith("HTTP/1.1 101")) return reject(new Error(head));
        upgraded = true;
        buf = buf.subarray(end + 4);
      }
      const { frames, rest } = parseFrames(buf);
      buf = rest;
      for (const frame of frames) {
        if (frame.opcode === 2 && frame.payload[0] === 1) stdout += frame.payload.subarray(1).toString();
        if (frame.opcode === 2 && frame.payload[0] === 3) status = JSON.parse(frame.payload.subarray(1).toString());
        if (frame.opcode !== 8 || sawCloseFrame) continue;
        sawCloseFrame = true;
        // A busy client answers late; the connection must still be there when it does.
        setTimeout(() => {
          const heldUntilClientClosed = !closed && !socket.readableEnded;
          if (closed) return resolve({ stdout, status, heldUntilClientClosed, endedAfterClientClosed: false });
          socket.write(clientCloseFrame());
          const timer = setTimeout(() => resolve({ stdout, status, heldUntilClientClosed, endedAfterClientClosed: false }), 5_000);
          socket.on("end", () => {
            clearTimeout(timer);
            socket.end();
            resolve({ stdout, status, heldUntilClientClosed, endedAfterClientClosed: true });
          });
        }, CLIENT_DELAY_MS);
      }
    });
  });
}

describe("closing an exec stream", () => {
  it("keeps the connection after the Status and close frame until the client's close frame, then ends it, on each fresh server's first exec", { timeout: 120_000 }, async () => {
    for (const port of PORTS) {
      const server = await serveEnvironment(env, { port, tickMs: 3_600_000 });
      try {
        const token = /token: (\S+)/.exec(adminKubeconfig(env, { baseUrl: server.url, caPem: server.caPem }))![1];
        const end = await execOverRawSocket(port, token);
        expect(end, `first exec on the server at port ${port}`).toEqual({ stdout: "hi\n", status: { metadata: {}, status: "Success" }, heldUntilClientClosed: true, endedAfterClientClosed: true });
      } finally {
        await server.close();
      }
    }
  });
});
