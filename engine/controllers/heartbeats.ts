import type { VirtualClock } from "../clock/clock";
import { AttachedState } from "../cluster/attached-state";

/**
 * Heartbeats over a stretch where nothing else happens (issue 9: a resumed session catches its
 * cluster up over the hours it was stored). A kubelet renews its node's Lease every 10 s and
 * reposts an unchanged status every 5 minutes; the node lifecycle controller checks each lease.
 * Between two timers of other work nothing can look at the cluster (time advances synchronously,
 * and every other timer, of any cluster, ends the stretch), so of a run of renewals only the last
 * one before the stretch ends can be seen, as can only the last status report: the kubelet skips
 * the others and vouches here for the renewals it skipped, so the node lifecycle controller's
 * checks in between see the node as a lease renewed at each tick would show it.
 *
 * The vouchers are kept with the kubelets' state (a snapshot taken between the steps of a stepped
 * catch-up, clock.steppingTo, keeps them, as it keeps the skipping kubelet's wake-up timer); each is
 * dropped when its kubelet renews again or stops, so none is left once an advance ends.
 */

/**
 * The timers that leave a quiet stretch quiet: the heartbeats themselves (a kubelet's node tick, the
 * node lifecycle controller's checks, of any cluster), and an Event reaching its TTL, whose
 * deletion neither reads a Node or Lease nor changes what a kubelet reports (an hour after a busy
 * minute, dozens expire one by one and each would end the stretch).
 */
function isHeartbeat(topic: string, key: string): boolean {
  if (!topic.startsWith("controller")) return false;
  if (key.startsWith("node-lifecycle-controller|") || key.startsWith("event-ttl|")) return true;
  return key.startsWith("kubelet-") && key.endsWith("|node");
}

/**
 * The end of the quiet stretch from now: the first pending timer that is not a heartbeat, or the
 * end of the advance in progress. Work superseded before it cannot be observed.
 */
export function quietUntil(clock: VirtualClock): number {
  const end = clock.advancingTo();
  return clock.firstPendingWhere(end, (topic, key) => !isHeartbeat(topic, key))?.at ?? end;
}

/** The last of start, start + period, … strictly before `end` (start itself when none is). */
export function lastTickBefore(start: number, period: number, end: number): number {
  if (end <= start) return start;
  return start + period * Math.floor((end - 1 - start) / period);
}

/** A cluster's vouchers: until when each node's kubelet vouches for the renewals it skipped. */
export type VoucherSource = (node: string) => number | undefined;
// Not a WeakMap: V8 keeps a WeakMap's values through young-generation collections, and this one
// reaches the cluster, so dropped attempts would survive each scavenge (engine/cluster/attached-state.ts).
const sources = new AttachedState<object, VoucherSource>("lease vouchers");

/** Where the vouchers of the cluster of `store` are kept (the kubelet plugin's state). */
export function keepVouchersIn(store: object, source: VoucherSource): void {
  sources.set(store, source);
}

/** Until when `node`'s lease counts as renewed at every tick although it was not written (undefined: no voucher at `now`). */
export function vouchedUntil(store: object, node: string, now: number): number | undefined {
  const until = sources.get(store)?.(node);
  return until !== undefined && until >= now ? until : undefined;
}
