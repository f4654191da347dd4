import type { VirtualClock } from "../clock/clock";

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
 * The vouchers are a cache of one advance: each ends at or before the advance's target, so none
 * is ever needed across a snapshot.
 */

/** The timers that are heartbeats: a kubelet's node tick and the node lifecycle controller's checks (any cluster). */
function isHeartbeat(topic: string, key: string): boolean {
  if (!topic.startsWith("controller")) return false;
  if (key.startsWith("node-lifecycle-controller|")) return true;
  return key.startsWith("kubelet-") && key.endsWith("|node");
}

/**
 * The end of the quiet stretch from now: the first pending timer that is not a heartbeat, or the
 * end of the advance in progress. Work superseded before it cannot be observed.
 */
export function quietUntil(clock: VirtualClock): number {
  const end = clock.advancingTo();
  for (const timer of clock.pendingTimers()) {
    if (timer.at > end) break;
    if (!isHeartbeat(timer.topic, timer.key)) return timer.at;
  }
  return end;
}

/** The last of start, start + period, … strictly before `end` (start itself when none is). */
export function lastTickBefore(start: number, period: number, end: number): number {
  if (end <= start) return start;
  return start + period * Math.floor((end - 1 - start) / period);
}

const vouchers = new WeakMap<object, Map<string, number>>();

/** A kubelet skipped its renewals of `node`'s lease up to `until`, where it renews (or vouches) again. */
export function vouchRenewals(cluster: object, node: string, until: number): void {
  let byNode = vouchers.get(cluster);
  if (!byNode) vouchers.set(cluster, (byNode = new Map()));
  byNode.set(node, until);
}

/** Until when `node`'s lease counts as renewed at every tick although it was not written (undefined: no voucher at `now`). */
export function vouchedUntil(cluster: object, node: string, now: number): number | undefined {
  const until = vouchers.get(cluster)?.get(node);
  return until !== undefined && until >= now ? until : undefined;
}
