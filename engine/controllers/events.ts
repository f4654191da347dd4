import type { ApiClient } from "../api/client";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import type { VirtualClock } from "../clock/clock";
import type { SeededRandom } from "../util/random";

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

  constructor(
    private readonly client: ApiClient,
    private readonly clock: VirtualClock,
    private readonly random: SeededRandom,
    readonly source: EventSource,
    options: EventRecorderOptions = {},
  ) {
    this.style = options.style ?? "core";
    this.reportingInstance = options.reportingInstance ?? source.host ?? "";
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
    const key = this.correlationKey(ref, type, reason, message, options.action);
    const cache = this.correlationCache();
    const existing = cache.get(key);
    try {
      if (existing && this.repeat(existing)) {
        cache.delete(key);
        cache.set(key, existing);
        return;
      }
      // The event body is built here for this create alone (its reference copied if the caller gave one).
      const body = this.newEvent(options.reference ? { ...ref } : ref, namespace, type, reason, message, options.action);
      const created = this.client.create(body, {}, true);
      this.remember(key, `${namespace}/${created.metadata.name}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  private newEvent(ref: ObjectReference, namespace: string, type: EventType, reason: string, message: string, action?: string): KubeObject {
    const nanos = BigInt(this.clock.now()) * 1_000_000n + BigInt(this.random.int(1_000_000));
    const metadata = { name: `${ref.name}.${nanos.toString(16)}`, namespace };
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
      reportingComponent: this.source.component,
      reportingInstance: this.source.host ?? "",
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
      const key = this.correlationKey(ev.involvedObject as ObjectReference, ev.type as string, ev.reason as string, ev.message as string, ev.action as string | undefined);
      this.remember(key, `${ev.metadata.namespace}/${ev.metadata.name}`);
    }
    return this.cache;
  }
}

function refKey(ref: ObjectReference): string {
  return `${ref.kind ?? ""}|${ref.namespace ?? ""}|${ref.name ?? ""}|${ref.fieldPath ?? ""}|${ref.uid ?? ""}|${ref.apiVersion ?? ""}`;
}
