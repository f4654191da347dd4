// The browser end of the terminal WebSocket: connects, reconnects with a growing pause after a
// dropped connection (a server restart, a laptop waking up), and stops for good when the server
// says the attempt is over or the user may not use it.
import { CLOSE_CODES, type ClientMessage, type ServerMessage } from "@/lib/terminal/protocol";

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "closed";

export interface ConnectionEvents {
  message(message: ServerMessage): void;
  status(status: ConnectionStatus, detail?: string): void;
}

const MAX_FAILED_ATTEMPTS = 60;
const FINAL_CODES = new Set<number>([CLOSE_CODES.takenOver, CLOSE_CODES.attemptClosed, CLOSE_CODES.refused]);

export class TerminalConnection {
  private socket?: WebSocket;
  private attempts = 0;
  private stopped = false;
  private retryTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly url: string,
    private readonly events: ConnectionEvents,
  ) {}

  static urlFor(attemptId: string, tab: number): string {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    return `${scheme}://${window.location.host}/ws/terminal/${encodeURIComponent(attemptId)}?tab=${tab}`;
  }

  open(): void {
    this.stopped = false;
    this.connect();
  }

  private connect(): void {
    this.events.status(this.attempts === 0 ? "connecting" : "reconnecting");
    const socket = new WebSocket(this.url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.attempts = 0;
      this.events.status("open");
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== "string") return;
      try {
        this.events.message(JSON.parse(event.data) as ServerMessage);
      } catch {
        // A frame we cannot read is dropped; the next ones still work.
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.stopped) return;
      if (FINAL_CODES.has(event.code)) {
        this.stopped = true;
        this.events.status("closed", event.reason || "The terminal was closed.");
        return;
      }
      // A server restart takes a while; a refused handshake (signed out, attempt over) looks the
      // same to a browser. After five minutes of failures the page says so instead of retrying.
      if (!opened && this.attempts >= MAX_FAILED_ATTEMPTS) {
        this.stopped = true;
        this.events.status("closed", "Kubecoach cannot reach this terminal. Reload the page; if the attempt has ended, its terminal is closed.");
        return;
      }
      this.attempts++;
      const delay = Math.min(5000, 250 * 2 ** Math.min(this.attempts, 5));
      this.events.status("reconnecting");
      this.retryTimer = setTimeout(() => this.connect(), delay);
    };
  }

  send(message: ClientMessage): boolean {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  close(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket?.close(1000, "page closed");
    this.socket = undefined;
  }
}
