import { StringDecoder } from "node:string_decoder";
import type { WebSocket } from "ws";
import type { RemoteCommandSession, SessionStartOptions } from "../../kubelet/streaming/session";

/**
 * exec and attach over a WebSocket, as kubectl ≥1.30 speaks it (KEP-4006): every binary message
 * starts with a channel byte — 0 stdin, 1 stdout, 2 stderr, 3 the final Status (JSON), 4 terminal
 * resize (`{"Width":…,"Height":…}`) and, in v5 only, 255 "close this stream" (kubectl's stdin EOF).
 * After the Status the server closes the socket; kubectl turns the Status into its exit code.
 */
export const REMOTECOMMAND_PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io"] as const;

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

export function serveRemoteCommand(ws: WebSocket, protocol: string, session: RemoteCommandSession, options: SessionStartOptions): void {
  const encoding: BufferEncoding = session.binary ? "latin1" : "utf8";
  const decoder = new StringDecoder(encoding);
  const send = (channel: number, data: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), data]), { binary: true });
  };
  ws.on("message", (raw: Buffer, isBinary: boolean) => {
    // v4 and v5 are binary protocols; a text frame carries base64 only in the old base64.channel.k8s.io.
    const data = isBinary ? raw : Buffer.from(raw.toString(), "utf8");
    if (data.length === 0) return;
    const channel = data[0];
    const body = data.subarray(1);
    try {
      receive(channel, body);
    } catch {
      ws.close(1011);
    }
  });
  const receive = (channel: number, body: Buffer) => {
    if (channel === STDIN) session.writeStdin(decoder.write(body));
    else if (channel === RESIZE) {
      try {
        const size = JSON.parse(body.toString("utf8")) as { Width?: number; Height?: number };
        if (Number.isInteger(size.Width) && Number.isInteger(size.Height)) session.resize({ width: size.Width!, height: size.Height! });
      } catch {
        // A malformed resize is ignored, as the kubelet does.
      }
    } else if (channel === CLOSE && protocol === "v5.channel.k8s.io" && body[0] === STDIN) {
      const rest = decoder.end();
      if (rest) session.writeStdin(rest);
      session.closeStdin();
    }
  };
  ws.on("close", () => session.cancel());
  session
    .start((stream, text) => send(stream === "stdout" ? STDOUT : STDERR, Buffer.from(text, encoding)), options)
    .then(
      (status) => {
        send(ERROR, Buffer.from(JSON.stringify(status), "utf8"));
        ws.close(1000);
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        send(ERROR, Buffer.from(JSON.stringify({ metadata: {}, status: "Failure", message, reason: "InternalError", code: 500 }), "utf8"));
        ws.close(1011);
      },
    );
}
