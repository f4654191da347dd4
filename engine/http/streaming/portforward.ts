import type { WebSocket } from "ws";
import type { ForwardedConnection, PortForwardSession } from "../../kubelet/streaming/session";
import { ControlType, FLAG_FIN, FrameReader, HeaderCodec, controlFrame, dataFrame, parseSynStream, synReply, type SpdyFrame } from "./spdy";

/**
 * pods/portforward as kubectl ≥1.31 opens it: a WebSocket with subprotocol
 * `SPDY/3.1+portforward.k8s.io` whose binary messages carry a SPDY/3.1 byte stream. For each
 * forwarded connection kubectl opens two streams with headers streamType (error|data), port and
 * requestID; the server replies to each, relays the data stream to the pod's port and, when the
 * port cannot be reached, writes the kubelet's message on the error stream (kubectl prints it).
 */
export const PORTFORWARD_PROTOCOL = "SPDY/3.1+portforward.k8s.io";

interface Pair {
  port: number;
  errorStream?: number;
  dataStream?: number;
  connection?: ForwardedConnection;
}

const MAX_PAIRS = 256;

export function servePortForward(ws: WebSocket, session: PortForwardSession): void {
  const reader = new FrameReader();
  const codec = new HeaderCodec();
  const pairs = new Map<string, Pair>();
  const streams = new Map<number, { requestId: string; type: string }>();
  let lastStream = 0;
  const send = (bytes: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(bytes, { binary: true });
  };
  const finish = (streamId: number | undefined) => {
    if (streamId !== undefined && streams.delete(streamId)) send(dataFrame(streamId, FLAG_FIN, Buffer.alloc(0)));
  };

  const open = (requestId: string, pair: Pair) => {
    if (pair.connection || pair.dataStream === undefined) return;
    const connection = session.connect(pair.port);
    pair.connection = connection;
    connection.onData((data) => {
      if (pair.dataStream !== undefined && streams.has(pair.dataStream)) send(dataFrame(pair.dataStream, 0, Buffer.from(data)));
    });
    connection.onClose((error) => {
      if (error && pair.errorStream !== undefined && streams.has(pair.errorStream)) send(dataFrame(pair.errorStream, 0, Buffer.from(error, "utf8")));
      finish(pair.errorStream);
      finish(pair.dataStream);
      pairs.delete(requestId);
    });
  };

  const control = (frame: Extract<SpdyFrame, { kind: "control" }>) => {
    switch (frame.type) {
      case ControlType.SynStream: {
        const { streamId, block } = parseSynStream(frame.payload);
        const headers = codec.decode(block);
        lastStream = Math.max(lastStream, streamId);
        send(synReply(streamId, codec.encode({})));
        const type = headers.streamtype?.[0] ?? "";
        const requestId = headers.requestid?.[0] ?? String(streamId);
        const port = Number(headers.port?.[0]);
        streams.set(streamId, { requestId, type });
        if (pairs.size >= MAX_PAIRS && !pairs.has(requestId)) return;
        const pair = pairs.get(requestId) ?? { port };
        pairs.set(requestId, pair);
        if (type === "error") pair.errorStream = streamId;
        else if (type === "data") pair.dataStream = streamId;
        open(requestId, pair);
        return;
      }
      case ControlType.Ping:
        // A ping is answered with the same frame.
        send(controlFrame(ControlType.Ping, 0, frame.payload));
        return;
      case ControlType.RstStream: {
        const streamId = frame.payload.readUInt32BE(0) & 0x7fffffff;
        const stream = streams.get(streamId);
        streams.delete(streamId);
        if (stream?.type === "data") pairs.get(stream.requestId)?.connection?.end();
        return;
      }
      case ControlType.GoAway:
        ws.close(1000);
        return;
      default:
        // SETTINGS, WINDOW_UPDATE, HEADERS: nothing to do for port forwarding.
        return;
    }
  };

  ws.on("message", (raw: Buffer) => {
    let frames: SpdyFrame[];
    try {
      frames = reader.push(Buffer.from(raw));
    } catch {
      ws.close(1002);
      return;
    }
    for (const frame of frames) {
      if (frame.kind === "control") {
        try {
          control(frame);
        } catch {
          // A frame we cannot read ends this session, never the server.
          ws.close(1002);
          return;
        }
        continue;
      }
      const stream = streams.get(frame.streamId);
      if (!stream) continue;
      const pair = pairs.get(stream.requestId);
      if (stream.type === "data" && pair?.connection) {
        if (frame.data.length) pair.connection.write(new Uint8Array(frame.data));
        if (frame.flags & FLAG_FIN) pair.connection.end();
      }
    }
  });
  ws.on("close", () => {
    for (const pair of pairs.values()) pair.connection?.end();
    pairs.clear();
  });
}
