import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import tls from "node:tls";
import zlib from "node:zlib";
import { WebSocket } from "ws";
import { Environment } from "../../../cluster/environment";
import "../../../programs-index";
import { adminKubeconfig, serveEnvironment, type RunningServer } from "../../serve";
import { SPDY_DICTIONARY } from "../spdy-dictionary";
import { ControlType, FLAG_FIN, FrameReader, controlFrame, dataFrame, type SpdyFrame } from "../spdy";

/**
 * The real kubectl's wire protocols against `kubecoach serve`: exec over WebSocket channels
 * (v5.channel.k8s.io, v4 fallback) and port-forward as SPDY/3.1 tunnelled in a WebSocket.
 */
let env: Environment;
let server: RunningServer;
let token: string;

beforeAll(async () => {
  // Served environments follow wall time: start there so serving does not replay months of clock.
  env = Environment.create(undefined, { startTime: Date.now() });
  const c = env.cluster();
  c.admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "box", namespace: "default" }, spec: { containers: [{ name: "b", image: "busybox", command: ["sleep", "1d"] }] } });
  c.admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "web", namespace: "default" }, spec: { containers: [{ name: "nginx", image: "nginx:1.27" }] } });
  env.advanceBy(30_000);
  // Stay on the environment's clock while serving (the test drives it, not wall time).
  server = await serveEnvironment(env, { port: 7177, tickMs: 3_600_000 });
  token = /token: (\S+)/.exec(adminKubeconfig(env, { baseUrl: server.url, caPem: server.caPem }))![1];
}, 60_000);

afterAll(async () => {
  await server?.close();
});

