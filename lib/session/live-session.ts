// A live session: one attempt's Environment in memory with its terminal tabs, its clock following
// wall time, and its state saved to the database after every command (coalesced, so a burst of
// commands costs one save). Built fresh at attempt start, or resumed from the last snapshot.
import { randomInt } from "node:crypto";
import { CATCH_UP_AFTER_MS, Environment } from "../../engine/cluster/environment";
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { createTerminal, TERMINAL_HISTORY_KEY, type Terminal, type TerminalHistoryEntry, type TerminalSnapshot } from "../../engine/shell";
import { startExamEnvironment, unavailableTasks, type UnavailableTasks } from "../exams/start";
import { gradeAttempt, gradeExam, startAttempt, type ExamGrade, type ScenarioGrade } from "../scenarios";
import { CLOSE_CODES } from "../terminal/protocol";
import { SnapshotSaver } from "./snapshot-saver";
import { saveTurns } from "./save-turns";
import { changedSince, envFingerprint, type EnvFingerprint } from "./env-fingerprint";
import { TerminalTab, type TabClient } from "./terminal-tab";
import { SESSION_SNAPSHOT_FORMAT, type AttemptDefinition, type AttemptRecord, type SavedTerminal, type SessionSnapshot, type SessionStore } from "./types";
import { wallSleep } from "../../engine/http/wall-sleep";
import type { IncomingMessage, ServerResponse } from "node:http";
import { serveSessionKubernetesApi } from "./kubernetes-api";
import type { SessionHandle } from "./service";

export interface SessionDeps {
  store: SessionStore;
  runScript: ScriptRunner;
  /** Wall clock (ms); injected so tests can move it. */
  now: () => number;
  /** Delay before a save after a command, so a burst of commands is saved once. */
  persistDelayMs: number;
  /**
   * Least time between the starts of two saves of one session. A snapshot costs far more than
   * most commands (the whole environment as JSON), so a learner typing steadily is saved every
   * few seconds rather than after each command; evictions and shutdown save at once.
   */
  minSaveIntervalMs: number;
  /** How often the cluster clock catches up with wall time while a command waits (sleep, watch). */
  tickMs: number;
  /** Told after each save (logs, benchmarks). */
  onSaved?(session: LiveSession, info: { bytes: number; ms: number }): void;
  onError?(session: LiveSession, error: unknown): void;
}

const DEFAULT_SIZE = { columns: 120, rows: 32 };
/**
 * Cluster time caught up in one go before a command. A learner back from a break has minutes of
 * heartbeats to replay (about half a millisecond of CPU per cluster second); in slices, the other
 * sessions' commands run in between instead of waiting for all of it.
 */
const CATCH_UP_SLICE_MS = 30_000;
/** Clock advances remembered for a light save (see SnapshotSaver.encodeLight, which refuses more than a thousand). */
const MAX_CLOCK_STEPS = 1000;

/**
 * A saved session's environment, as it was. A live session is saved at rest (every write and
 * every timer settles its controllers before anything else runs), so its controllers only rebuild
 * what they keep in memory and reconcile nothing: the restored environment snapshots to the same
 * bytes and goes on as the original would have, and a resume costs a third of a full resync.
 */
export function restoreSessionEnvironment(snapshot: SessionSnapshot): Environment {
  const env = Environment.restore(snapshot.env, { atFixedPoint: true });
  // A light save: the environment of the last full save, replayed as the live one moved on.
  for (const target of snapshot.clockSteps ?? []) if (target > env.clock.now()) env.advanceTo(target);
  return env;
}

