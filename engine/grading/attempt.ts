import type { AuditEntry } from "../api/server/context";
import type { Environment } from "../cluster/environment";

/**
 * Marks the moment the learner takes over from scenario setup. Kept in `env.extra` so it survives
 * snapshots; "how was it done" checks only look at audit entries and commands after it, so that
 * the writes setup made (as the same admin user) are never held against the learner.
 */
export interface AttemptMarker {
  scenario: string;
  /** The scenario's version string and content hash, stored with the attempt. */
  version: string;
  /** Cluster time (RFC 3339) at which the learner's work began. */
  startedAt: string;
}

const KEY = "grading.attempt";

export function markLearnerStart(env: Environment, marker: Omit<AttemptMarker, "startedAt">): AttemptMarker {
  const full: AttemptMarker = { ...marker, startedAt: env.clock.nowRfc3339() };
  env.extra[KEY] = full;
  return full;
}

export function attemptMarker(env: Environment): AttemptMarker | undefined {
  const value = env.extra[KEY];
  return value && typeof value === "object" ? (value as AttemptMarker) : undefined;
}

/** API writes made after the learner started (all of them when no marker was set). */
export function learnerAudit(env: Environment, cluster: string): AuditEntry[] {
  const entries = withoutEvictionDeletes(env.cluster(cluster).apiserver.audit);
  const since = attemptMarker(env)?.startedAt;
  return since ? entries.filter((e) => e.time >= since) : entries;
}

/**
 * An eviction deletes its pod inside the API server; the real audit log records only the eviction.
 * Our API server also logs that inner delete, so drop a pod delete made at the same time as a
 * successful eviction of the same pod: it is the eviction's effect, not a
 * `kubectl delete` the learner typed.
 */
function withoutEvictionDeletes(entries: readonly AuditEntry[]): AuditEntry[] {
  const key = (e: AuditEntry) => `${e.time}/${e.namespace}/${e.name}`;
  const evicted = new Set(entries.filter((e) => e.resource === "pods" && e.subresource === "eviction" && e.code < 400).map(key));
  return entries.filter((e) => !(e.resource === "pods" && !e.subresource && e.verb === "delete" && evicted.has(key(e))));
}

/**
 * One command line a person typed in a terminal. The shell keeps these in
 * `env.extra.terminalHistory` (an array, oldest first); the grader only reads them.
 */
export interface TerminalHistoryEntry {
  time: string;
  host: string;
  user: string;
  line: string;
  exitCode?: number;
}

export const TERMINAL_HISTORY_KEY = "terminalHistory";

/** The learner's command lines since the start, or undefined when the shell keeps no history yet. */
export function learnerHistory(env: Environment): TerminalHistoryEntry[] | undefined {
  const value = env.extra[TERMINAL_HISTORY_KEY];
  if (!Array.isArray(value)) return undefined;
  const since = attemptMarker(env)?.startedAt;
  const entries = value as TerminalHistoryEntry[];
  return since ? entries.filter((e) => e.time >= since) : entries;
}
