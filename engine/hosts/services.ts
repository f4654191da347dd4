/**
 * systemd as the simulation needs it: units that are active or not, enabled or not, and a journal
 * per unit. What starting a unit means (does the kubelet come up with this config?) is decided by
 * the owner of the unit through a start hook, so `systemctl` and the node simulation agree.
 */
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
}

export interface JournalEntry {
  time: number;
  unit: string;
  message: string;
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

  constructor(private readonly now: () => number) {}

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

  log(unit: string, message: string): void {
    this.journal.push({ time: this.now(), unit, message });
    if (this.journal.length > JOURNAL_LIMIT) this.journal.splice(0, this.journal.length - JOURNAL_LIMIT);
  }

  entries(unit?: string): JournalEntry[] {
    return unit ? this.journal.filter((e) => e.unit === unit) : [...this.journal];
  }

  start(name: string): UnitState | undefined {
    const unit = this.get(name);
    if (!unit) return undefined;
    if (unit.active === "active") return unit;
    const hook = this.hooks.get(unit.name);
    const outcome = hook ? hook(unit) : { ok: true as const };
    if (outcome.ok) {
      this.setState(unit, "active", "running", { mainPid: ("pid" in outcome && outcome.pid) || this.nextPid++ });
    } else {
      for (const line of outcome.logs ?? []) this.log(unit.name, line);
      this.setState(unit, "failed", "failed", { result: outcome.reason });
    }
    return unit;
  }

  stop(name: string): UnitState | undefined {
    const unit = this.get(name);
    if (!unit) return undefined;
    if (unit.active !== "inactive") this.setState(unit, "inactive", "dead", {});
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
    unit.mainPid = extra.mainPid;
    unit.result = extra.result;
    if (active !== "active") delete unit.mainPid;
    for (const l of this.listeners) l(unit);
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
