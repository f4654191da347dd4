// Keeps live sessions in memory: at most `maxLive` (least recently used goes first), none idle
// for longer than `idleMs`, each saved before it leaves. A session not in memory is resumed from
// its last snapshot on demand, or built fresh when its attempt has none yet (attempt start).
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { LiveSession, type SessionDeps } from "./live-session";
import type { EnsuredSession, ScriptResult, SessionService } from "./service";
import { refKey, type AttemptRef, type DefinitionResolver, type SessionStore } from "./types";

export interface SessionManagerOptions {
  store: SessionStore;
  resolve: DefinitionResolver;
  runScript: ScriptRunner;
  maxLive?: number;
  idleMs?: number;
  persistDelayMs?: number;
  /** See SessionDeps.minSaveIntervalMs; 0 (tests) saves after every command. */
  minSaveIntervalMs?: number;
  tickMs?: number;
  now?: () => number;
  onSaved?: SessionDeps["onSaved"];
  onError?: SessionDeps["onError"];
  /** Told when a session leaves memory (evicted, closed, shut down): a worker tells the server thread. */
  onGone?(ref: AttemptRef): void;
}

/**
 * The server's save interval per session while a learner types: a crash (not a restart, which
 * saves everything) loses at most this much of a session; the command history is written at once.
 */
export const SERVER_MIN_SAVE_INTERVAL_MS = 5_000;

export class AttemptNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`no attempt ${id}`);
  }
}

export class AttemptClosedError extends Error {
  constructor(
    readonly id: string,
    readonly status: string,
  ) {
    super(`attempt ${id} is ${status}`);
  }
}

export type SessionStats = { live: number; busy: number; connectedTabs: number; loading: number };

