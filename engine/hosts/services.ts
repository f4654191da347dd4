import { klogAtLineTime } from "../kubelet/klog";

/**
 * systemd as the simulation needs it: units that are active or not, enabled or not, and a journal
 * per unit. What starting a unit means (does the kubelet come up with this config?) is decided by
 * the owner of the unit through a start hook, so `systemctl` and the node simulation agree.
 */
const KLOG_SEVERITY = new Set(["I", "W", "E", "F"]);

export type UnitActiveState = "active" | "inactive" | "failed" | "activating";

export interface UnitState {
  name: string;
  description: string;
  active: UnitActiveState;
  /** systemd's SubState: running, dead, exited, failed, auto-restart. */
  sub: string;
  enabled: boolean;
  /** Cluster time the unit entered its current state. */
  since: number;
  mainPid?: number;
  /** Why the last start failed, as the unit's own log would say it. */
  result?: string;
  /** PID of the last main process, kept after it exited (`Main PID: 1234 (code=exited, …)`). */
  lastPid?: number;
  /** systemd's restart counter for Restart= units. */
  restarts?: number;
  /** How the last main process exited when it did not run (`203/EXEC`); default `1/FAILURE`. */
  exitStatus?: string;
}

/**
 * What systemd does around a unit that ServiceManager cannot know by itself: the unit file's
 * Restart=/RestartSec= and a timer on the environment's clock (installed by the host-base plugin).
 */
export interface ServiceRuntime {
  restartPolicy(unit: string): { restart: string; restartSec: number };
  /** Calls `retry(unit)` after `delayMs` of cluster time. */
  schedule(unit: string, delayMs: number): void;
  /** The program ExecStart names when it is not on the host (systemd cannot exec it). */
  missingExecutable?(unit: string): string | undefined;
}

export interface JournalEntry {
  time: number;
  unit: string;
  message: string;
  /** SYSLOG_IDENTIFIER: the program that logged (`kubelet`, or `systemd` for unit transitions). */
  identifier?: string;
  /** The logging process; the unit's main PID when it logged, 1 for systemd. */
  pid?: number;
}

/** Decides what happens when a unit is started; returns an error text to make the start fail. */
export type StartHook = (unit: UnitState) => { ok: true; pid?: number } | { ok: false; reason: string; logs?: string[] };

export interface ServicesSnapshot {
  units: UnitState[];
  journal: JournalEntry[];
  nextPid: number;
}

const JOURNAL_LIMIT = 2000;

export class ServiceManager {
  private units = new Map<string, UnitState>();
  private journal: JournalEntry[] = [];
  private hooks = new Map<string, StartHook>();
  private listeners: ((unit: UnitState) => void)[] = [];
  private nextPid = 1000;
  private runtime?: ServiceRuntime;

  constructor(private readonly now: () => number) {}

  setRuntime(runtime: ServiceRuntime): void {
    this.runtime = runtime;
  }

  define(name: string, description: string, options: { active?: boolean; enabled?: boolean } = {}): UnitState {
    const unit: UnitState = {
      name,
      description,
      active: options.active ? "active" : "inactive",
      sub: options.active ? "running" : "dead",
      enabled: options.enabled ?? true,
      since: this.now(),
      ...(options.active ? { mainPid: this.nextPid++ } : {}),
    };
    this.units.set(name, unit);
    return unit;
  }

  get(name: string): UnitState | undefined {
    return this.units.get(name.replace(/\.service$/, ""));
  }

  all(): UnitState[] {
    return [...this.units.values()];
  }

  onStart(name: string, hook: StartHook): void {
    this.hooks.set(name, hook);
  }

  onChange(listener: (unit: UnitState) => void): void {
    this.listeners.push(listener);
  }

  log(unit: string, message: string, origin: { identifier?: string; pid?: number } = {}): void {
    const pid = origin.pid ?? this.get(unit)?.mainPid;
    this.journal.push({ time: this.now(), unit, message, ...(origin.identifier ? { identifier: origin.identifier } : {}), ...(pid !== undefined ? { pid } : {}) });
    if (this.journal.length > JOURNAL_LIMIT) this.journal.splice(0, this.journal.length - JOURNAL_LIMIT);
  }

