import { SIGCONT, SIGHUP, SIGINT, SIGKILL, SIGTERM, STOP_SIGNALS, signalDescription, signalEnds } from "./jobs-signals";
import { pausableSleep, StopGate } from "./jobs-stop";

/**
 * Job control for one terminal: what `cmd &` started, as bash keeps it (job numbers, the current
 * `+` and previous `-` job, the "Done" notices before the next prompt) and how its jobs share time
 * with the foreground.
 *
 * Time. With the app's wall-clock sleep a job simply sleeps on the wall clock. On the virtual
 * clock (scripts, grading, tests) only the foreground moves time: a job's `sleep 30` waits until
 * the foreground's own sleeps, `wait` or `fg` have carried the clock there, so `sleep 30 & echo
 * after` does not jump 30 s. The foreground steps the clock from one job wake-up to the next and
 * lets the woken jobs run until they wait again, so the interleaving is the same on every run.
 */
export interface Job {
  readonly number: number;
  readonly pid: number;
  /** The command as bash shows it, without the trailing `&`. */
  readonly command: string;
  /** `stopped`: SIGSTOP, SIGTSTP or Ctrl-Z stopped it (see StopGate); SIGCONT, `bg` and `fg` resume it. */
  state: "running" | "stopped" | "done";
  /** Exit status once done: the command's, or 128+N for a job signal N ended. */
  status: number;
  /** The signal that ended the job. */
  signal?: number;
  /** Its end was reported (the notice, `jobs`, `wait` in a script): it leaves the table. */
  notified: boolean;
  /** `fg` brought it to the foreground: its end is the line's result, not a notice. */
  foreground: boolean;
  /** Blocked in a sleep. */
  sleeping: boolean;
  /** The command line that started it, or resumed it (see notices). */
  line: number;
  /** `wait` saw it end. */
  waited: boolean;
  readonly controller: AbortController;
  /** Holds the job's commands while it is stopped. */
  readonly gate: StopGate;
  /** Its stop was reported (the `[N]+  Stopped` line): reported once per stop. */
  stopReported: boolean;
  /** SIGCONT resumed it and no `jobs -n` has reported that yet. */
  continueUnreported?: boolean;
  /** A signal sent while it was stopped, delivered when it continues (bash's kill sends none but TERM, HUP and KILL on at once). */
  pending?: number;
  /** SIGKILL, SIGTERM or SIGHUP ended it while stopped: bash reports `Stopped` once more before the end (checked against bash 5.2). */
  reportStopAgain?: boolean;
  /** It ended while stopped: until it leaves the table it keeps its place as a stopped job in the `+`/`-` order, as in bash. */
  endedStopped?: boolean;
  /** Settles once the job's commands returned (after a kill: once they noticed it). */
  readonly settled: Promise<void>;
}

export interface JobTableOptions {
  /** Interactive shells announce jobs (`[1] 1234`) and report their end before the next prompt. */
  interactive: boolean;
  /** Jobs running at once in one terminal. */
  limit: number;
  /** The virtual clock when jobs must not move it themselves; undefined when sleeps follow the wall clock. */
  virtualClock?: { now(): number; advanceTo(t: number): void };
  /** Monotonic milliseconds (bounds how long the foreground lets jobs run, see SETTLE_WALL_MS). */
  monotonic: () => number;
}

interface Sleeper {
  at: number;
  seq: number;
  /** Undefined for an alarm (timeout's deadline), which is nobody's wait. */
  job?: Job;
  wake: () => void;
}

/** Turns of the event loop a woken job gets at once, before the foreground polls for it. */
const SETTLE_TURNS = 64;
/**
 * How long the foreground waits for a woken or new job to reach its next wait. A command's first
 * use in a process loads its module (I/O, not event-loop turns); a job that computes longer than
 * this runs on alongside the foreground. On the virtual clock (scripts, grading, tests) the wait is
 * longer, so that a loaded machine gives the same interleaving as an idle one; with the wall clock
 * a learner's line just returns sooner.
 */
const SETTLE_WALL_MS = { virtual: 5000, wall: 1000 };

