import type { KubeObject } from "../api/types";
import type { ControllerFactory } from "./controller";
import { splitKey } from "./controller";
import { EVENT_TTL_MS, sweepCorrelatorStates } from "./events";

/**
 * Parsed times by text: every event written in one burst carries the same few texts (the clock's
 * instant), and thousands of events (one per scheduled pod) pass here. Bounded: cleared when full.
 */
const parsedTimes = new Map<string, number>();

function parseTime(text: string): number {
  let ms = parsedTimes.get(text);
  if (ms === undefined) {
    if (parsedTimes.size >= 256) parsedTimes.clear();
    ms = Date.parse(text);
    parsedTimes.set(text, ms);
  }
  return ms;
}

/** When an event was last written: repeats move lastTimestamp (core) or series.lastObservedTime (events.k8s.io). */
function lastWrite(ev: KubeObject): number {
  const series = ev.series as { lastObservedTime?: string } | undefined;
  // Four named fields, read without a list: every recorded event passes here.
  return Math.max(timeOf(ev.lastTimestamp), timeOf(series?.lastObservedTime), timeOf(ev.eventTime), timeOf(ev.metadata.creationTimestamp));
}

function timeOf(t: unknown): number {
  return typeof t === "string" ? parseTime(t) : -Infinity;
}

/**
 * Expires events an hour after their last write. In a real cluster this is an etcd lease the
 * apiserver attaches (--event-ttl=1h); here it is a timer per event, so it snapshots like any other.
 */
export const eventTtlController: ControllerFactory = ({ client, clock, requeueAfter }) => {
  const keyOf = (ev: KubeObject) => `${ev.metadata.namespace}/${ev.metadata.name}`;
  /** Sets the event's expiry timer; true when it has already expired. */
  const expired = (ev: KubeObject, key: string): boolean => {
    const expiresAt = lastWrite(ev) + EVENT_TTL_MS;
    if (expiresAt <= clock.now()) return true;
    requeueAfter(key, expiresAt - clock.now());
    return false;
  };
  return {
    name: "event-ttl",
    watches: ["/events"],
    // Every recorded event passes here (thousands when many pods are scheduled): its timer is set
    // straight from the written object instead of a queued reconcile reading it back.
    keysFor(event) {
      if (event.type === "DELETED") return [];
      const key = keyOf(event.object);
      return expired(event.object, key) ? [key] : [];
    },
    resync: () => client.server.store.list("/events").map(keyOf),
    reconcile(key) {
      const { namespace, name } = splitKey(key);
      const ev = client.server.store.get("/events", namespace, name);
      if (!ev || !expired(ev, key)) return;
      client.delete("", "events", namespace, name);
      sweepCorrelatorStates(client, clock.now());
    },
  };
};
