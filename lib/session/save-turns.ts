// Saves that fall due together take turns with everything else a thread does. Sessions resumed or
// started together stay in step (the first save after a resume, then a full save a minute apart
// while their learners only read), so hundreds of save timers can fire in one timers phase: a
// worker then encoded hundreds of snapshots (a few ms each) back to back while the commands that
// arrived meanwhile waited a second or more. Here a due save runs in a later turn of the event
// loop, one save per turn, so messages and I/O that arrived meanwhile (a learner's command) are
// handled between two saves.

import { markTask } from "./workers/health";

/** Jobs run one per turn of the event loop (setImmediate: after the poll phase's I/O), in the order added. */
export class TurnQueue {
  private readonly jobs = new Set<() => void>();
  private scheduled = false;

  /** Runs `job` in a later turn; returns a function that withdraws it if it has not run yet. */
  add(job: () => void): () => void {
    const entry = () => job();
    this.jobs.add(entry);
    this.schedule();
    return () => void this.jobs.delete(entry);
  }

  /** Jobs waiting for their turn. */
  get size(): number {
    return this.jobs.size;
  }

  private schedule(): void {
    if (this.scheduled || this.jobs.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const next = this.jobs.values().next();
      try {
        if (!next.done) {
          markTask("save");
          this.jobs.delete(next.value);
          next.value();
        }
      } finally {
        this.schedule();
      }
    });
  }
}

/** The live sessions' saves in this thread (the server thread or a session worker). */
export const saveTurns = new TurnQueue();