export class LiveSession implements SessionHandle {
  private readonly tabs = new Map<number, TerminalTab>();
  private readonly opening = new Map<number, Promise<TerminalTab>>();
  private readonly savedTerminals = new Map<number, SavedTerminal>();
  /** Encodes saves as deltas against the session's last whole snapshot. */
  private readonly saver = new SnapshotSaver();
  /** Cluster time minus wall time: the cluster clock runs with the wall clock while the session is live. */
  private clockOffset: number;
  private ticker?: NodeJS.Timeout;
  private watchers = 0;
  private saveTimer?: NodeJS.Timeout;
  /** A save that fell due and waits for its turn (save-turns.ts): withdraws it. */
  private queuedSave?: () => void;
  private saving?: Promise<void>;
  private dirty = false;
  /**
   * Someone changed the environment since its last full save (not only its clock): the next save
   * writes it. While only commands that read it ran, a save writes the terminals and the history
   * alone over the last full save (SnapshotSaver.encodeLight), which a restore replays in time.
   */
  private envChanged = true;
  /** Per tab: the environment as the running command found it (env-fingerprint.ts). */
  private readonly commandStart = new Map<number, EnvFingerprint>();
  /** The cluster clock's advances since the environment was last snapshotted (what a light save replays). */
  private clockSteps: number[] = [];
  private lastSaveStarted = Number.NEGATIVE_INFINITY;
  private activeMsBefore: number;
  private connectedSince?: number;
  private commandSeq?: Promise<number>;
  /** History rows still being written (a flush waits for them, so eviction and shutdown lose none). */
  private readonly recording = new Set<Promise<void>>();
  private closedReason?: string;
  /** Wall time of the last use (LRU and idle eviction). */
  lastUsed: number;

  private constructor(
    readonly record: AttemptRecord,
    readonly definition: AttemptDefinition,
    readonly env: Environment,
    readonly homeHost: string,
    private readonly deps: SessionDeps,
    saved?: SessionSnapshot,
  ) {
    this.lastUsed = deps.now();
    this.clockOffset = env.clock.now() - deps.now();
    this.activeMsBefore = saved?.activeMs ?? record.timeUsedSeconds * 1000;
    for (const [tab, terminal] of Object.entries(saved?.terminals ?? {})) this.savedTerminals.set(Number(tab), terminal);
    if (saved) this.saver.resumeFrom(saved);
  }

  /** A fresh environment with the scenario's (or every exam task's) setup done. */
  static async start(record: AttemptRecord, definition: AttemptDefinition, deps: SessionDeps): Promise<LiveSession> {
    const options = { runScript: deps.runScript, seed: randomInt(1, 2 ** 31), startTime: deps.now() };
    if (definition.kind === "scenario") {
      const attempt = await startAttempt(definition.scenario, options);
      return new LiveSession(record, definition, attempt.env, attempt.homeHost, deps);
    }
    // A task whose setup the simulation cannot run yet is left out rather than failing the exam.
    const env = await startExamEnvironment(definition.exam, options);
    return new LiveSession(record, definition, env, env.homeHost.name, deps);
  }

  /** The session as it was last saved; the cluster clock resumes where it stopped. */
  static resume(record: AttemptRecord, definition: AttemptDefinition, snapshot: SessionSnapshot, deps: SessionDeps): LiveSession {
    const env = restoreSessionEnvironment(snapshot);
    return new LiveSession(record, definition, env, snapshot.homeHost, deps, snapshot);
  }

