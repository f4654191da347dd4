// A worker's terminal traffic waits for the end of the current task to go to the server thread in
// one message: a command's output comes in many small writes, and each postMessage costs both
// threads more than the text it carries. Output that follows output on the same connection is
// joined, and a command's `done` carries the output just before it, so the browser gets one
// WebSocket frame per command (each frame is a socket write on the server thread).
import type { TerminalTraffic } from "./protocol";

export class TerminalOutbox {
  private queue: TerminalTraffic[] = [];

  /**
   * `post`: sends the batch. `schedule`: runs the flush once the current task's work is done
   * (the worker uses process.nextTick: a tick queued from a promise's continuation runs once every
   * continuation queued so far has run, so a command that finishes without waiting on a timer
   * sends its output and its done together).
   */
  constructor(
    private readonly post: (batch: TerminalTraffic[]) => void,
    private readonly schedule: (flush: () => void) => void,
  ) {}

  send(traffic: TerminalTraffic): void {
    if (this.queue.length === 0) this.schedule(() => this.flush());
    const last = this.queue[this.queue.length - 1];
    if (traffic.t === "send" && last?.t === "send" && last.conn === traffic.conn && last.message.type === "output") {
      const message = traffic.message;
      if (message.type === "output") {
        last.message = { type: "output", data: last.message.data + message.data };
        return;
      }
      if (message.type === "done" && message.output === undefined) {
        last.message = { ...message, output: last.message.data };
        return;
      }
    }
    this.queue.push(traffic);
  }

  /** Sends what is queued now (before a reply, so the server thread hears of a command's output before its end). */
  flush(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.post(batch);
  }
}
