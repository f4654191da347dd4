import type { OutputSink } from "./interpreter";

/**
 * The stopped state of a process group (SIGSTOP, SIGTSTP, Ctrl-Z) and its end (SIGCONT), for a
 * job or the line running in the foreground. A stopped process computes nothing, reads nothing and
 * lets no time pass for itself: its sleeps hold their remaining time until it continues, its
 * output waits with it, a busy loop waits at its next command.
 */
export class StopGate {
  private stoppedNow = false;
  /** Aborted when the group stops: what it waits on at that moment gives way (see pausableSleep). */
  private stopping = new AbortController();
  private continued: (() => void)[] = [];
  private held: [OutputSink, string, "stdout" | "stderr"][] = [];

  get stopped(): boolean {
    return this.stoppedNow;
  }

  stop(): void {
    if (this.stoppedNow) return;
    this.stoppedNow = true;
    this.stopping.abort();
  }

  /** SIGCONT: what waited for it goes on. */
  resume(): void {
    if (!this.stoppedNow) return;
    this.stoppedNow = false;
    this.stopping = new AbortController();
    for (const [sink, data, stream] of this.held.splice(0)) sink(data, stream);
    for (const go of this.continued.splice(0)) go();
  }

  /**
   * `sink` as the group writes to it: what arrives while it is stopped (a watch event a program
   * queued before the stop) comes out once it continues, as a stopped process writes it then.
   */
  hold(sink: OutputSink): OutputSink {
    return (data, stream) => {
      if (this.stoppedNow) this.held.push([sink, data, stream]);
      else sink(data, stream);
    };
  }

  /** Aborts when the group next stops. */
  get stopSignal(): AbortSignal {
    return this.stopping.signal;
  }

  /** Resolves once the group runs (at once when it is not stopped), or when `signal` aborts. */
  whileStopped(signal?: AbortSignal): Promise<void> {
    if (!this.stoppedNow || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        signal?.removeEventListener("abort", done);
        resolve();
      };
      this.continued.push(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }
}

/**
 * A sleep of `ms` (Infinity: until `signal`) that holds while `gate` is stopped: a stop cuts the
 * current wait short, the time still to go is kept, and the rest is slept after SIGCONT, with
 * whatever clock `clock()` gives then (the foreground's until a Ctrl-Z, a job's after it).
 */
export async function pausableSleep(
  ms: number,
  signal: AbortSignal,
  gate: StopGate,
  clock: () => { sleep: (ms: number, signal: AbortSignal) => Promise<void>; now: () => number },
): Promise<void> {
  let remaining = ms;
  for (;;) {
    await gate.whileStopped(signal);
    if (signal.aborted) return;
    const { sleep, now } = clock();
    const started = now();
    await sleep(remaining, AbortSignal.any([signal, gate.stopSignal]));
    if (signal.aborted || !gate.stopped) return;
    remaining = Math.max(0, remaining - (now() - started));
  }
}
