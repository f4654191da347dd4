import { deepFreeze } from "../util/freeze";

/**
 * Parsing the same text again gives the same result, and the simulation re-reads the same few
 * files all the time: the kubelet its config and static-pod manifests on every sync, kubectl the
 * kubeconfig and its client certificate on every command, in every environment of the process.
 * A ContentCache remembers a pure function's result per input text, shared by every environment
 * (the result depends on the text alone, so sharing cannot leak state between sessions).
 *
 * Results are deeply frozen so a caller cannot change what the next caller gets; failures are
 * remembered too and thrown again. Least recently used entries go once `maxEntries` is reached,
 * and keys longer than `maxKeyLength` are not kept (a learner's huge file is parsed each time).
 */
export class ContentCache<T> {
  private readonly entries = new Map<string, { value: T } | { error: unknown }>();

  constructor(
    private readonly maxEntries = 256,
    private readonly maxKeyLength = 256 * 1024,
  ) {}

  /** The value computed for `key`: remembered, or computed now by `compute` (which must depend on `key` alone). */
  get(key: string, compute: () => T): T {
    let entry = this.entries.get(key);
    if (entry) {
      // Re-inserting keeps Map order = recency, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      try {
        entry = { value: deepFreeze(compute()) };
      } catch (error) {
        entry = { error };
      }
      if (key.length <= this.maxKeyLength) {
        if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        this.entries.set(key, entry);
      }
    }
    if ("error" in entry) throw entry.error;
    return entry.value;
  }

  get size(): number {
    return this.entries.size;
  }
}