export class JobTable {
  private readonly jobs: Job[] = [];
  /** Job numbers, most recently started (or brought forward) last: the current job is the last. */
  private recency: number[] = [];
  /** Jobs `disown` took out of the table: still running until they end or the terminal hangs up. */
  private readonly disowned = new Set<Job>();
  private sleepers: Sleeper[] = [];
  private sleeperSeq = 0;
  private lineSeq = 0;
  /** Waits (anySettled) that a stop or a resume must wake: the job they wait for changed state. */
  private changeWaiters: (() => void)[] = [];
  /** The job `fg` waits for: Ctrl-Z stops it (see Terminal.suspend). */
  foreground?: Job;

  constructor(private readonly options: JobTableOptions) {}

  get interactive(): boolean {
    return this.options.interactive;
  }

  /** Every job of the table, by number. */
  list(): readonly Job[] {
    return this.jobs;
  }

  get running(): number {
    return this.jobs.filter((j) => j.state !== "done").length + this.disowned.size;
  }

  /** Jobs computing or waiting on time now: a stopped job waits for nothing, so it does not count. */
  get active(): number {
    return [...this.jobs, ...this.disowned].filter((j) => j.state === "running").length;
  }

  /**
   * Starts `run` as job `command`; undefined when the terminal runs as many jobs as it may.
   * `run` gets the job (its controller's signal stops it) and resolves with its exit status.
   */
  canStart(): boolean {
    return this.running < this.options.limit;
  }

  start(command: string, pid: number, run: (job: Job) => Promise<number>): Job | undefined {
    if (!this.canStart()) return undefined;
    const number = this.nextNumber();
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const job: Job = { number, pid, command, state: "running", status: 0, notified: false, foreground: false, sleeping: false, line: this.lineSeq, waited: false, controller: new AbortController(), gate: new StopGate(), stopReported: false, settled };
    this.track(job, run(job), settle);
    return job;
  }

  /**
   * A foreground line Ctrl-Z stopped becomes a job (bash: its process group joins the job table):
   * `ends` settles with its status. Its stop is reported by the caller, at once.
   */
  adopt(command: string, pid: number, controller: AbortController, gate: StopGate, ends: Promise<number>): Job {
    const number = this.nextNumber();
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    const job: Job = { number, pid, command, state: "stopped", status: 0, notified: false, foreground: false, sleeping: false, line: this.lineSeq, waited: false, controller, gate, stopReported: true, settled };
    this.track(job, ends, settle);
    return job;
  }

  private nextNumber(): number {
    return this.jobs.reduce((max, j) => Math.max(max, j.number), 0) + 1;
  }

  private track(job: Job, ends: Promise<number>, settle: () => void): void {
    this.jobs.push(job);
    this.recency.push(job.number);
    void ends
      .then(
        (status) => this.finish(job, status),
        () => this.finish(job, 1),
      )
      .finally(() => {
        this.disowned.delete(job);
        settle();
      });
  }

  private finish(job: Job, status: number): void {
    if (job.state === "done") return;
    job.state = "done";
    job.status = status;
  }

  /**
   * Sends `signal` to the job: SIGSTOP/SIGTSTP/SIGTTIN/SIGTTOU stop it, SIGCONT resumes it, one that
   * ends a process ends it now (its commands are stopped). A stopped job keeps an ending signal
   * for when it continues, except SIGKILL, and SIGTERM and SIGHUP after which bash's kill sends SIGCONT.
   */
  async signal(job: Job, signal: number): Promise<void> {
    if (job.state === "done") return;
    if (STOP_SIGNALS.has(signal)) return this.stop(job);
    if (signal === SIGCONT) {
      // `jobs -n` reports the change (`Running`); bash prints no notice for it.
      if (job.state === "stopped") job.continueUnreported = true;
      return this.resume(job);
    }
    if (!signalEnds(signal)) return;
    if (job.state === "stopped") {
      if (signal !== SIGKILL && signal !== SIGTERM && signal !== SIGHUP) {
        job.pending = signal;
        // bash reports the job's status again: it is still stopped.
        job.stopReported = false;
        return;
      }
      job.reportStopAgain = this.options.interactive;
    }
    await this.end(job, signal);
  }

  /** The job stops: it becomes the current job, and its stop is reported before the next prompt. */
  stop(job: Job): void {
    if (job.state !== "running") return;
    job.state = "stopped";
    job.stopReported = false;
    job.continueUnreported = false;
    job.gate.stop();
    this.changed();
    this.recency = [...this.recency.filter((n) => n !== job.number), job.number];
  }

