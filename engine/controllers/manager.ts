import type { ObjectStore, StoreEvent } from "../api/store";
import type { VirtualClock } from "../clock/clock";
import { objectKey, type Controller } from "./controller";

const MAX_STEPS = 100_000;
const TIMER_TOPIC = "controller";

/**
 * Runs controllers to a fixed point after every write (DESIGN.md §3): store events become keys in
 * each interested controller's queue; queues drain in a fixed order until nothing is left.
 * Deterministic, synchronous, and bounded so a controller bug cannot hang the server.
 */
export class ControllerManager {
  private controllers: Controller[] = [];
  /** Controllers by the type keys they watch, in registration order: a write reaches only its watchers. */
  private watchers = new Map<string, Controller[]>();
  /** The `watches` arrays the index was built from (the garbage collector's change with the registry). */
  private indexedWatches: (readonly string[])[] = [];
  private pendingEvents: StoreEvent[] = [];
  private queues = new Map<string, Set<string>>();
  /** The queues again, aligned with `controllers`: nextWork runs after every reconcile. */
  private queueList: Set<string>[] = [];
  private settling = false;
  /** Controllers stop when the kube-controller-manager is down (a learner broke its manifest). */
  private paused = new Set<string>();
  lastError?: string;
  private readonly timerTopic: string;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: VirtualClock,
    /** The cluster's name: clusters share the environment's clock, so each needs its own timer topic. */
    scope = "",
  ) {
    this.timerTopic = scope ? `${TIMER_TOPIC}/${scope}` : TIMER_TOPIC;
    store.subscribe((event) => this.pendingEvents.push(event));
    clock.onTimer(this.timerTopic, (key) => {
      const sep = key.indexOf("|");
      this.enqueue(key.slice(0, sep), key.slice(sep + 1));
    });
  }

  add(controller: Controller): void {
    this.controllers.push(controller);
    const queue = new Set<string>();
    this.queues.set(controller.name, queue);
    // A controller added again under the same name takes over the one queue of that name.
    for (let i = 0; i < this.controllers.length - 1; i++) if (this.controllers[i].name === controller.name) this.queueList[i] = queue;
    this.queueList.push(queue);
    for (const key of controller.resync?.() ?? []) this.enqueue(controller.name, key);
  }

  get names(): string[] {
    return this.controllers.map((c) => c.name);
  }

  requeueAfter(controller: string, key: string, delayMs: number): void {
    this.clock.scheduleIn(delayMs, this.timerTopic, `${controller}|${key}`);
  }

  pendingAt(controller: string, key: string): number | undefined {
    return this.clock.pendingAt(this.timerTopic, `${controller}|${key}`);
  }

  cancelRequeue(controller: string, key: string): void {
    this.clock.cancel(this.timerTopic, `${controller}|${key}`);
  }

  enqueue(controller: string, key: string): void {
    if (this.waiting(controller, key)) return;
    this.queues.get(controller)?.add(key);
  }

  setPaused(names: string[], paused: boolean): void {
    for (const n of names) {
      if (paused) this.paused.add(n);
      else if (this.paused.delete(n)) this.relist(n);
    }
  }

  /**
   * A controller coming back (its kube-controller-manager or scheduler restarted) starts from a full
   * list, as a restarted process's informers do: what changed while it was down is seen even when
   * the queue it had then is gone (a template copy starts with empty queues).
   */
  private relist(name: string): void {
    for (const c of this.controllers) if (c.name === name) for (const key of c.resync?.() ?? []) this.enqueue(name, key);
  }

  /**
   * Re-lists everything: after a restore, controllers start from the store as it now is. With
   * `enqueue` false they only rebuild what they keep in memory (indexes) and reconcile nothing:
   * for a snapshot known to be at their fixed point (a template), where reconciling every object
   * again would change nothing and costs most of an environment's start. That includes the keys
   * `add` queued when the controllers were installed (before the state was restored).
   */
  resyncAll(enqueue = true): void {
    if (!enqueue) {
      for (const queue of this.queueList) queue.clear();
      this.turnKeys.clear();
    }
    const keys = this.controllers.map((c) => c.resync?.() ?? []);
    // A stopped loop (its component is down) kept the work that came in meanwhile in its queue,
    // which no snapshot holds: it gets every key again, to reconcile once it runs.
    this.controllers.forEach((c, i) => {
      if (enqueue || this.paused.has(c.name)) for (const key of keys[i]) this.enqueue(c.name, key);
    });
  }

  /** Processes events and queues until quiet. Re-entrant calls return at once (the outer loop continues). */
  settle(): void {
    if (this.settling) return;
    this.settling = true;
    // Every settle starts its turns from the first controller, so a restored copy settles in the same order as the original.
    if (this.turnKeys.size === 0) this.turn = -1;
    let steps = 0;
    try {
      for (;;) {
        if (this.pendingEvents.length > 0) {
          const events = this.pendingEvents;
          this.pendingEvents = [];
          for (const event of events) this.dispatch(event);
          continue;
        }
        const next = this.nextWork();
        if (!next) break;
        if (++steps > MAX_STEPS) {
          this.lastError = `controllers did not settle after ${MAX_STEPS} steps; stopped to keep the session responsive`;
          for (const q of this.queues.values()) q.clear();
          this.turnKeys.clear();
          break;
        }
        const [controller, key] = next;
        try {
          controller.reconcile(key);
        } catch (e) {
          // A failed reconcile is retried later, as client-go's rate-limited queue would.
          this.lastError = `${controller.name} ${key}: ${e instanceof Error ? e.message : String(e)}`;
          this.requeueAfter(controller.name, key, 5000);
        }
      }
    } finally {
      this.settling = false;
    }
  }

  private watchersOf(typeKey: string): Controller[] {
    const controllers = this.controllers;
    let stale = this.indexedWatches.length !== controllers.length;
    for (let i = 0; !stale && i < controllers.length; i++) stale = controllers[i].watches !== this.indexedWatches[i];
    if (stale) {
      this.watchers.clear();
      this.indexedWatches = controllers.map((c) => c.watches);
      for (const c of controllers) {
        for (const key of new Set(c.watches)) {
          const list = this.watchers.get(key);
          if (list) list.push(c);
          else this.watchers.set(key, [c]);
        }
      }
    }
    return this.watchers.get(typeKey) ?? [];
  }

  private dispatch(event: StoreEvent): void {
    for (const c of this.watchersOf(event.typeKey)) {
      const keys = c.keysFor ? c.keysFor(event) : [objectKey(event.object.metadata.namespace, event.object.metadata.name)];
      const queue = this.queues.get(c.name)!;
      for (const k of keys) if (!this.waiting(c.name, k)) queue.add(k);
    }
  }

  /**
   * The next key, controller by controller in turns: a controller's turn takes every key its queue
   * holds at the start of the turn (keys added meanwhile, by its own writes or another's, wait for
   * its next turn), then the turn passes to the next controller in registration order. Real
   * controllers run concurrently, each draining its own deduplicating workqueue; taking turns over
   * whole queues keeps that (a kubelet reporting twenty pods ready at one instant reports them all
   * before the ReplicaSet controller counts them once), where always running the first controller
   * with work would let each single write ripple through every controller before the next key.
   */
  private nextWork(): [Controller, string] | undefined {
    for (;;) {
      const first = this.turnKeys.values().next();
      if (!first.done) {
        this.turnKeys.delete(first.value);
        const c = this.controllers[this.turn];
        // A controller paused during its turn (its component stopped) keeps the rest queued.
        if (this.paused.has(c.name)) {
          this.queueList[this.turn].add(first.value);
          for (const key of this.turnKeys) this.queueList[this.turn].add(key);
          this.turnKeys.clear();
          continue;
        }
        return [c, first.value];
      }
      if (!this.startNextTurn()) return undefined;
    }
  }

  /** The controller whose turn it is and the keys of its turn not yet handed out. */
  private turn = -1;
  private turnKeys = new Set<string>();

  private startNextTurn(): boolean {
    const n = this.controllers.length;
    for (let step = 1; step <= n; step++) {
      const i = (this.turn + step) % n;
      const queue = this.queueList[i];
      if (queue.size === 0 || this.paused.has(this.controllers[i].name)) continue;
      this.turn = i;
      // The queue becomes the turn's keys and a fresh queue takes what arrives meanwhile.
      this.turnKeys = queue;
      this.replaceQueue(i, new Set());
      return true;
    }
    return false;
  }

  private replaceQueue(index: number, queue: Set<string>): void {
    const old = this.queueList[index];
    for (let i = 0; i < this.queueList.length; i++) if (this.queueList[i] === old) this.queueList[i] = queue;
    for (const [name, q] of this.queues) if (q === old) this.queues.set(name, queue);
  }

  /** A key waiting in its controller's queue is not added twice (client-go's workqueue): one waiting in the current turn counts. */
  private waiting(controller: string, key: string): boolean {
    return this.turnKeys.size > 0 && this.controllers[this.turn].name === controller && this.turnKeys.has(key);
  }
}