  entries(unit?: string): JournalEntry[] {
    const entries = unit ? this.journal.filter((e) => e.unit === unit) : this.journal;
    // A kubelet's klog header follows its entry's time (moved when a template copy starts later).
    return entries.map((e) => (e.message.length > 20 && KLOG_SEVERITY.has(e.message[0]) ? { ...e, message: klogAtLineTime(e.message, e.time) } : e));
  }

  start(name: string): UnitState | undefined {
    const unit = this.get(name);
    if (!unit) return undefined;
    if (unit.active === "active") return unit;
    const hook = this.hooks.get(unit.name);
    const pid = this.nextPid++;
    // The hook sees the PID the new process gets, so its log lines carry it.
    unit.mainPid = pid;
    const missing = this.runtime?.missingExecutable?.(unit.name);
    if (missing) return this.cannotExec(unit, pid, missing);
    delete unit.exitStatus;
    const outcome = hook ? hook(unit) : { ok: true as const };
    if (outcome.ok) {
      this.systemd(unit.name, `Started ${unit.description}.`);
      this.setState(unit, "active", "running", { mainPid: ("pid" in outcome && outcome.pid) || pid });
      return unit;
    }
    for (const line of outcome.logs ?? []) this.log(unit.name, line, { pid });
    return this.exited(unit, pid, outcome.reason, "1/FAILURE");
  }

  /**
   * ExecStart names a program that is not there: systemd's forked child fails before exec (203/EXEC),
   * the unit counts as started and exits at once, and Restart= applies as to any failure.
   */
  private cannotExec(unit: UnitState, pid: number, program: string): UnitState {
    this.systemd(unit.name, `Started ${unit.description}.`);
    this.log(unit.name, `${unit.name}.service: Failed to locate executable ${program}: No such file or directory`, { identifier: "systemd", pid });
    this.log(unit.name, `${unit.name}.service: Failed at step EXEC spawning ${program}: No such file or directory`, { identifier: "systemd", pid });
    return this.exited(unit, pid, "exit-code", "203/EXEC");
  }

  private exited(unit: UnitState, pid: number, reason: string, status: string): UnitState {
    unit.exitStatus = status;
    this.systemd(unit.name, `${unit.name}.service: Main process exited, code=exited, status=${status}`);
    this.systemd(unit.name, `${unit.name}.service: Failed with result '${/^[a-z-]+$/.test(reason) ? reason : "exit-code"}'.`);
    delete unit.mainPid;
    unit.lastPid = pid;
    const policy = this.runtime?.restartPolicy(unit.name);
    if (policy && (policy.restart === "always" || policy.restart === "on-failure" || policy.restart === "on-abnormal")) {
      this.setState(unit, "activating", "auto-restart", { result: reason });
      this.runtime!.schedule(unit.name, policy.restartSec * 1000);
    } else {
      this.setState(unit, "failed", "failed", { result: reason });
    }
    unit.lastPid = pid;
    return unit;
  }

  /**
   * The main process died of a signal (`kill`, `pkill`): systemd logs how, and Restart= applies.
   * SIGHUP, SIGINT, SIGPIPE and SIGTERM count as a clean exit (systemd's SuccessExitStatus), so
   * Restart=on-failure leaves such a unit stopped while Restart=always starts it again.
   */
  killed(name: string, signal: { number: number; name: string }): UnitState | undefined {
    const unit = this.get(name);
    if (!unit || unit.active !== "active" || unit.mainPid === undefined) return unit;
    const pid = unit.mainPid;
    const clean = [1, 2, 13, 15].includes(signal.number);
    unit.exitStatus = `${signal.number}/${signal.name}`;
    this.systemd(unit.name, `${unit.name}.service: Main process exited, code=killed, status=${signal.number}/${signal.name}`);
    if (clean) this.systemd(unit.name, `${unit.name}.service: Deactivated successfully.`);
    else this.systemd(unit.name, `${unit.name}.service: Failed with result 'signal'.`);
    const result = clean ? "success" : "signal";
    const policy = this.runtime?.restartPolicy(unit.name);
    const restarts = policy && (policy.restart === "always" || (!clean && (policy.restart === "on-failure" || policy.restart === "on-abnormal")));
    if (restarts) {
      this.setState(unit, "activating", "auto-restart", { result });
      this.runtime!.schedule(unit.name, policy.restartSec * 1000);
    } else if (clean) this.setState(unit, "inactive", "dead", { result });
    else this.setState(unit, "failed", "failed", { result });
    unit.lastPid = pid;
    return unit;
  }