  /** SIGCONT: the job runs on (in the background unless `fg` waits for it); a signal kept for it arrives now. */
  async resume(job: Job): Promise<void> {
    if (job.state !== "stopped") return;
    job.state = "running";
    job.gate.resume();
    this.changed();
    // bash draws the next prompt before it hears of an end the continued job meets at once.
    job.line = this.lineSeq;
    const pending = job.pending;
    job.pending = undefined;
    if (pending !== undefined) await this.end(job, pending);
  }

  private changed(): void {
    for (const wake of this.changeWaiters.splice(0)) wake();
  }

  private async end(job: Job, signal: number): Promise<void> {
    if (job.state === "stopped") job.endedStopped = true;
    job.gate.resume();
    job.state = "done";
    job.signal = signal;
    job.status = 128 + signal;
    job.controller.abort();
    await this.letRun(() => true, job.settled);
  }

  /** Stops every job, disowned ones too (the terminal's last shell exited, a script ended). */
  async hangUp(signal = SIGHUP): Promise<void> {
    const all = [...this.jobs.filter((j) => j.state !== "done"), ...this.disowned];
    await Promise.all(all.map((j) => this.signal(j, signal)));
    this.disowned.clear();
    this.jobs.length = 0;
    this.recency = [];
  }

  // ---------- finding jobs ----------

  /**
   * The current (`+`) job, or undefined: as bash chooses it, the most recently stopped job while
   * one is stopped, else the most recently started (or brought forward) one.
   */
  current(): Job | undefined {
    return this.ranked()[0];
  }

  /** The previous (`-`) job: the next in the same order. */
  previous(): Job | undefined {
    return this.ranked()[1];
  }

  private ranked(): Job[] {
    const byRecency = this.recency.map((n) => this.byNumber(n)!).reverse();
    const stopped = (j: Job) => j.state === "stopped" || !!j.endedStopped;
    return [...byRecency.filter(stopped), ...byRecency.filter((j) => !stopped(j))];
  }

  byNumber(n: number | undefined): Job | undefined {
    return n === undefined ? undefined : this.jobs.find((j) => j.number === n);
  }

  byPid(pid: number): Job | undefined {
    return this.jobs.find((j) => j.pid === pid) ?? [...this.disowned].find((j) => j.pid === pid);
  }

  /**
   * A job spec as bash reads it: %N, %%, %+, %, %-, %string (the command starts with it), %?string
   * (contains it). `ambiguous` when a string names several jobs.
   */
  find(spec: string): Job | "ambiguous" | undefined {
    const body = spec.startsWith("%") ? spec.slice(1) : spec;
    if (body === "" || body === "%" || body === "+") return this.current();
    if (body === "-") return this.previous() ?? this.current();
    if (/^\d+$/.test(body)) return this.byNumber(Number(body));
    const matches = body.startsWith("?") ? this.jobs.filter((j) => j.command.includes(body.slice(1))) : this.jobs.filter((j) => j.command.startsWith(body));
    if (matches.length > 1) return "ambiguous";
    return matches[0];
  }

  /** Takes the job out of the table; it keeps running, or stays stopped (`disown`). */
  disown(job: Job): void {
    this.remove(job);
    if (job.state !== "done") this.disowned.add(job);
  }

  /** Makes the job the current one (`fg`). */
  bringForward(job: Job): void {
    this.recency = [...this.recency.filter((n) => n !== job.number), job.number];
    job.foreground = true;
  }

  remove(job: Job): void {
    const index = this.jobs.indexOf(job);
    if (index >= 0) this.jobs.splice(index, 1);
    this.recency = this.recency.filter((n) => n !== job.number);
  }

  // ---------- what bash prints ----------

  marker(job: Job): string {
    if (job.number === this.current()?.number) return "+";
    if (job.number === this.previous()?.number) return "-";
    return " ";
  }

  /** `jobs`' line for the job (`-l` adds its pid), as bash lays it out. */
  describe(job: Job, withPid = false): string {
    const status = job.state === "running" ? "Running" : job.state === "stopped" ? "Stopped" : job.signal !== undefined ? signalDescription(job.signal) : job.status === 0 ? "Done" : `Exit ${job.status}`;
    const command = job.state === "running" ? `${job.command} &` : job.command;
    return `[${job.number}]${this.marker(job)}  ${withPid ? `${job.pid} ` : ""}${status.padEnd(24)}${command}\n`;
  }

