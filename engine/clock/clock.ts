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
  /** Pending timers as a binary min-heap on (at, seq); cancelled ones stay until they reach the top. */
  private heap: Timer[] = [];
  /** How many timers are live (scheduled, neither fired nor cancelled). */
  private liveCount = 0;
  /**
   * Live timers by topic and key, for duplicates, cancel and pendingAt (a key has one or two, not
   * thousands): a duplicate is found among its key's few timers, with no string made per timer.
   */
  private byKey = new Map<string, Timer[]>();
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
    const slot = slotId(topic, key);
    const same = this.byKey.get(slot);
    if (same) {
      for (const t of same) if (t.at === at) return;
    }
    this.insert({ at, topic, key, seq: this.seq++, live: true }, slot, same);
  }

  scheduleIn(delayMs: number, topic: string, key: string): void {
    this.scheduleAt(this.current + Math.max(0, delayMs), topic, key);
  }

  cancel(topic: string, key: string): void {
    const slot = slotId(topic, key);
    const timers = this.byKey.get(slot);
    if (!timers) return;
    this.byKey.delete(slot);
    for (const t of timers) t.live = false;
    this.liveCount -= timers.length;
    // Cancelled timers far ahead would otherwise stay in the heap until their time: rebuild when they are most of it.
    if (this.heap.length > 64 && this.heap.length > 2 * this.liveCount) {
      this.heap = this.liveTimers().sort(byFiringOrder);
    }
  }

  /** When topic/key next fires, if a timer for it is pending. */
  pendingAt(topic: string, key: string): number | undefined {
    let first: number | undefined;
    for (const t of this.byKey.get(slotId(topic, key)) ?? []) if (first === undefined || t.at < first) first = t.at;
    return first;
  }

  nextTimerAt(): number | undefined {
    return this.peek()?.at;
  }

  /** How many timers are pending. */
  get pendingCount(): number {
    return this.liveCount;
  }

  /** Every pending timer in firing order (a sorted copy: for tests and tools, not hot paths). */
  pendingTimers(): readonly TimerRecord[] {
    return this.liveTimers()
      .sort(byFiringOrder)
      .map(({ at, topic, key, seq }) => ({ at, topic, key, seq }));
  }

  /**
   * The first pending timer, in firing order, due at or before `until` that `wanted` accepts:
   * visits only the timers due before it (best-first over the heap), not every pending one.
   */
  firstPendingWhere(until: number, wanted: (topic: string, key: string) => boolean): TimerRecord | undefined {
    // Timers of the batch being settled are due now, before anything still pending.
    for (const t of this.firing) if (t.at <= until && wanted(t.topic, t.key)) return { at: t.at, topic: t.topic, key: t.key, seq: t.seq };
    const heap = this.heap;
    // A second heap of indices into the first, ordered like it: its top is the next timer in firing order.
    const frontier: number[] = [];
    const push = (i: number) => {
      if (i >= heap.length || heap[i].at > until) return;
      frontier.push(i);
      siftUp(frontier, frontier.length - 1, (a, b) => before(heap[a], heap[b]));
    };
    push(0);
    while (frontier.length > 0) {
      const i = popTop(frontier, (a, b) => before(heap[a], heap[b]))!;
      const t = heap[i];
      if (t.live && wanted(t.topic, t.key)) return { at: t.at, topic: t.topic, key: t.key, seq: t.seq };
      push(2 * i + 1);
      push(2 * i + 2);
    }
    return undefined;
  }

  /**
   * Moves time forward to `target`, firing due timers in time order with the clock set to their
   * time. Every timer due at one instant fires before `afterEach` (the owner settling controllers)
   * runs once for that instant: things that happen at the same moment (pods started together
   * becoming ready together) are seen together, as a real controller's workqueue folds the
   * notifications that arrive while it is busy into one key.
   */
  advanceTo(target: number, afterEach?: () => void): number {
    let fired = 0;
    const outer = this.target;
    this.target = Math.max(target, this.current);
    try {
      for (let next = this.peek(); next && next.at <= target; next = this.peek()) {
        const instant = next.at;
        if (instant > this.current) this.current = instant;
        const batch: Timer[] = [];
        // Timers a handler schedules for this same instant join the batch.
        for (let due = this.peek(); due && due.at === instant; due = this.peek()) {
          const timer = this.takeFirst();
          const handler = this.handlers.get(timer.topic);
          if (!handler) continue;
          handler(timer.key, timer.at);
          batch.push(timer);
        }
        fired += batch.length;
        if (batch.length > 0) this.settleBatch(batch, afterEach);
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
    // What fell due at one instant fires as one batch at `target`, then the owner settles; timers
    // that settling schedules for "now" come after the overdue ones. The guard stops a handler that
    // reschedules itself forever.
    for (let guard = 0; (this.peek()?.at ?? Infinity) <= this.current && guard < 100_000; ) {
      const batch: Timer[] = [];
      // One batch per original instant, in their order: a node's heartbeat that fell due before a
      // node lifecycle check must be seen by that check.
      const instant = this.peek()!.at;
      while ((this.peek()?.at ?? Infinity) <= instant && guard < 100_000) {
        guard++;
        const timer = this.takeFirst();
        const handler = this.handlers.get(timer.topic);
        if (!handler) continue;
        handler(timer.key, this.current);
        batch.push(timer);
      }
      fired += batch.length;
      if (batch.length > 0) this.settleBatch(batch, afterEach);
    }
    return fired;
  }

  advanceBy(ms: number, afterEach?: () => void): number {
    return this.advanceTo(this.current + ms, afterEach);
  }

  snapshot(): ClockSnapshot {
    // In firing order, as plain records: a restored clock rebuilds its heap from them.
    return { now: this.current, seq: this.seq, timers: this.pendingTimers().map((t) => ({ ...t })) };
  }

  restore(snapshot: ClockSnapshot): void {
    this.current = snapshot.now;
    this.seq = snapshot.seq;
    this.heap = [];
    this.liveCount = 0;
    this.byKey = new Map();
    for (const t of snapshot.timers) {
      const slot = slotId(t.topic, t.key);
      this.insert({ at: t.at, topic: t.topic, key: t.key, seq: t.seq, live: true }, slot, this.byKey.get(slot));
    }
  }

  /** The timers fired at this instant whose work is being settled (firstPendingWhere counts them). */
  private firing: Timer[] = [];

  private settleBatch(batch: Timer[], afterEach?: () => void): void {
    const outer = this.firing;
    this.firing = batch;
    try {
      afterEach?.();
    } finally {
      this.firing = outer;
    }
  }

  private liveTimers(): Timer[] {
    return this.heap.filter((t) => t.live);
  }

  /** Adds a live timer; `same` is what byKey holds for its `slot`. */
  private insert(timer: Timer, slot: string, same: Timer[] | undefined): void {
    this.liveCount++;
    if (same) same.push(timer);
    else this.byKey.set(slot, [timer]);
    this.heap.push(timer);
    siftUp(this.heap, this.heap.length - 1, before);
  }

  /** The next live timer, dropping cancelled ones from the top on the way. */
  private peek(): Timer | undefined {
    while (this.heap.length > 0 && !this.heap[0].live) popTop(this.heap, before);
    return this.heap[0];
  }

  /** Removes and returns the next live timer (callers peek first: there is one). */
  private takeFirst(): Timer {
    this.peek();
    const timer = popTop(this.heap, before)!;
    timer.live = false;
    this.liveCount--;
    const slot = slotId(timer.topic, timer.key);
    const same = this.byKey.get(slot);
    if (same) {
      const rest = same.filter((t) => t !== timer);
      if (rest.length > 0) this.byKey.set(slot, rest);
      else this.byKey.delete(slot);
    }
    return timer;
  }
}

interface Timer extends TimerRecord {
  /** False once fired or cancelled: the heap drops it when it reaches the top. */
  live: boolean;
}

/** Firing order: by time, then by scheduling order (equal times fire in the order they were scheduled). */
function before(a: TimerRecord, b: TimerRecord): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

function byFiringOrder(a: TimerRecord, b: TimerRecord): number {
  return a.at - b.at || a.seq - b.seq;
}

function siftUp<T>(heap: T[], index: number, less: (a: T, b: T) => boolean): void {
  const item = heap[index];
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >>> 1;
    if (!less(item, heap[parent])) break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = item;
}

function popTop<T>(heap: T[], less: (a: T, b: T) => boolean): T | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length === 0 || last === undefined) return top;
  let i = 0;
  const n = heap.length;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && less(heap[right], heap[left]) ? right : left;
    if (!less(heap[child], last)) break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = last;
  return top;
}

function slotId(topic: string, key: string): string {
  return `${topic}\u0000${key}`;
}
