import type { ApiClient } from "../api/client";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import type { VirtualClock } from "../clock/clock";
import type { SeededRandom } from "../util/random";
import { aggregate, COMBINED_PREFIX, newCorrelatorState, sweep, takeToken, type CorrelatorState, type UnsentEvent } from "./event-correlator";

export type EventType = "Normal" | "Warning";

/** core/v1 ObjectReference: what an event is about. */
export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** Who reports: `component` (e.g. "replicaset-controller", "kubelet") and optionally the host it runs on. */
export interface EventSource {
  component: string;
  host?: string;
}

/**
 * Which client-go library the real component records with. Controllers and the kubelet use the
 * core/v1 recorder (source, firstTimestamp/lastTimestamp/count); kube-scheduler uses the
 * events.k8s.io recorder (action, eventTime, reportingInstance, series), which `kubectl get events`
 * shows with `firstTimestamp: null` and `source: {}`.
 */
export type EventStyle = "core" | "events.k8s.io";

export interface EventRecorderOptions {
  style?: EventStyle;
  /** events.k8s.io reporting instance, e.g. "default-scheduler-controlplane". */
  reportingInstance?: string;
}

export interface RecordOptions {
  /** events.k8s.io action ("Scheduling", "Binding"); ignored by the core recorder. */
  action?: string;
  /** A field path inside the object ("spec.containers{nginx}"), as the kubelet sets. */
  fieldPath?: string;
  /** Use this reference instead of one built from the object (the kubelet refers to nodes by name as uid). */
  reference?: ObjectReference;
}

/** Events live one hour after their last write (kube-apiserver --event-ttl). */
export const EVENT_TTL_MS = 60 * 60 * 1000;
/** client-go's correlator remembers this many distinct events (maxLruCacheEntries). */
const CACHE_LIMIT = 4096;
/** Where the recorders keep their correlator state in the cluster's component state. */
const CORRELATOR_STATE_KEY = "events/correlators";

