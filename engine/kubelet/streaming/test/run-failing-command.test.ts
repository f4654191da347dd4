import { describe, expect, it } from "vitest";
import { createTerminal } from "../../../shell";
import { lab } from "../../test/helpers";

/**
 * `kubectl run -it --restart=OnFailure … -- sh -c 'exit 1'`: the container fails at once and is
 * restarted, so the pod is never running and ready; kubectl waits for that (--pod-running-timeout,
 * 1m) and gives up as the real one does, --rm deleting the pod on the way out.
 */
describe("kubectl run -it with a command that fails at once", () => {
  it("times out waiting for a ready pod, exit 1; --rm deletes the pod before the error", async () => {
    const env = lab();
    const terminal = createTerminal(env);
    let out = "";
    const started = env.clock.now();
    await terminal.exec("kubectl run -it --restart=OnFailure --image=busybox x -- sh -c 'exit 1'; echo rc=$?", (d) => (out += d));
    expect(out).toBe("error: timed out waiting for the condition\nrc=1\n");
    expect(env.clock.now() - started).toBeGreaterThanOrEqual(60_000);
    out = "";
    await terminal.exec("kubectl get pod x -o jsonpath='{.status.containerStatuses[0].restartCount}{\"\\n\"}'", (d) => (out += d));
    expect(Number(out)).toBeGreaterThanOrEqual(2);
    out = "";
    await terminal.exec("kubectl run -it --rm --restart=OnFailure --image=busybox y -- sh -c 'exit 1'; echo rc=$?; kubectl get pod y", (d) => (out += d));
    expect(out).toBe('pod "y" deleted\nerror: timed out waiting for the condition\nrc=1\nError from server (NotFound): pods "y" not found\n');
  }, 60_000);
});
