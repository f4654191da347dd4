// Background prefetch of setup templates into a session worker. Without it, a worker's first
// attempt of a scenario asks the warming thread for the template and takes in its parts while the
// learner waits (p95 ~20 ms, up to ~80 ms for a mock exam, on top of the set-up itself). So once
// the warming thread offers templates (likeliest first: see rankTemplateJobs), an idle worker takes
// in the likeliest that fit its memory budget ahead of need, one part at a time and only while it is quiet: no learner's
// message, save or attempt began for QUIET_MS. A message arriving pauses the intake after the part
// under way (one part is ~64 kB of JSON: a millisecond or so), so commands never queue behind it.
// An attempt that needs a template being prefetched joins it and takes the rest at its own pace
// (engine/cluster/setup-templates.ts prefetchSetupTemplate).
import type { Pace } from "../../engine/cluster/setup-templates";

/**
 * Heap (MB) a worker spends on prefetched templates unless KUBECOACH_PREFETCH_MB says otherwise. A
 * template costs ~2 MB of heap per million characters of its JSON (measured: a scenario's ~1 M
 * characters ~2.1 MB, a mock exam's ~5.5 M ~10 MB), and stays for as long as the worker runs. 32 MB
 * is about two thirds of an idle worker's own heap: on a new server two mock exams and four
 * scenarios, on one where learners practise, the fifteen scenarios they start most.
 */
export const DEFAULT_PREFETCH_MB = 32;
/** Heap MB per million characters of a template's JSON (parsed and frozen), rounded up from the measurements above. */
const HEAP_MB_PER_MILLION_CHARS = 2;
/** The worker counts as quiet once no foreground work began for this long. */
export const QUIET_MS = 250;

/** KUBECOACH_PREFETCH_MB: heap per worker for templates taken in ahead of need (0: none), as characters of their JSON. */
export function prefetchBudgetChars(value = process.env.KUBECOACH_PREFETCH_MB): number {
  const mb = value === undefined || value.trim() === "" || !(Number(value) >= 0) ? DEFAULT_PREFETCH_MB : Number(value);
  return Math.floor((mb / HEAP_MB_PER_MILLION_CHARS) * 1e6);
}

export interface PrefetchDeps {
  /** Characters of template JSON to take in at most (prefetchBudgetChars): the memory bound. */
  budgetChars: number;
  /** Takes in `key` with `pace` between parts; resolves with whether it was kept (prefetchSetupTemplate). */
  fetch(key: string, pace: Pace): Promise<boolean>;
  /** Whether the thread holds `key` already (an attempt used it). */
  has(key: string): boolean;
  /** Milliseconds since the thread last began foreground work (workers/health.ts msSinceWork). */
  sinceWork(): number;
  /** Resolves after `ms` (an unref'd timer; tests pass their own clock). */
  sleep(ms: number): Promise<void>;
  /** One turn of the event loop between parts. */
  turn: Pace;
  /** Called as each part begins (marks it as background work for the long-task trace). */
  onPart?(): void;
}

export class TemplatePrefetcher {
  private wanted: readonly { key: string; chars: number }[] = [];
  private readonly tried = new Set<string>();
  private spent = 0;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Templates prefetched and kept so far. */
  kept = 0;

  constructor(private readonly deps: PrefetchDeps) {}

  /** The warming thread's templates, likeliest first, with the characters of each one's JSON: takes in those this thread has not, while they fit the budget. */
  offer(keys: readonly string[], chars: readonly number[]): void {
    this.wanted = keys.map((key, i) => ({ key, chars: chars[i] ?? Infinity }));
    this.running ??= this.run().finally(() => (this.running = undefined));
  }

  /** Resolves when the prefetch under way (if any) ends. */
  settled(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** No more prefetching; a part under way is the last. */
  stop(): void {
    this.stopped = true;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      // The likeliest that fits: one too large for what is left is passed over for smaller ones after it.
      const next = this.wanted.find((t) => !this.tried.has(t.key) && !this.deps.has(t.key) && this.spent + t.chars <= this.deps.budgetChars);
      if (!next || !(await this.quiet())) return;
      const key = next.key;
      // Marked before it is fetched: one the warming thread has not (or a dead thread) is not asked again.
      this.tried.add(key);
      this.spent += next.chars;
      const pace: Pace = async () => {
        await this.deps.turn();
        await this.quiet();
        this.deps.onPart?.();
      };
      if (await this.deps.fetch(key, pace)) this.kept++;
      else this.spent -= next.chars;
    }
  }

  /** Resolves once the thread has been quiet for QUIET_MS; false when stopped meanwhile. */
  private async quiet(): Promise<boolean> {
    for (;;) {
      if (this.stopped) return false;
      const since = this.deps.sinceWork();
      if (since >= QUIET_MS) return true;
      await this.deps.sleep(QUIET_MS - since);
    }
  }
}

/** A timer that does not keep the thread alive. */
export function unrefSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
