/**
 * A sleep on the wall clock that an abort (Ctrl-C) cuts short. Served environments, the app's
 * sessions and `kubecoach shell` follow wall time, so a program's `sleep` waits for real there;
 * tests pass a sleep that advances the virtual clock instead.
 */
export function wallSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