  /** bash's report of a stop (Ctrl-Z, SIGSTOP): on a line of its own, after a newline. */
  stopNotice(job: Job): string {
    job.stopReported = true;
    return `\n${this.describe(job)}`;
  }

  /**
   * The end-of-job notices bash prints before the next prompt (interactive shells), in job order;
   * reported jobs leave the table. A non-interactive shell prints none: an ended job stays until
   * `jobs` or `wait` reported it (the oldest go first past the job limit, so a script's table stays bounded).
   */
  notices(): string {
    let out = "";
    const line = this.lineSeq++;
    if (!this.options.interactive) {
      const ended = this.jobs.filter((j) => j.state === "done");
      for (const [i, job] of ended.entries()) if (job.notified || i < ended.length - this.options.limit) this.remove(job);
      return "";
    }
    for (const job of [...this.jobs]) {
      if (job.state === "stopped" && !job.stopReported) out += this.stopNotice(job);
      if (job.reportStopAgain) {
        job.reportStopAgain = false;
        out += `\n${this.describe({ ...job, state: "stopped" })}`;
        continue;
      }
      if (job.state !== "done") continue;
      // bash draws the next prompt right after forking a job, before a short one (`true &`) has
      // ended: its notice comes a prompt later, unless the line waited for it.
      if (job.line === line && !job.waited && !job.notified) continue;
      if (!job.notified && !job.foreground) out += this.describe(job);
      this.remove(job);
    }
    return out;
  }

  // ---------- time ----------

  /**
   * A job's sleep: on the virtual clock it waits for the foreground to bring the clock there. While
   * the job is stopped its sleep holds the time it has still to go.
   */
  sleep(job: Job, ms: number, signal: AbortSignal, wallSleep?: (ms: number, signal: AbortSignal) => Promise<void>): Promise<void> {
    const clock = this.options.virtualClock;
    const now = clock ? () => clock.now() : () => performance.now();
    return pausableSleep(ms, signal, job.gate, () => ({ sleep: (left, until) => this.jobSleep(job, left, until, wallSleep), now }));
  }

  /** A job's sleep that does not hold for a stop itself (its caller does: a stopped foreground line's). */
  sleepUnpaused(job: Job, ms: number, signal: AbortSignal, wallSleep?: (ms: number, signal: AbortSignal) => Promise<void>): Promise<void> {
    return this.jobSleep(job, ms, signal, wallSleep);
  }

