/**
 * A sleep on the wall clock that an abort (Ctrl-C) cuts short. Served environments, the app's
 * sessions and `kubecoach shell` follow wall time, so a program's `sleep` waits for real there;
 * tests pass a sleep that advances the virtual clock instead.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function wallSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    // Beyond setTimeout's range (Infinity: a wait with no end) only the abort ends it; Node would fire at once.
    const timer = ms <= MAX_TIMER_MS ? setTimeout(done, Math.max(0, ms)) : undefined;
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
