// Whether a learner's command changed the environment, told apart from the changes time makes.
// The environment moves with its clock (heartbeats, leases, controllers), deterministically: from
// a saved state and the clock's advances, a restore replays those exactly. What a command changes
// is not replayable, so it must be saved. A command that ran while the clock stood still and left
// everything a snapshot holds as it was (no store write, no random number drawn, no audit entry,
// no file, unit, plugin or environment state changed, no timer added) changed nothing a save has
// to keep but its terminal and the terminal history: `kubectl get`, `cat`, `ls`.
import type { Environment } from "../../engine/cluster/environment";
import { TERMINAL_HISTORY_KEY } from "../../engine/shell";

/** The environment as a command found it (see changedSince). */
export type EnvFingerprint = {
  /** Revisions, counters and cached frozen snapshots: each compared with ===. */
  parts: unknown[];
  /** Under verification only (see verifyPluginStateRevisions): each cluster's plugin state revision, and the state copied in shape. */
  pluginState?: { revision: number; copy: unknown }[];
  /** Under verification only: each host's units and journal as JSON. */
  services?: string[];
};

/**
 * Whether fingerprints also copy the clusters' plugin state and changedSince checks that it did
 * not change while its revision stood still (Cluster.pluginStateRevision), throwing if it did:
 * code that changed the state without taking it through Cluster.changePluginState (and likewise
 * the hosts' units against their JSON, see ServiceManager.fingerprint). On under
 * Vitest, so every session test checks the revisions it relies on; off in production, where the
 * check would cost the walk over tens of KB of kubelet state the revision saves.
 */
let verifying = process.env.VITEST !== undefined;

/** Turns the check of verifying on or off (tests); answers the previous setting. */
export function verifyPluginStateRevisions(on: boolean): boolean {
  const was = verifying;
  verifying = on;
  return was;
}

/** Where the walk over the environment puts each value: recorded (a fingerprint) or compared with one. */
interface PartSink {
  add(value: unknown): void;
}

/**
 * Records the parts. The array is made as long as the last fingerprint's (they rarely differ), so
 * it is not grown and copied as it fills: a fingerprint is taken before every command.
 */
class PartRecorder implements PartSink {
  private static lastLength = 0;
  readonly parts: unknown[] = new Array(PartRecorder.lastLength);
  private count = 0;

  add(value: unknown): void {
    this.parts[this.count++] = value;
  }

  finish(): unknown[] {
    this.parts.length = this.count;
    PartRecorder.lastLength = this.count;
    return this.parts;
  }
}

/** Compares the parts with a fingerprint's as the walk goes, rather than building a second array to compare. */
class PartComparer implements PartSink {
  private count = 0;
  private same = true;

  constructor(private readonly parts: unknown[]) {}

  add(value: unknown): void {
    if (this.same && value !== this.parts[this.count]) this.same = false;
    this.count++;
  }

  get changed(): boolean {
    return !this.same || this.count !== this.parts.length;
  }
}

/** The terminal history is saved with the terminals, so a command's own line does not count. */
const withoutHistory = (key: string, value: unknown) => (key === TERMINAL_HISTORY_KEY ? undefined : value);

function scalars(env: Environment, parts: PartSink): void {
  parts.add(env.clock.now());
  parts.add(env.clock.nextTimerAt());
  for (const word of env.random.state()) parts.add(word);
  for (const cluster of env.clusters.values()) {
    const audit = cluster.apiserver.audit;
    parts.add(cluster.store.currentRevision);
    parts.add(audit.length);
    parts.add(audit[audit.length - 1]);
    parts.add(cluster.pluginStateRevision);
  }
  // A host's filesystem snapshot is one cached frozen object until the host changes.
  for (const host of env.hosts.values()) {
    parts.add(host.fs.snapshot());
    host.services.fingerprint(parts);
  }
  parts.add(JSON.stringify(env.extra, withoutHistory));
}

/**
 * Objects and arrays copied, everything else kept as it is: unchanged strings (logs, keys) are the
 * very same values later, so comparing them is a pointer check.
 */
function copyShape(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > 200) return value;
  if (Array.isArray(value)) return value.map((item) => copyShape(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyShape((value as Record<string, unknown>)[key], depth + 1);
  return out;
}

function sameShape(live: unknown, copy: unknown, depth = 0): boolean {
  if (live === copy) return true;
  if (live === null || copy === null || typeof live !== "object" || typeof copy !== "object" || depth > 200) return Number.isNaN(live) && Number.isNaN(copy);
  if (Array.isArray(live)) {
    if (!Array.isArray(copy) || live.length !== copy.length) return false;
    for (let i = 0; i < live.length; i++) if (!sameShape(live[i], copy[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(copy)) return false;
  const keys = Object.keys(live);
  if (keys.length !== Object.keys(copy).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(copy, key) || !sameShape((live as Record<string, unknown>)[key], (copy as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

export function envFingerprint(env: Environment): EnvFingerprint {
  const recorder = new PartRecorder();
  scalars(env, recorder);
  const parts = recorder.finish();
  if (!verifying) return { parts };
  return {
    parts,
    pluginState: [...env.clusters.values()].map((cluster) => ({ revision: cluster.pluginStateRevision, copy: copyShape(cluster.extra) })),
    services: [...env.hosts.values()].map((host) => JSON.stringify(host.services.snapshot())),
  };
}

/** Whether anything a snapshot holds differs from when `before` was taken (the clock moving counts). */
export function changedSince(before: EnvFingerprint, env: Environment): boolean {
  if (before.pluginState) {
    let i = 0;
    for (const cluster of env.clusters.values()) {
      const then = before.pluginState[i++];
      if (then && then.revision === cluster.pluginStateRevision && !sameShape(cluster.extra, then.copy)) {
        throw new Error(`cluster ${cluster.name}'s plugin state changed while its revision stood still: something changed it without Cluster.changePluginState`);
      }
    }
  }
  const comparer = new PartComparer(before.parts);
  scalars(env, comparer);
  const changed = comparer.changed;
  if (before.services && !changed) {
    let i = 0;
    for (const host of env.hosts.values()) {
      if (JSON.stringify(host.services.snapshot()) !== before.services[i++]) throw new Error(`host ${host.name}'s units or journal changed and its fingerprint did not (ServiceManager.fingerprint)`);
    }
  }
  return changed;
}
