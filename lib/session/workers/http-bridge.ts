// A /k8s gateway request on a worker thread: the server thread read the request (its body bounded
// as the engine's HTTP adapter bounds it) and the worker hands the engine's adapter a request and
// a response that stand for the real ones. What the adapter writes travels back as messages the
// server thread replays on the real response, so watches and followed logs still stream.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { EventEmitter } from "node:events";
import type { BridgedHttpRequest, FromWorker } from "./protocol";

export type BridgedExchange = {
  req: IncomingMessage;
  res: ServerResponse;
  /** The client went away: the adapter's close listeners stop their streams. */
  clientClosed(): void;
};

export function bridgeHttp(stream: number, request: BridgedHttpRequest, post: (message: FromWorker) => void): BridgedExchange {
  const body = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength);
  // emitClose off: a real request's "close" means the client left, not that its body was read.
  const req = new Readable({ read() {}, autoDestroy: false, emitClose: false }) as Readable & Record<string, unknown>;
  if (body.length > 0) req.push(body);
  req.push(null);
  const cert = request.peerCertificate ? Buffer.from(request.peerCertificate) : undefined;
  Object.assign(req, {
    method: request.method,
    url: request.path + (request.query ? `?${request.query}` : ""),
    headers: { ...request.headers },
    socket: {
      destroy: () => post({ t: "http-destroy", stream }),
      getPeerCertificate: () => (cert ? { raw: cert } : {}),
    },
  });

  let ended = false;
  let closed = false;
  // A real response emits "close" once it is finished or its client is gone, whichever is first.
  const close = () => {
    if (closed) return;
    closed = true;
    res.emit("close");
  };
  const res = new EventEmitter() as EventEmitter & Record<string, unknown>;
  Object.assign(res, {
    writeHead(status: number, headers?: Record<string, string | number | string[]>) {
      post({ t: "http-head", stream, status, headers: headers ?? {} });
      return res;
    },
    flushHeaders() {
      post({ t: "http-flush", stream });
    },
    write(chunk: string | Uint8Array) {
      if (!ended) post({ t: "http-data", stream, chunk });
      return true;
    },
    end(chunk?: string | Uint8Array) {
      if (ended) return res;
      ended = true;
      post(chunk === undefined ? { t: "http-end", stream } : { t: "http-end", stream, chunk });
      setImmediate(close);
      return res;
    },
  });

  return {
    req: req as unknown as IncomingMessage,
    res: res as unknown as ServerResponse,
    clientClosed: () => {
      ended = true;
      close();
      req.emit("close");
    },
  };
}