  /** The restart timer fired: systemd starts the unit again if it is still waiting to. */
  retry(name: string): void {
    const unit = this.get(name);
    if (!unit || unit.active !== "activating" || unit.sub !== "auto-restart") return;
    unit.restarts = (unit.restarts ?? 0) + 1;
    this.systemd(unit.name, `${unit.name}.service: Scheduled restart job, restart counter is at ${unit.restarts}.`);
    this.systemd(unit.name, `Stopped ${unit.description}.`);
    unit.active = "inactive";
    this.start(unit.name);
  }

  /** A line systemd itself logs about a unit (`systemd[1]: Started …`). */
  private systemd(unit: string, message: string): void {
    this.log(unit, message, { identifier: "systemd", pid: 1 });
  }

  stop(name: string): UnitState | undefined {
    const unit = this.get(name);
    if (!unit) return undefined;
    if (unit.active === "active") {
      this.systemd(unit.name, `Stopping ${unit.description}...`);
      this.systemd(unit.name, `${unit.name}.service: Deactivated successfully.`);
      this.systemd(unit.name, `Stopped ${unit.description}.`);
    }
    if (unit.active !== "inactive") this.setState(unit, "inactive", "dead", {});
    unit.restarts = 0;
    return unit;
  }

  restart(name: string): UnitState | undefined {
    this.stop(name);
    return this.start(name);
  }

  setEnabled(name: string, enabled: boolean): UnitState | undefined {
    const unit = this.get(name);
    if (unit) unit.enabled = enabled;
    return unit;
  }

  /** Marks a running unit as failed (a crash discovered after start). */
  fail(name: string, reason: string): void {
    const unit = this.get(name);
    if (unit) this.setState(unit, "failed", "failed", { result: reason });
  }

  private setState(unit: UnitState, active: UnitActiveState, sub: string, extra: { mainPid?: number; result?: string }): void {
    unit.active = active;
    unit.sub = sub;
    unit.since = this.now();
    if (unit.mainPid !== undefined && active !== "active") unit.lastPid = unit.mainPid;
    unit.mainPid = extra.mainPid;
    unit.result = extra.result;
    if (active !== "active") delete unit.mainPid;
    for (const l of this.listeners) l(unit);
  }

  /**
   * Values that differ whenever snapshot() would (compared one by one with ===; see
   * lib/session/env-fingerprint.ts): each unit's fields, and the journal's length and last entry
   * (entries are added, never changed). Cheaper than the snapshot's JSON at every command.
   */
  fingerprint(parts: { add(value: unknown): void }): void {
    parts.add(this.nextPid);
    parts.add(this.journal.length);
    parts.add(this.journal[this.journal.length - 1]);
    parts.add(this.units.size);
    for (const unit of this.units.values()) {
      parts.add(unit);
      // for…in rather than Object.keys: no array of keys per unit at every command.
      for (const key in unit) {
        parts.add(key);
        parts.add(unit[key as keyof UnitState]);
      }
    }
  }

  snapshot(): ServicesSnapshot {
    return { units: this.all().map((u) => ({ ...u })), journal: [...this.journal], nextPid: this.nextPid };
  }

  restore(snapshot: ServicesSnapshot): void {
    this.units = new Map(snapshot.units.map((u) => [u.name, { ...u }]));
    this.journal = [...snapshot.journal];
    this.nextPid = snapshot.nextPid;
  }
}
