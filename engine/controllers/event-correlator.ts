/**
 * The decisions client-go's EventCorrelator (tools/record/events_cache.go) makes before a core/v1
 * event reaches the API server, as plain functions over plain JSON state:
 *
 * - the aggregator: events from one source about one object with the same type and reason but
 *   different messages are "similar"; once 10 distinct messages were seen with no gap over
 *   10 minutes, each further one is recorded as a single "(combined from similar events): <msg>"
 *   event instead;
 * - the spam filter: a token bucket per source and object (field path aside), 25 tokens refilled at
 *   one per 5 minutes; an event (new or a repeat) finding it empty is not written at all, though the
 *   recorder still counts it, so the next one written jumps to the true count.
 *
 * The state lives in the cluster's component state (snapshotted with the cluster; times are epoch
 * milliseconds so setup templates moved in time move it too). Entries that can no longer change a
 * decision (a bucket full again, a similar-event run over 10 minutes old) are swept away.
 */

/** defaultAggregateMaxEvents: the 10th distinct message within the interval is the first combined. */
export const AGGREGATE_MAX_EVENTS = 10;
/** defaultAggregateIntervalInSeconds: a gap longer than this starts a new run of similar events. */
export const AGGREGATE_INTERVAL_MS = 600_000;
/** defaultSpamBurst: events a source may send about one object before the bucket runs dry. */
export const SPAM_BURST = 25;
/** defaultSpamQPS (1/300 as a Go float32, as golang.org/x/time/rate receives it): one token per 5 minutes. */
export const SPAM_QPS = Math.fround(1 / 300);
export const COMBINED_PREFIX = "(combined from similar events): ";
/** How often (clock time) a recorder's state is swept of entries that no longer matter. */
const SWEEP_EVERY_MS = 60_000;

/** An occurrence the spam filter dropped: what the recorder's logger would write next time. */
export interface UnsentEvent {
  /** "namespace/name" the event has (or, never written yet, will have) in the store. */
  key: string;
  count: number;
  /** firstTimestamp, epoch ms. */
  first: number;
  /** Last observation, epoch ms (forgotten an event TTL later, like the stored event would be). */
  at: number;
}

/** One recorder's correlator state (plain JSON). */
export interface CorrelatorState {
  /** Spam key → [tokens left, epoch ms they were counted at]. */
  buckets: Record<string, [number, number]>;
  /** Aggregate key → [epoch ms of the last similar event, ...distinct messages in the run]. */
  similar: Record<string, [number, ...string[]]>;
  /** Logger key → the dropped occurrences not yet in the store. */
  unsent: Record<string, UnsentEvent>;
  /** Epoch ms of the last sweep. */
  swept: number;
}

export function newCorrelatorState(now: number): CorrelatorState {
  return { buckets: {}, similar: {}, unsent: {}, swept: now };
}

/**
 * Notes one event with this aggregate key and message (EventAggregate): true when it must be
 * recorded as the combined event. The run keeps at most 9 messages once over the threshold (Go
 * drops an arbitrary one with PopAny; the oldest is dropped here, to stay deterministic).
 */
export function aggregate(state: CorrelatorState, aggregateKey: string, message: string, now: number): boolean {
  let run = state.similar[aggregateKey];
  if (!run || now - run[0] > AGGREGATE_INTERVAL_MS) run = state.similar[aggregateKey] = [now];
  run[0] = now;
  if (!run.includes(message, 1)) run.push(message);
  if (run.length - 1 < AGGREGATE_MAX_EVENTS) return false;
  run.splice(1, 1);
  return true;
}

/** Takes a token from the source+object bucket (EventSourceObjectSpamFilter.Filter): false when the event is to be dropped. */
export function takeToken(state: CorrelatorState, spamKey: string, now: number): boolean {
  const bucket = state.buckets[spamKey];
  const tokens = bucket ? refilled(bucket, now) : SPAM_BURST;
  // As golang.org/x/time/rate: a refused request leaves the bucket as it was.
  if (tokens < 1) return false;
  state.buckets[spamKey] = [tokens - 1, now];
  return true;
}

function refilled([tokens, at]: [number, number], now: number): number {
  return Math.min(SPAM_BURST, tokens + ((now - at) / 1000) * SPAM_QPS);
}

/** Drops what can no longer change a decision, at most once a minute of clock time. */
export function sweep(state: CorrelatorState, now: number, forgetUnsentAfterMs: number): void {
  if (now - state.swept < SWEEP_EVERY_MS) return;
  state.swept = now;
  for (const [key, bucket] of Object.entries(state.buckets)) if (refilled(bucket, now) >= SPAM_BURST) delete state.buckets[key];
  for (const [key, run] of Object.entries(state.similar)) if (now - run[0] > AGGREGATE_INTERVAL_MS) delete state.similar[key];
  for (const [key, unsent] of Object.entries(state.unsent)) if (now - unsent.at > forgetUnsentAfterMs) delete state.unsent[key];
}
