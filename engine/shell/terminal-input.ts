/**
 * What is typed while a command runs, on its way to a program that reads the terminal (`cat >
 * file`, `kubectl apply -f -`, `read NAME`). The edge (the browser's line editor, the CLI's
 * readline) edits a line and sends it with its newline when Enter is pressed, as a terminal in
 * canonical mode delivers it; Ctrl-D on an empty line sends "" (end of input, as read(2) returning
 * 0), and Ctrl-D after some text sends that text without a newline.
 */
export type InputMode = "line" | "all";

/** Text typed at the terminal that a program may hold before it is delivered (one here-document's worth). */
export const INPUT_LIMIT_BYTES = 4 * 1024 * 1024;

export class InputLimitError extends Error {
  constructor() {
    super(`input limit: more than ${INPUT_LIMIT_BYTES / (1024 * 1024)} MiB typed for one command`);
  }
}

export class TerminalInput {
  /** Chunks typed ahead of a reader; "" marks end of input. */
  private queue: string[] = [];
  private waiter?: { resolve: (chunk: string) => void; reject: (err: Error) => void };
  /** Ctrl-C ended a read: later readers of the same command line stop at once too. */
  private interrupted = false;
  /** Called when a reader starts waiting with nothing queued: the edge should let the user type. */
  onWait?: () => void;

  get waiting(): boolean {
    return this.waiter !== undefined;
  }

  push(data: string): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter.resolve(data);
      return;
    }
    this.queue.push(data);
  }

  /** Ctrl-C while a reader waits: it stops reading (and gets what was typed before). */
  interrupt(): void {
    this.interrupted = true;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(new Error("interrupted"));
  }

  /**
   * Ctrl-Z while a reader waits: the reader no longer waits on this terminal (the next lines may
   * read it); it gets `chunk` from whoever holds the returned function.
   */
  detachReader(): ((chunk: string) => void) | undefined {
    const waiter = this.waiter;
    this.waiter = undefined;
    return waiter?.resolve;
  }

  /** Drops what was typed for a command that is over (Ctrl-C, or it read less than was typed). */
  clear(): void {
    this.queue = [];
    this.interrupted = false;
  }

  /** The next chunk typed ("" = end of input); rejects when `signal` aborts (Ctrl-C). */
  next(signal: AbortSignal): Promise<string> {
    if (this.queue.length > 0) return Promise.resolve(this.queue.shift()!);
    if (signal.aborted || this.interrupted) return Promise.reject(new Error("interrupted"));
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        this.waiter = undefined;
        reject(new Error("interrupted"));
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiter = {
        resolve: (chunk) => {
          signal.removeEventListener("abort", onAbort);
          resolve(chunk);
        },
        reject,
      };
      this.onWait?.();
    });
  }

  /**
   * Reads as a program would: one line (`read`), or everything until end of input. `onChunk` sees
   * each piece as it arrives (a pass-through program like `cat` echoes it at once). On Ctrl-C the
   * error carries what was read so far in `partial`.
   */
  async read(mode: InputMode, signal: AbortSignal, onChunk?: (chunk: string) => void): Promise<string> {
    let text = "";
    for (;;) {
      let chunk: string;
      try {
        chunk = await this.next(signal);
      } catch (err) {
        throw Object.assign(err as Error, { partial: text });
      }
      if (chunk === "") return text;
      text += chunk;
      if (text.length > INPUT_LIMIT_BYTES) throw new InputLimitError();
      onChunk?.(chunk);
      if (mode === "line" && chunk.endsWith("\n")) return text;
    }
  }
}
