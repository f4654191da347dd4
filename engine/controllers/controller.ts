import type { ApiClient } from "../api/client";
import type { VirtualClock } from "../clock/clock";
import type { StoreEvent } from "../api/store";
import type { SeededRandom } from "../util/random";

/** What every control loop is given: an API client with its own identity, the clock and randomness. */
export interface ControllerContext {
  client: ApiClient;
  clock: VirtualClock;
  random: SeededRandom;
  /** Schedules `reconcile(key)` of this controller at a later cluster time. */
  requeueAfter(key: string, delayMs: number): void;
  /** When a requeue of `key` is next due, if one is pending (it survives snapshots with the clock). */
  pendingAt?(key: string): number | undefined;
  /** Drops every pending requeue of `key` (a periodic loop moving to a new phase keeps one timer, not two). */
  cancelRequeue?(key: string): void;
}

/**
 * A level-triggered control loop, like a client-go controller: it maps store changes to keys and
 * reconciles one key at a time by reading current state through the API and writing the difference.
 * It keeps no state of its own beyond what the store holds, so snapshots need nothing from it.
 */
export interface Controller {
  readonly name: string;
  /** Type keys ("group/resource") whose changes it wants to hear about. */
  readonly watches: readonly string[];
  /** Keys to reconcile for a change (default: the changed object's "namespace/name"). */
  keysFor?(event: StoreEvent): string[];
  reconcile(key: string): void;
  /** Every key it owns, reconciled once at start-up and after a restore. */
  resync?(): string[];
}

export type ControllerFactory = (ctx: ControllerContext) => Controller;

export function objectKey(namespace: string | undefined, name: string | undefined): string {
  return namespace ? `${namespace}/${name}` : (name ?? "");
}

export function splitKey(key: string): { namespace?: string; name: string } {
  const i = key.indexOf("/");
  return i < 0 ? { name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