function open(path: string, protocols: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace("https", "wss")}/clusters/kubernetes${path}`, protocols, { headers: { authorization: `Bearer ${token}` }, rejectUnauthorized: false });
    ws.on("open", () => resolve(ws));
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => reject(new Error(`${res.statusCode} ${body}`)));
    });
    ws.on("error", reject);
  });
}

/** Runs an exec over channels; returns what each channel carried. */
async function exec(query: string, protocol: string, stdin?: string): Promise<{ channels: Record<number, string>; protocol: string }> {
  const ws = await open(`/api/v1/namespaces/default/pods/box/exec?${query}`, [protocol]);
  const channels: Record<number, string> = {};
  ws.on("message", (data: Buffer) => (channels[data[0]] = (channels[data[0]] ?? "") + data.subarray(1).toString("utf8")));
  if (stdin !== undefined) {
    ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(stdin)]));
    ws.send(Buffer.from([255, 0]));
  }
  await new Promise((resolve) => ws.on("close", resolve));
  return { channels, protocol: ws.protocol };
}

describe("exec over WebSocket channels", () => {
  it("streams stdout and stderr on channels 1 and 2 and ends with the Status on channel 3 (v5)", async () => {
    const r = await exec("command=sh&command=-c&command=echo%20out%3B%20echo%20err%20%3E%262%3B%20exit%207&stdout=true&stderr=true", "v5.channel.k8s.io");
    expect(r.protocol).toBe("v5.channel.k8s.io");
    expect(r.channels[1]).toBe("out\n");
    expect(r.channels[2]).toBe("err\n");
    expect(JSON.parse(r.channels[3])).toMatchObject({ status: "Failure", reason: "NonZeroExitCode", details: { causes: [{ reason: "ExitCode", message: "7" }] } });
  });

  it("reads stdin until the v5 close signal", async () => {
    const r = await exec("command=wc&command=-l&stdin=true&stdout=true&stderr=true", "v5.channel.k8s.io", "1\n2\n");
    expect(r.channels[1].trim()).toBe("2");
    expect(JSON.parse(r.channels[3])).toEqual({ metadata: {}, status: "Success" });
  });

  it("accepts v4 when v5 is not offered", async () => {
    const r = await exec("command=hostname&stdout=true", "v4.channel.k8s.io");
    expect(r.protocol).toBe("v4.channel.k8s.io");
    expect(JSON.parse(r.channels[3]).status).toBe("Success");
  });

  it("answers errors before the upgrade with the API server's Status", async () => {
    await expect(open("/api/v1/namespaces/default/pods/nope/exec?command=ls&stdout=true", ["v5.channel.k8s.io"])).rejects.toThrow(/^404 .*"message":"pods \\"nope\\" not found"/);
  });
});

/** A SPDY client's header block: one zlib stream for the session, as kubectl compresses them. */
class ClientHeaders {
  private readonly deflate = zlib.createDeflate({ dictionary: SPDY_DICTIONARY });
  async encode(headers: Record<string, string>): Promise<Buffer> {
    const parts: Buffer[] = [];
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    parts.push(u32(Object.keys(headers).length));
    for (const [k, v] of Object.entries(headers)) parts.push(u32(k.length), Buffer.from(k), u32(v.length), Buffer.from(v));
    const chunks: Buffer[] = [];
    const onData = (c: Buffer) => chunks.push(c);
    this.deflate.on("data", onData);
    this.deflate.write(Buffer.concat(parts));
    await new Promise<void>((resolve) => this.deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => resolve()));
    this.deflate.off("data", onData);
    return Buffer.concat(chunks);
  }
}

function synStream(id: number, block: Buffer): Buffer {
  const head = Buffer.alloc(10);
  head.writeUInt32BE(id, 0);
  return controlFrame(ControlType.SynStream, 0, Buffer.concat([head, block]));
}

/**
 * A bare WebSocket client: ws (client and server) refuses the subprotocol name kubectl uses for
 * port-forward ("/" is not an HTTP token), so this test speaks RFC 6455 frames itself.
 */
async function rawSocket(path: string, protocol: string): Promise<{ send(data: Buffer): void; onMessage(l: (data: Buffer) => void): void; protocol: string; close(): void }> {
  const socket = tls.connect({ host: "127.0.0.1", port: 7177, rejectUnauthorized: false });
  await new Promise((resolve) => socket.once("secureConnect", resolve));
  socket.write(`GET /clusters/kubernetes${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`);
  let buffer = Buffer.alloc(0);
  let head = "";
  const listeners: ((data: Buffer) => void)[] = [];
  socket.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!head) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      head = buffer.subarray(0, end).toString();
      buffer = buffer.subarray(end + 4);
    }
    while (buffer.length >= 2) {
      let length = buffer[1] & 0x7f;
      let at = 2;
      if (length === 126) [length, at] = [buffer.readUInt16BE(2), 4];
      if (buffer.length < at + length) return;
      const opcode = buffer[0] & 0x0f;
      const payload = buffer.subarray(at, at + length);
      buffer = buffer.subarray(at + length);
      if (opcode === 2) for (const l of listeners) l(payload);
    }
  });
  await new Promise<void>((resolve) => {
    const wait = () => (head ? resolve() : setTimeout(wait, 5));
    wait();
  });
  expect(head).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
  return {
    protocol: /Sec-WebSocket-Protocol: (\S+)/i.exec(head)?.[1] ?? "",
    onMessage: (l) => listeners.push(l),
    send(data: Buffer) {
      const mask = Buffer.from([1, 2, 3, 4]);
      const len = data.length < 126 ? Buffer.from([0x80 | data.length]) : Buffer.from([0x80 | 126, data.length >> 8, data.length & 255]);
      socket.write(Buffer.concat([Buffer.from([0x82]), len, mask, Buffer.from(data.map((b, i) => b ^ mask[i % 4]))]));
    },
    close: () => socket.destroy(),
  };
}

describe("port-forward as SPDY/3.1 in a WebSocket", () => {
  async function forward(port: number, request: string): Promise<{ replies: number[]; data: string; error: string; fins: number[] }> {
    const ws = await rawSocket(`/api/v1/namespaces/default/pods/web/portforward?ports=${port}`, "SPDY/3.1+portforward.k8s.io");
    expect(ws.protocol).toBe("SPDY/3.1+portforward.k8s.io");
    const reader = new FrameReader();
    const result = { replies: [] as number[], data: "", error: "", fins: [] as number[] };
    ws.onMessage((raw: Buffer) => {
      for (const f of reader.push(raw) as SpdyFrame[]) {
        if (f.kind === "control" && f.type === ControlType.SynReply) result.replies.push(f.payload.readUInt32BE(0));
        if (f.kind === "data") {
          if (f.streamId === 1) result.error += f.data.toString();
          if (f.streamId === 3) result.data += f.data.toString();
          if (f.flags & FLAG_FIN) result.fins.push(f.streamId);
        }
      }
    });
    const headers = new ClientHeaders();
    ws.send(synStream(1, await headers.encode({ streamtype: "error", port: String(port), requestid: "0" })));
    ws.send(dataFrame(1, FLAG_FIN, Buffer.alloc(0)));
    ws.send(synStream(3, await headers.encode({ streamtype: "data", port: String(port), requestid: "0" })));
    ws.send(dataFrame(3, 0, Buffer.from(request)));
    await new Promise((r) => setTimeout(r, 300));
    ws.close();
    return result;
  }

  it("replies to both streams and relays an HTTP exchange with the pod", async () => {
    const r = await forward(80, "GET / HTTP/1.1\r\nHost: localhost:8080\r\n\r\n");
    expect(r.replies).toEqual([1, 3]);
    expect(r.data).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(r.data).toContain("Welcome to nginx!");
    expect(r.error).toBe("");
  });

  it("writes the kubelet's error on the error stream for a port nothing listens on", async () => {
    const r = await forward(81, "GET / HTTP/1.1\r\n\r\n");
    expect(r.error).toContain("failed to connect to localhost:81 inside namespace");
    expect(r.fins).toEqual(expect.arrayContaining([1, 3]));
  });
});
