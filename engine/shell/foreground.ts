import type { Environment } from "../cluster/environment";
import type { ForegroundSession } from "../process/types";

/**
 * Foreground sessions that outlive a snapshot. A session (a container's shell under `kubectl exec
 * -it`) saves itself as `{ kind, state }`; restoring a terminal asks the restorer registered for
 * that kind to open it again. Kinds register from the module that builds the sessions.
 */
export interface SavedForeground {
  kind: string;
  state: unknown;
}

export interface ForegroundRestoreContext {
  environment: Environment;
  /** How waits inside the session pass (the restored terminal's sleep). */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  columns: number;
  rows: number;
}

/** Resolves with the reopened session, or a sentence saying why it cannot come back. */
export type ForegroundRestorer = (saved: unknown, context: ForegroundRestoreContext) => Promise<ForegroundSession | { gone: string }>;

const restorers = new Map<string, ForegroundRestorer>();

export function registerForegroundRestorer(kind: string, restorer: ForegroundRestorer): void {
  restorers.set(kind, restorer);
}

export function foregroundRestorer(kind: string): ForegroundRestorer | undefined {
  return restorers.get(kind);
}