export class SessionManager implements SessionService {
  private readonly live = new Map<string, LiveSession>();
  private readonly loading = new Map<string, Promise<LiveSession>>();
  /** Sessions being saved on their way out: loading one again waits for its last save. */
  private readonly leaving = new Map<string, Promise<void>>();
  private readonly deps: SessionDeps;
  private readonly maxLive: number;
  private readonly idleMs: number;
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly options: SessionManagerOptions) {
    this.maxLive = options.maxLive ?? 500;
    this.idleMs = options.idleMs ?? 15 * 60_000;
    this.deps = {
      store: options.store,
      runScript: options.runScript,
      now: options.now ?? Date.now,
      persistDelayMs: options.persistDelayMs ?? 250,
      minSaveIntervalMs: options.minSaveIntervalMs ?? 0,
      tickMs: options.tickMs ?? 250,
      ...(options.onSaved ? { onSaved: options.onSaved } : {}),
      ...(options.onError ? { onError: options.onError } : {}),
    };
  }

  /** Evicts idle sessions every `everyMs` (the server starts this; tests call sweep()). */
  startSweeping(everyMs = 30_000): void {
    this.sweeper ??= setInterval(() => void this.sweep(), everyMs);
    this.sweeper.unref?.();
  }

  /**
   * The attempt's session: in memory, resumed from its snapshot, or built fresh (running the
   * scenario's setup) when the attempt has no snapshot yet. Concurrent callers share one load.
   */
  async get(ref: AttemptRef): Promise<LiveSession> {
    const key = refKey(ref);
    const live = this.live.get(key);
    if (live) {
      live.touch();
      return live;
    }
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(ref).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    return pending;
  }

  async ensure(ref: AttemptRef): Promise<EnsuredSession> {
    const session = await this.get(ref);
    return { homeHost: session.homeHost, clusters: session.clusters(), unavailableTasks: session.unavailableTasks() };
  }

  async grade(ref: AttemptRef): ReturnType<SessionService["grade"]> {
    const session = await this.get(ref);
    return { grade: await session.grade(), unavailableTasks: session.unavailableTasks() };
  }

  async runScript(ref: AttemptRef, script: string): Promise<ScriptResult> {
    return (await this.get(ref)).runAsLearner(script);
  }

  activeSeconds(ref: AttemptRef): number | undefined {
    const session = this.peek(ref);
    return session ? Math.floor(session.activeMs / 1000) : undefined;
  }

  /** The session is in memory or on its way there. */
  holds(ref: AttemptRef): boolean {
    const key = refKey(ref);
    return this.live.has(key) || this.loading.has(key);
  }

  /** The session if it is in memory now (no loading). */
  peek(ref: AttemptRef): LiveSession | undefined {
    return this.live.get(refKey(ref));
  }

  private async load(ref: AttemptRef): Promise<LiveSession> {
    await this.leaving.get(refKey(ref));
    const record = await this.deps.store.findAttempt(ref.id);
    if (!record || record.ref.kind !== ref.kind) throw new AttemptNotFoundError(ref.id);
    if (record.status !== "active") throw new AttemptClosedError(ref.id, record.status);
    const definition = await this.options.resolve(record);
    const snapshot = await this.deps.store.loadSnapshot(ref);
    let session: LiveSession;
    if (snapshot) {
      session = LiveSession.resume(record, definition, snapshot, this.deps);
    } else {
      session = await LiveSession.start(record, definition, this.deps);
      // Setup runs once: the fresh environment is saved before anyone types into it.
      session.markDirty();
      await session.flush();
    }
    this.live.set(refKey(ref), session);
    await this.enforceLimit();
    return session;
  }

  /** Ends an attempt's session for good (submitted, expired, abandoned): browsers are told why. */
  async close(ref: AttemptRef, reason: string): Promise<void> {
    const key = refKey(ref);
    const session = this.live.get(key) ?? (await this.loading.get(key)?.catch(() => undefined));
    if (!session) return;
    this.live.delete(key);
    await session.close(reason);
    this.options.onGone?.(ref);
  }

  /** Saves a session and drops it from memory; browsers reconnect and get it resumed. */
  async evict(ref: AttemptRef, reason = "The session was paused to save memory; reconnecting…"): Promise<void> {
    const key = refKey(ref);
    const session = this.live.get(key);
    if (!session) return;
    this.live.delete(key);
    session.disconnectAll(1012, reason);
    const saved = session.flush().finally(() => this.leaving.delete(key));
    this.leaving.set(key, saved);
    await saved;
    session.dispose();
    this.options.onGone?.(ref);
  }

  /** Evicts sessions nobody used for `idleMs` and that have no open terminal or running command. */
  async sweep(): Promise<number> {
    const now = this.deps.now();
    const idle = [...this.live.values()].filter((s) => now - s.lastUsed > this.idleMs && s.connectedTabs === 0 && !s.busy);
    for (const session of idle) await this.evict(session.ref);
    return idle.length;
  }

  /** Over the limit: the least recently used sessions go, preferring those nobody is connected to. */
  private async enforceLimit(): Promise<void> {
    const excess = this.live.size - this.maxLive;
    if (excess <= 0) return;
    const candidates = [...this.live.values()].sort((a, b) => Number(a.connectedTabs > 0) - Number(b.connectedTabs > 0) || a.lastUsed - b.lastUsed);
    for (const session of candidates.slice(0, excess)) await this.evict(session.ref);
  }

  /** Saves every live session (server shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.live.values()].map((s) => s.flush()));
  }

  async shutdown(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    const sessions = [...this.live.values()];
    this.live.clear();
    for (const s of sessions) s.disconnectAll(1001, "The server is restarting; reconnecting…");
    await Promise.all(sessions.map((s) => s.flush()));
    for (const s of sessions) s.dispose();
  }

  stats(): SessionStats {
    let busy = 0;
    let connectedTabs = 0;
    for (const s of this.live.values()) {
      if (s.busy) busy++;
      connectedTabs += s.connectedTabs;
    }
    return { live: this.live.size, busy, connectedTabs, loading: this.loading.size };
  }
}
