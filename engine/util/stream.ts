import type { ApiStream } from "../api/types";

/**
 * A push stream that buffers until its consumer subscribes, so a producer can emit initial events
 * before the HTTP layer or the emulated kubectl attaches its listener.
 */
export class PushStream<T> implements ApiStream<T> {
  private buffer: T[] = [];
  private dataListener?: (chunk: T) => void;
  private endListeners: (() => void)[] = [];
  private ended = false;
  private onCloseHooks: (() => void)[] = [];

  push(chunk: T): void {
    if (this.ended) return;
    if (this.dataListener) this.dataListener(chunk);
    else this.buffer.push(chunk);
  }

  /** Ends the stream from the producer side. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const hook of this.onCloseHooks) hook();
    if (this.dataListener) for (const l of this.endListeners) l();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  onData(listener: (chunk: T) => void): void {
    this.dataListener = listener;
    const pending = this.buffer;
    this.buffer = [];
    for (const chunk of pending) listener(chunk);
    if (this.ended) for (const l of this.endListeners) l();
  }

  onEnd(listener: () => void): void {
    this.endListeners.push(listener);
    if (this.ended && this.dataListener) listener();
  }

  /** Ends the stream from the consumer side (client went away). */
  close(): void {
    this.end();
  }

  /** Runs when the stream ends for any reason (unsubscribe from the store, …). */
  onClose(hook: () => void): void {
    this.onCloseHooks.push(hook);
  }
}