  get ref() {
    return this.record.ref;
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  /** Milliseconds the learner had a terminal open, including the current connection. */
  get activeMs(): number {
    return this.activeMsBefore + (this.connectedSince !== undefined ? this.deps.now() - this.connectedSince : 0);
  }

  /** The parts of activeMs, for a server thread that computes it while the session lives on a worker. */
  activeClock(): { beforeMs: number; since: number | undefined } {
    return { beforeMs: this.activeMsBefore, since: this.connectedSince };
  }

  get connectedTabs(): number {
    let n = 0;
    for (const tab of this.tabs.values()) if (tab.connected) n++;
    return n;
  }

  get busy(): boolean {
    // Background jobs (`kubectl port-forward … &`) wait on the cluster clock too.
    return [...this.tabs.values()].some((t) => t.running || t.terminal.runningJobs > 0) || this.watchers > 0;
  }

  touch(): void {
    this.lastUsed = this.deps.now();
  }

  /** Moves the cluster clock up to wall time (plus the offset it started with), firing due timers. */
  syncClock(): void {
    const target = this.deps.now() + this.clockOffset;
    if (target > this.env.clock.now()) this.advanceClock(target);
  }

  private advanceClock(target: number): void {
    this.noteClockStep(target);
    this.env.advanceTo(target);
  }

  private noteClockStep(target: number): void {
    // Steps pile up only while nothing is saved (grading, say): past a bound, the next save is full.
    if (this.clockSteps.length >= MAX_CLOCK_STEPS) {
      this.clockSteps = [];
      this.envChanged = true;
    }
    this.clockSteps.push(target);
  }

  /**
   * syncClock for a gap of minutes, a slice at a time, yielding to the event loop between slices.
   * Timers fire at their own times either way, so the cluster ends where one advance would leave
   * it. Gaps too long to replay tick by tick are left to the environment's coarse catch-up.
   */
  async catchUp(): Promise<void> {
    // The slices are one advance to the heartbeats (clock.steppingTo): they skip the renewals no
    // one can see up to the catch-up's end, not each slice's. Whatever looks in between (a command,
    // the API gateway, the ticker) syncs the clock to the end first; a save keeps the skip's state.
    const horizon = this.deps.now() + this.clockOffset;
    await this.env.clock.steppingTo(horizon, async () => {
      for (let slices = 0; ; slices++) {
        const behind = this.deps.now() + this.clockOffset - this.env.clock.now();
        if (behind <= CATCH_UP_SLICE_MS || behind > CATCH_UP_AFTER_MS) break;
        // Slices under one horizon advance as one advance to it would: that is the step a replay takes.
        if (slices === 0) this.noteClockStep(horizon);
        this.env.advanceBy(CATCH_UP_SLICE_MS);
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    this.syncClock();
  }

  // ---------- terminals ----------

  /** The tab's terminal: open already, restored from the last save, or a fresh login. */
  tab(number: number): Promise<TerminalTab> {
    const open = this.tabs.get(number);
    if (open) return Promise.resolve(open);
    let pending = this.opening.get(number);
    if (!pending) {
      pending = this.openTab(number).finally(() => this.opening.delete(number));
      this.opening.set(number, pending);
    }
    return pending;
  }

  private async openTab(number: number): Promise<TerminalTab> {
    const saved = this.savedTerminals.get(number);
    let terminal = this.newTerminal(saved?.state);
    try {
      await terminal.ready;
    } catch {
      // A saved shell that no longer fits the environment (a host gone) gives way to a fresh login.
      terminal = this.newTerminal();
      await terminal.ready;
    }
    const tab = new TerminalTab(number, terminal, {
      beforeCommand: async () => {
        this.touch();
        await this.catchUp();
        this.commandStart.set(number, envFingerprint(this.env));
      },
      commandDone: (entry) => this.commandDone(number, entry),
      runningChanged: () => this.updateTicker(),
      relogin: () => this.newTerminal(),
    }, saved?.scrollback ?? "");
    this.tabs.set(number, tab);
    return tab;
  }

  private newTerminal(restore?: TerminalSnapshot): Terminal {
    return createTerminal(this.env, {
      host: this.homeHost,
      sleep: wallSleep,
      ...DEFAULT_SIZE,
      ...(restore ? { restore } : {}),
    });
  }

  /** Connects a browser to a tab (see TerminalTab.attach); returns the detach function. */
  async connect(number: number, client: TabClient): Promise<() => void> {
    const tab = await this.tab(number);
    if (this.closed) {
      client.send({ type: "closed", reason: this.closedReason! });
      client.close(CLOSE_CODES.attemptClosed, this.closedReason!);
      return () => undefined;
    }
    if (this.connectedTabs === 0) this.connectedSince = this.deps.now();
    tab.attach(client, CLOSE_CODES.takenOver);
    this.touch();
    return () => {
      const wasConnected = tab.connected;
      tab.detach(client);
      if (wasConnected && this.connectedTabs === 0 && this.connectedSince !== undefined) {
        this.activeMsBefore += this.deps.now() - this.connectedSince;
        this.connectedSince = undefined;
        // The time used and the last screen are worth keeping when the learner leaves.
        this.markDirty();
      }
    };
  }

  private commandDone(number: number, entry: { line: string; exitCode: number; location: string }): void {
    this.touch();
    const before = this.commandStart.get(number);
    this.commandStart.delete(number);
    if (!before || changedSince(before, this.env)) this.envChanged = true;
    if (entry.line.trim()) {
      const recorded = this.recordCommand(number, entry);
      this.recording.add(recorded);
      void recorded.finally(() => this.recording.delete(recorded));
    }
    this.markDirty(false);
  }

  private async recordCommand(number: number, entry: { line: string; exitCode: number; location: string }): Promise<void> {
    try {
      this.commandSeq = (this.commandSeq ?? this.deps.store.lastCommandSeq(this.ref)).then((n) => n + 1);
      const seq = await this.commandSeq;
      await this.deps.store.appendCommand(this.ref, {
        terminalId: String(number),
        seq,
        line: entry.line,
        exitCode: entry.exitCode,
        location: entry.location,
        executedAt: new Date(this.deps.now()),
      });
    } catch (e) {
      this.deps.onError?.(this, e);
    }
  }

  /** See SessionHandle.kubernetesApi (lib/session/kubernetes-api.ts). */
  kubernetesApi(cluster: string, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams): Promise<void> {
    return serveSessionKubernetesApi(this, cluster, req, res, path, query);
  }

  // ---------- time ----------

  /** Kubernetes API watches through the /k8s gateway also need the clock to move. */
  watchStarted(): () => void {
    this.watchers++;
    this.updateTicker();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.watchers--;
      this.updateTicker();
    };
  }

  private updateTicker(): void {
    if (this.busy && !this.ticker && !this.closed) {
      this.ticker = setInterval(() => {
        try {
          this.syncClock();
        } catch (e) {
          this.deps.onError?.(this, e);
        }
      }, this.deps.tickMs);
      this.ticker.unref?.();
    } else if (!this.busy && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  // ---------- saving ----------

  /**
   * Something changed: save soon (commands in a burst share one save). `envChanged` false: only
   * the terminals and their history (a command that read the environment).
   */
  markDirty(envChanged = true): void {
    if (envChanged) this.envChanged = true;
    this.dirty = true;
    if (this.saveTimer || this.queuedSave || this.saving) return;
    const sinceLast = this.deps.now() - this.lastSaveStarted;
    const delay = Math.max(this.deps.persistDelayMs, this.deps.minSaveIntervalMs - sinceLast);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.queuedSave = saveTurns.add(() => {
        this.queuedSave = undefined;
        void this.persist();
      });
    }, delay);
    this.saveTimer.unref?.();
  }

  private cancelScheduledSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.queuedSave?.();
    this.queuedSave = undefined;
  }

  /** Saves now if anything changed; waits for any save in flight and for command history rows still being written. */
  async flush(): Promise<void> {
    this.cancelScheduledSave();
    while (this.saving) await this.saving;
    // Leaving memory (eviction, shutdown, the learner's last tab closing) saves everything.
    if (this.dirty) {
      this.envChanged = true;
      await this.persist();
    }
    await Promise.all(this.recording);
  }

  private persist(): Promise<void> {
    this.cancelScheduledSave();
    if (this.saving) return this.saving;
    this.dirty = false;
    // A command still running (or a job, a watch) may be changing the environment right now.
    const whole = this.envChanged || this.busy;
    this.envChanged = false;
    this.lastSaveStarted = this.deps.now();
    const started = performance.now();
    this.saving = (async () => {
      try {
        const light = whole ? undefined : await this.encodeLight();
        const snapshot = light ? undefined : await this.snapshot();
        const row = light ?? (await this.saver.encode(snapshot!));
        const activeMs = snapshot?.activeMs ?? this.activeMs;
        const { bytes, baseId } = await this.deps.store.saveEncodedSnapshot(this.ref, row, Math.floor(activeMs / 1000));
        this.saver.stored(row, baseId);
        const at = new Date(this.deps.now()).toISOString();
        for (const tab of this.tabs.values()) tab.send({ type: "saved", at });
        this.deps.onSaved?.(this, { bytes, ms: performance.now() - started });
      } catch (e) {
        this.dirty = true;
        if (whole) this.envChanged = true;
        this.deps.onError?.(this, e);
      }
    })().finally(() => {
      this.saving = undefined;
      if (this.dirty && !this.closed) this.markDirty(false);
    });
    return this.saving;
  }

  /** A light save's row (see envChanged), or undefined when the saver needs a full one. */
  private async encodeLight(): Promise<ReturnType<SnapshotSaver["encodeLight"]>> {
    await this.snapshotTerminals();
    const history = this.env.extra[TERMINAL_HISTORY_KEY];
    return this.saver.encodeLight(
      {
        terminals: Object.fromEntries([...this.savedTerminals].map(([n, t]) => [String(n), t])),
        activeMs: this.activeMs,
        savedAt: new Date(this.deps.now()).toISOString(),
        clockSteps: this.clockSteps,
      },
      Array.isArray(history) ? (history as TerminalHistoryEntry[]) : [],
    );
  }

  private async snapshotTerminals(): Promise<void> {
    for (const [number, tab] of this.tabs) {
      if (tab.running) {
        const before = this.savedTerminals.get(number);
        if (before) this.savedTerminals.set(number, { ...before, scrollback: tab.scrollback });
        continue;
      }
      this.savedTerminals.set(number, { state: await tab.terminal.snapshot(), scrollback: tab.scrollback });
    }
  }

  /** The whole session as plain JSON. A tab busy with a command keeps the state it had before it. */
  async snapshot(): Promise<SessionSnapshot> {
    this.syncClock();
    const env = this.env.snapshot();
    // A light save from here on replays the clock from this snapshot.
    this.clockSteps = [];
    await this.snapshotTerminals();
    return {
      format: SESSION_SNAPSHOT_FORMAT,
      env,
      terminals: Object.fromEntries([...this.savedTerminals].map(([n, t]) => [String(n), t])),
      homeHost: this.homeHost,
      activeMs: this.activeMs,
      savedAt: new Date(this.deps.now()).toISOString(),
    };
  }

  // ---------- grading ----------

  /**
   * Grades the current state on a copy of the environment, after the scenario's settling time,
   * so that checking never changes what the learner works on.
   */
  async grade(): Promise<ScenarioGrade | ExamGrade> {
    this.syncClock();
    const copy = Environment.restore(JSON.parse(JSON.stringify(this.env.snapshot())));
    const options = { runScript: this.deps.runScript };
    if (this.definition.kind === "scenario") {
      const scenario = this.definition.scenario;
      copy.advanceBy(scenario.meta.timing.beforeGrading * 1000);
      return gradeAttempt({ env: copy, homeHost: this.homeHost, scenario, defaultCluster: scenario.environment.clusters[0].name }, options);
    }
    const exam = this.definition.exam;
    copy.advanceBy(Math.max(...exam.tasks.map((t) => t.scenario.meta.timing.beforeGrading)) * 1000);
    return gradeExam({ env: copy, exam }, options);
  }

  /**
   * Runs a script on the home host as the learner would type it (recorded in the terminal history
   * graders read), then lets the scenario's settling time pass, as before grading.
   */
  async runAsLearner(script: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    this.syncClock();
    const result = await this.deps.runScript(this.env, script, { host: this.homeHost, user: "root", asLearner: true });
    this.markDirty();
    return result;
  }

  /** Cluster names (for downloaded kubeconfigs). */
  clusters(): string[] {
    return [...this.env.clusters.keys()];
  }

  /** Exam tasks whose setup could not run in the simulation, with the reason. */
  unavailableTasks(): UnavailableTasks {
    return unavailableTasks(this.env);
  }

  // ---------- ending ----------

  /** The attempt is over: every browser is told why, the last state is saved, timers stop. */
  async close(reason: string): Promise<void> {
    if (this.closed) return;
    for (const tab of this.tabs.values()) tab.disconnect(CLOSE_CODES.attemptClosed, reason);
    if (this.connectedSince !== undefined) {
      this.activeMsBefore += this.deps.now() - this.connectedSince;
      this.connectedSince = undefined;
    }
    this.dirty = true;
    await this.flush();
    this.closedReason = reason;
    this.dispose();
  }

  /** Drops the session from memory (after a save): stops timers, cuts commands and editors short. */
  dispose(): void {
    this.cancelScheduledSave();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    for (const tab of this.tabs.values()) {
      tab.finishEdit(undefined);
      if (tab.running) tab.terminal.interrupt();
      // Jobs are not saved (a resumed session starts with none, as a re-login): none outlives its session.
      void tab.terminal.stopJobs();
    }
  }

  /** For eviction: closes connections with a reason the browser reconnects after. */
  disconnectAll(code: number, reason: string): void {
    for (const tab of this.tabs.values()) tab.disconnect(code, reason);
    if (this.connectedSince !== undefined) {
      this.activeMsBefore += this.deps.now() - this.connectedSince;
      this.connectedSince = undefined;
    }
  }
}