  private async jobSleep(job: Job, ms: number, signal: AbortSignal, wallSleep?: (ms: number, signal: AbortSignal) => Promise<void>): Promise<void> {
    if (signal.aborted) return;
    const clock = this.options.virtualClock;
    if (!clock) {
      job.sleeping = true;
      try {
        await wallSleep?.(ms, signal);
      } finally {
        job.sleeping = false;
      }
      return;
    }
    await new Promise<void>((resolve) => {
      // A wait with no end is nobody's next wake: only a signal ends it.
      const sleeper: Sleeper = { at: Number.isFinite(ms) ? clock.now() + Math.max(0, Math.round(ms)) : Number.POSITIVE_INFINITY, seq: this.sleeperSeq++, job, wake: () => done() };
      const done = () => {
        signal.removeEventListener("abort", done);
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        job.sleeping = false;
        resolve();
      };
      job.sleeping = true;
      this.sleepers.push(sleeper);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /**
   * A deadline that is not a wait of the caller's (`timeout 5 CMD`): on the virtual clock it fires
   * when the time the command waits for passes it, as a timer would in a real kernel; on the wall
   * clock it is a wall sleep. Aborting `signal` cancels it.
   */
  async alarm(ms: number, signal: AbortSignal, wallSleep?: (ms: number, signal: AbortSignal) => Promise<void>): Promise<void> {
    if (signal.aborted) return;
    const clock = this.options.virtualClock;
    if (!clock) {
      await wallSleep?.(ms, signal);
      return;
    }
    await new Promise<void>((resolve) => {
      const sleeper: Sleeper = { at: clock.now() + Math.max(0, Math.round(ms)), seq: this.sleeperSeq++, wake: () => done() };
      const done = () => {
        signal.removeEventListener("abort", done);
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        resolve();
      };
      this.sleepers.push(sleeper);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /**
   * The foreground passes `ms` of virtual time: jobs due on the way wake in order and run. A wait
   * that is interrupted on the way (an alarm that fired, Ctrl-C) leaves the clock where it stopped.
   */
  async advanceClock(ms: number, signal?: AbortSignal): Promise<void> {
    const clock = this.options.virtualClock;
    if (!clock) return;
    const target = clock.now() + Math.max(0, Math.round(ms));
    // A job still on its way to its first wait gets there before time moves (same result every run).
    if (!this.allWaiting()) await this.letRun(() => this.allWaiting());
    for (;;) {
      const next = this.nextWake();
      if (next === undefined || next > target) break;
      clock.advanceTo(Math.max(next, clock.now()));
      await this.wakeDue();
      if (signal?.aborted) return;
    }
    clock.advanceTo(target);
  }

  /** When the earliest sleeping job wakes (virtual clock), or undefined. */
  nextWake(): number | undefined {
    let at: number | undefined;
    for (const s of this.sleepers) if (Number.isFinite(s.at) && (at === undefined || s.at < at)) at = s.at;
    return at;
  }

  private async wakeDue(): Promise<void> {
    const now = this.options.virtualClock!.now();
    const due = this.sleepers.filter((s) => s.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const s of due) s.wake();
    if (due.length) await this.letRun(() => this.allWaiting());
  }

  /** No job is computing: each is done or asleep. */
  private allWaiting(): boolean {
    return this.jobs.every((j) => j.state !== "running" || j.sleeping) && [...this.disowned].every((j) => j.sleeping);
  }

  /** Lets jobs run until `enough()` holds or `until` settles (bounded: SETTLE_WALL_MS). */
  async letRun(enough: () => boolean, until?: Promise<void>): Promise<void> {
    let settled = false;
    void until?.then(() => (settled = true));
    const started = this.options.monotonic();
    for (let turn = 0; ; turn++) {
      await new Promise<void>((resolve) => (turn < SETTLE_TURNS ? setImmediate(resolve) : setTimeout(resolve, 1)));
      if (until ? settled : enough()) return;
      if (turn >= SETTLE_TURNS && this.options.monotonic() - started > (this.options.virtualClock ? SETTLE_WALL_MS.virtual : SETTLE_WALL_MS.wall)) return;
    }
  }

  /** After a job starts: let it run up to its first wait, so what it sets up (a port-forward) is there. */
  async started(): Promise<void> {
    await this.letRun(() => this.allWaiting());
  }

  /**
   * Waits until `done()` holds, moving the virtual clock (through the foreground's `sleep`, so the
   * line's limits apply) when every job it waits for sleeps. False when `signal` stopped the wait.
   */
  async waitUntil(done: () => boolean, signal: AbortSignal, sleep: (ms: number) => Promise<void>): Promise<boolean> {
    const clock = this.options.virtualClock;
    while (!done()) {
      if (signal.aborted) return false;
      if (clock) {
        const next = this.nextWake();
        if (this.allWaiting() && next !== undefined) {
          await sleep(Math.max(0, next - clock.now()));
          continue;
        }
        await this.letRun(() => done() || this.allWaiting());
        if (this.allWaiting() && this.nextWake() === undefined && !done()) {
          // Nothing can wake: a job waits on something no clock brings. Wait for it (or Ctrl-C).
          await this.anySettled(signal);
        }
        continue;
      }
      await this.anySettled(signal);
    }
    return true;
  }

  /** Resolves when some running job settles or `signal` aborts. */
  private anySettled(signal: AbortSignal): Promise<void> {
    const running = this.jobs.filter((j) => j.state === "running").map((j) => j.settled);
    return new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        signal.removeEventListener("abort", done);
        this.changeWaiters = this.changeWaiters.filter((w) => w !== done);
        resolve();
      };
      signal.addEventListener("abort", done, { once: true });
      this.changeWaiters.push(done);
      // A job that ended without settling yet (killed) changes the table at once.
      void Promise.race([...running, ...this.jobs.filter((j) => j.state === "done").map(() => Promise.resolve())]).then(done);
    });
  }

  /** `fg` or a Ctrl-C while it runs: the foreground job gets SIGINT. */
  async interruptForeground(job: Job): Promise<void> {
    await this.signal(job, SIGINT);
  }
}
