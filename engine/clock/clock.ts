/**
 * The engine's only source of time. Timers are plain data (when, topic, key) rather than closures so
 * that a whole environment — pending timers included — can be snapshotted as JSON and restored.
 * Code that wants to be woken registers a handler for its topic; the handler gets the key back.
 */
export interface TimerRecord {
  at: number;
  topic: string;
  key: string;
  seq: number;
}

export type TimerHandler = (key: string, at: number) => void;

export interface ClockSnapshot {
  now: number;
  seq: number;
  timers: TimerRecord[];
}

export class VirtualClock {
  private current: number;
  private seq = 0;
  private timers: TimerRecord[] = [];
  /** Identities of pending timers, so a duplicate is refused without scanning thousands of timers (one per event for the TTL). */
  private pending = new Set<string>();
  private handlers = new Map<string, TimerHandler>();

  constructor(startMs: number) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** RFC 3339 with seconds precision, the way Kubernetes writes metav1.Time. */
  nowRfc3339(): string {
    this.refreshTexts();
    return this.rfc3339Text;
  }

  /** RFC 3339 with microseconds, the way Kubernetes writes metav1.MicroTime (leases, events.k8s.io). */
  nowMicroTime(): string {
    this.refreshTexts();
    return this.microTimeText;
  }

  /** The texts of now are kept while time stands still: a write reads them several times, a burst of writes thousands. */
  private refreshTexts(): void {
    if (this.textsAt === this.current) return;
    const iso = new Date(this.current).toISOString();
    this.rfc3339Text = iso.replace(/\.\d{3}Z$/, "Z");
    this.microTimeText = iso.replace(/Z$/, "000Z");
    this.textsAt = this.current;
  }

  private textsAt = NaN;
  private rfc3339Text = "";
  private microTimeText = "";

  onTimer(topic: string, handler: TimerHandler): void {
    this.handlers.set(topic, handler);
  }

  /** Schedules topic/key at an absolute time; an identical pending timer is not duplicated. */
  scheduleAt(at: number, topic: string, key: string): void {
    const id = timerId(at, topic, key);
    if (this.pending.has(id)) return;
    this.pending.add(id);
    const record = { at, topic, key, seq: this.seq++ };
    // Keep the list sorted by (at, seq) so firing order is deterministic: insert after every timer due at or before `at`.
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timers[mid].at <= at) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, record);
  }

  scheduleIn(delayMs: number, topic: string, key: string): void {
    this.scheduleAt(this.current + Math.max(0, delayMs), topic, key);
  }

  cancel(topic: string, key: string): void {
    this.timers = this.timers.filter((t) => {
      if (t.topic !== topic || t.key !== key) return true;
      this.pending.delete(timerId(t.at, t.topic, t.key));
      return false;
    });
  }

  nextTimerAt(): number | undefined {
    return this.timers[0]?.at;
  }

  pendingTimers(): readonly TimerRecord[] {
    return this.timers;
  }

  /**
   * Moves time forward to `target`, firing every due timer in order with the clock set to the
   * timer's own time. `afterEach` lets the owner settle controllers between timers.
   */
  advanceTo(target: number, afterEach?: () => void): number {
    let fired = 0;
    const outer = this.target;
    this.target = Math.max(target, this.current);
    try {
      while (this.timers.length > 0 && this.timers[0].at <= target) {
        const timer = this.takeFirst();
        if (timer.at > this.current) this.current = timer.at;
        const handler = this.handlers.get(timer.topic);
        if (handler) {
          handler(timer.key, timer.at);
          fired++;
          afterEach?.();
        }
      }
    } finally {
      this.target = outer;
    }
    if (target > this.current) this.current = target;
    return fired;
  }

  /**
   * Where the advance in progress ends (now when time is not advancing): nothing outside the
   * timers' handlers can look at the world before then, so periodic work whose every tick is
   * superseded by a later one before it may skip the ticks between (see controllers/heartbeats.ts).
   */
  advancingTo(): number {
    const advancing = this.target ?? this.current;
    return this.horizon !== undefined && this.horizon > advancing ? this.horizon : advancing;
  }

  private target: number | undefined;
  /** Set by `steppingTo`: the end of an advance its owner makes in steps. */
  private horizon: number | undefined;

  /**
   * Runs `steps`, which advances this clock to `target` in several advances that nothing else
   * looks at in between (a setup template settled a simulated second at a time, giving the event
   * loop back between seconds). advancingTo() answers `target` meanwhile, so periodic work skips
   * the same ticks as in one advance and the result is the same.
   */
  async steppingTo<T>(target: number, steps: () => Promise<T>): Promise<T> {
    const outer = this.horizon;
    this.horizon = target;
    try {
      return await steps();
    } finally {
      this.horizon = outer;
    }
  }

  /**
   * Moves time straight to `target` and then fires every timer that fell due on the way, once each,
   * at `target`. Periodic work (heartbeats, resyncs) therefore runs once rather than once per period:
   * how a long idle gap is caught up without replaying every tick of it.
   */
  jumpTo(target: number, afterEach?: () => void): number {
    if (target > this.current) this.current = target;
    let fired = 0;
    // Timers a handler schedules for "now" still run; the guard stops a handler that reschedules itself forever.
    for (let guard = 0; this.timers.length > 0 && this.timers[0].at <= this.current && guard < 100_000; guard++) {
      const timer = this.takeFirst();
      const handler = this.handlers.get(timer.topic);
      if (!handler) continue;
      handler(timer.key, this.current);
      fired++;
      afterEach?.();
    }
    return fired;
  }

  advanceBy(ms: number, afterEach?: () => void): number {
    return this.advanceTo(this.current + ms, afterEach);
  }

  snapshot(): ClockSnapshot {
    return { now: this.current, seq: this.seq, timers: this.timers.map((t) => ({ ...t })) };
  }

  restore(snapshot: ClockSnapshot): void {
    this.current = snapshot.now;
    this.seq = snapshot.seq;
    this.timers = snapshot.timers.map((t) => ({ ...t }));
    this.pending = new Set(this.timers.map((t) => timerId(t.at, t.topic, t.key)));
  }

  private takeFirst(): TimerRecord {
    const timer = this.timers.shift()!;
    this.pending.delete(timerId(timer.at, timer.topic, timer.key));
    return timer;
  }
}

function timerId(at: number, topic: string, key: string): string {
  return `${at}\u0000${topic}\u0000${key}`;
}