/** Builds the reference client-go's `reference.GetReference` would make for a stored object. */
export function referenceTo(obj: KubeObject, fieldPath?: string): ObjectReference {
  // Empty fields are left out (omitempty), adding only the set ones in the usual key order.
  const ref: ObjectReference = {};
  const m = obj.metadata;
  if (obj.kind) ref.kind = obj.kind;
  if (m.namespace) ref.namespace = m.namespace;
  if (m.name) ref.name = m.name;
  if (m.uid) ref.uid = m.uid;
  if (obj.apiVersion) ref.apiVersion = obj.apiVersion;
  if (m.resourceVersion) ref.resourceVersion = m.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

/**
 * Records Events the way client-go does: a new event is created as `<object>.<hex nanoseconds>`;
 * an identical one seen again (same source, object, type, reason and message — the correlator's
 * key) increments `count` and `lastTimestamp` of the event already stored instead of creating
 * another. The correlation cache is rebuilt from the store on first use, so a restored session
 * aggregates exactly as an uninterrupted one would.
 */
export class EventRecorder {
  private readonly style: EventStyle;
  private readonly reportingInstance: string;
  /** correlation key → "namespace/name" of the stored event (insertion-ordered, bounded). */
  private cache?: Map<string, string>;
  /** This recorder's entry in the stored correlator state: one per source, as each component has its own broadcaster. */
  private readonly sourceKey: string;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: VirtualClock,
    private readonly random: SeededRandom,
    readonly source: EventSource,
    options: EventRecorderOptions = {},
  ) {
    this.style = options.style ?? "core";
    this.reportingInstance = options.reportingInstance ?? source.host ?? "";
    this.sourceKey = `${source.component}/${source.host ?? ""}`;
  }

  normal(obj: KubeObject, reason: string, message: string, options?: RecordOptions): void {
    this.record(obj, "Normal", reason, message, options);
  }

  warning(obj: KubeObject, reason: string, message: string, options?: RecordOptions): void {
    this.record(obj, "Warning", reason, message, options);
  }

  /** Records one occurrence. Failures to write are swallowed, as a real recorder drops events it cannot send. */
  record(obj: KubeObject, type: EventType, reason: string, message: string, options: RecordOptions = {}): void {
    const ref = options.reference ?? referenceTo(obj, options.fieldPath);
    // Events of cluster-scoped objects (nodes, PVs) go to "default", as client-go's recorder does.
    const namespace = ref.namespace || "default";
    try {
      if (this.style === "core") this.recordCore(options.reference ? { ...ref } : ref, namespace, type, reason, message);
      else this.recordSeries(options.reference ? { ...ref } : ref, namespace, type, reason, message, options.action);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** tools/events (events.k8s.io): a repeat with the same action, reason and object counts up `series`. */
  private recordSeries(ref: ObjectReference, namespace: string, type: EventType, reason: string, message: string, action?: string): void {
    const key = this.correlationKey(ref, type, reason, message, action);
    const cache = this.correlationCache();
    const existing = cache.get(key);
    if (existing && this.repeat(existing)) {
      cache.delete(key);
      cache.set(key, existing);
      return;
    }
    const created = this.client.create(this.newEvent(ref, namespace, type, reason, message, action), {}, true);
    this.remember(key, `${namespace}/${created.metadata.name}`);
  }

  /**
   * tools/record (core/v1) through client-go's EventCorrelator: similar events with ten different
   * messages become one combined event, an identical repeat counts up the stored event, and the
   * spam filter drops what exceeds the object's token bucket (still counted, written with the next).
   */
  private recordCore(ref: ObjectReference, namespace: string, type: EventType, reason: string, message: string): void {
    const now = this.clock.now();
    const all = correlatorStates(this.client);
    const state = (all[this.sourceKey] ??= newCorrelatorState(now));
    for (const source of Object.values(all)) sweep(source, now, EVENT_TTL_MS);
    const objectKey = spamKey(ref);
    // The aggregator's key: this recorder's source and reporting identity, the object (field path
    // aside), type and reason; the message tells similar events apart.
    const aggregateKey = `${objectKey}\u0000${type}\u0000${reason}`;
    const combined = aggregate(state, aggregateKey, message, now);
    const key = combined ? `${COMBINED_PREFIX}\u0000${aggregateKey}` : this.correlationKey(ref, type, reason, message);
    if (combined) message = COMBINED_PREFIX + message;

    // The logger: the occurrence this one repeats (one the filter dropped, or one in the store).
    const cache = this.correlationCache();
    const dropped: UnsentEvent | undefined = state.unsent[key];
    let storedKey: string | undefined = dropped?.key ?? cache.get(key);
    let stored = storedKey && !dropped ? this.getEvent(storedKey) : undefined;
    if (!dropped && !stored) storedKey = undefined;
    // Not modelled: an event that repeats after the TTL removed it starts again at count 1 here. On a
    // real cluster client-go's logger cache (in memory, 4096 entries) still holds the count and the
    // first timestamp, the patch fails NotFound and recordEvent creates the event again under its old
    // name with count N+1 ("x25 over 70m"). Keeping that here would mean keeping every expired
    // event's count in the snapshotted correlator state (the cache below is rebuilt from the store,
    // so a restored session would otherwise count differently from an uninterrupted one), for a
    // case a learner meets only when a pod fails the same way for over an hour.
    const count = dropped ? dropped.count + 1 : stored ? ((stored.count as number | undefined) ?? 1) + 1 : 1;
    const first = dropped ? dropped.first : stored ? Date.parse(stored.firstTimestamp as string) : now;
    // A new event is named when first observed, as makeEvent does (the name is kept if it is dropped).
    storedKey ??= `${namespace}/${this.newEventName(ref)}`;

    if (!takeToken(state, objectKey, now)) {
      state.unsent[key] = { key: storedKey, count, first, at: now };
      return;
    }
    delete state.unsent[key];
    if (dropped) stored = this.getEvent(storedKey);
    if (stored) {
      // client-go's patch: the count, the last timestamp and the message (a combined event's changes).
      const [ns, name] = splitStoredKey(storedKey);
      this.client.patch("", "events", ns, name, { count, lastTimestamp: this.clock.nowRfc3339(), message });
    } else {
      const body = this.newEvent(ref, namespace, type, reason, message, undefined, splitStoredKey(storedKey)[1], combined);
      if (count > 1) Object.assign(body, { count, firstTimestamp: rfc3339(first) });
      this.client.create(body, {}, true);
    }
    cache.delete(key);
    this.remember(key, storedKey);
  }

  /** `<object>.<hex nanoseconds>`, as client-go's makeEvent names a new event (sub-millisecond digits from the seeded source). */
  private newEventName(ref: ObjectReference): string {
    const nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(this.random.int(1_000_000));
    return `${ref.name}.${nanos.toString(16)}`;
  }

  private getEvent(storedKey: string): KubeObject | undefined {
    const [namespace, name] = splitStoredKey(storedKey);
    return this.client.get("", "events", namespace, name);
  }

  private newEvent(ref: ObjectReference, namespace: string, type: EventType, reason: string, message: string, action?: string, name?: string, combined = false): KubeObject {
    const metadata = { name: name ?? this.newEventName(ref), namespace };
    if (this.style === "events.k8s.io") {
      return {
        apiVersion: "v1",
        kind: "Event",
        metadata,
        involvedObject: ref,
        reason,
        message,
        source: {},
        firstTimestamp: null,
        lastTimestamp: null,
        type,
        eventTime: this.clock.nowMicroTime(),
        action: action ?? "",
        reportingComponent: this.source.component,
        reportingInstance: this.reportingInstance,
      };
    }
    const now = this.clock.nowRfc3339();
    return {
      apiVersion: "v1",
      kind: "Event",
      metadata,
      involvedObject: ref,
      reason,
      message,
      source: this.source.host ? { component: this.source.component, host: this.source.host } : { component: this.source.component },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      eventTime: null,
      // The aggregator's combined event is built afresh and leaves the reporting fields empty.
      reportingComponent: combined ? "" : this.source.component,
      reportingInstance: combined ? "" : (this.source.host ?? ""),
    };
  }

  /** Folds a repeat into the stored event; false when it is gone (expired or deleted) and a new one is needed. */
  private repeat(storedKey: string): boolean {
    const [namespace, name] = storedKey.split("/");
    const current = this.client.get("", "events", namespace, name);
    if (!current) return false;
    if (this.style === "events.k8s.io") {
      const series = current.series as { count?: number } | undefined;
      this.client.patch("", "events", namespace, name, {
        series: { count: (series?.count ?? 1) + 1, lastObservedTime: this.clock.nowMicroTime() },
      });
    } else {
      this.client.patch("", "events", namespace, name, {
        count: ((current.count as number | undefined) ?? 1) + 1,
        lastTimestamp: this.clock.nowRfc3339(),
      });
    }
    return true;
  }

  private correlationKey(ref: ObjectReference, type: string, reason: string, message: string, action?: string): string {
    // events.k8s.io keys on action/reason/controller/object but not the note; core/v1 includes the message.
    // Built as one template string: every recorded event computes one (and every scheduled pod records one).
    return this.style === "events.k8s.io"
      ? `${action ?? ""}\u0000${reason ?? ""}\u0000${this.source.component}\u0000${this.reportingInstance}\u0000${refKey(ref)}`
      : `${this.source.component}\u0000${this.source.host ?? ""}\u0000${refKey(ref)}\u0000${type ?? ""}\u0000${reason ?? ""}\u0000${message ?? ""}`;
  }

  private remember(key: string, storedKey: string): void {
    const cache = this.correlationCache();
    cache.set(key, storedKey);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }

  private correlationCache(): Map<string, string> {
    if (this.cache) return this.cache;
    this.cache = new Map();
    // Read-only pass over stored events (allowed for hot paths): oldest first so the newest wins.
    const events = [...this.client.server.store.list("/events")].sort(
      (a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion),
    );
    for (const ev of events) {
      const mine =
        this.style === "events.k8s.io"
          ? ev.reportingComponent === this.source.component && ev.reportingInstance === this.reportingInstance && !(ev.source as EventSource | undefined)?.component
          : (ev.source as EventSource | undefined)?.component === this.source.component && ((ev.source as EventSource).host ?? "") === (this.source.host ?? "");
      if (!mine) continue;
      const ref = ev.involvedObject as ObjectReference;
      const message = ev.message as string;
      // A combined event stands for its whole run of similar events (the aggregator's key).
      const key =
        this.style === "core" && ev.reportingComponent === "" && message?.startsWith(COMBINED_PREFIX)
          ? `${COMBINED_PREFIX}\u0000${spamKey(ref)}\u0000${ev.type as string}\u0000${ev.reason as string}`
          : this.correlationKey(ref, ev.type as string, ev.reason as string, message, ev.action as string | undefined);
      this.remember(key, `${ev.metadata.namespace}/${ev.metadata.name}`);
    }
    return this.cache;
  }
}

/** Every recorder's correlator state by source, in the cluster's plugin state so that it survives snapshots (taken afresh for each change). */
function correlatorStates(client: ApiClient): Record<string, CorrelatorState> {
  return client.server.changeComponentState<Record<string, CorrelatorState>>(CORRELATOR_STATE_KEY, () => ({}));
}

/**
 * Drops what no longer changes any recorder's decisions. Recording sweeps as it goes; the event
 * TTL controller calls this as events expire, so a cluster gone quiet does not carry its boot's
 * buckets and similar-event runs in every snapshot.
 */
export function sweepCorrelatorStates(client: ApiClient, now: number): void {
  for (const state of Object.values(correlatorStates(client))) sweep(state, now, EVENT_TTL_MS);
}

function splitStoredKey(storedKey: string): [string, string] {
  const slash = storedKey.indexOf("/");
  return [storedKey.slice(0, slash), storedKey.slice(slash + 1)];
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** client-go's spam key (and the aggregator's, less type and reason): the object without its field path. */
function spamKey(ref: ObjectReference): string {
  return `${ref.kind ?? ""}|${ref.namespace ?? ""}|${ref.name ?? ""}|${ref.uid ?? ""}|${ref.apiVersion ?? ""}`;
}

function refKey(ref: ObjectReference): string {
  return `${ref.kind ?? ""}|${ref.namespace ?? ""}|${ref.name ?? ""}|${ref.fieldPath ?? ""}|${ref.uid ?? ""}|${ref.apiVersion ?? ""}`;
}
