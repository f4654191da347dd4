// How many session worker threads the server runs (README: configuration).
import { availableParallelism } from "node:os";

/** KUBECOACH_SESSION_WORKERS: worker threads for sessions, default one per core; 0 runs them on the server thread. */
export function sessionWorkerCount(value = process.env.KUBECOACH_SESSION_WORKERS): number {
  if (value === undefined || value.trim() === "") return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`KUBECOACH_SESSION_WORKERS must be a whole number (0 = no worker threads), not "${value}"`);
  return n;
}
