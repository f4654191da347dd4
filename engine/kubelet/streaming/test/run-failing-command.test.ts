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

  it("a shell of run -it --restart=OnFailure that exits 1 is restarted: kubectl waits for a success that does not come", async () => {
    const env = lab();
    const terminal = createTerminal(env);
    let out = "";
    await terminal.exec("kubectl run -it --rm --restart=OnFailure --image=busybox z -- sh", (d) => (out += d));
    expect(terminal.prompt).toBe("/ # ");
    out = "";
    const result = await terminal.exec("exit 1", (d) => (out += d));
    expect(out).toBe('pod "z" deleted\nerror: timed out waiting for the condition\n');
    expect(result.exitCode).toBe(1);
    expect(terminal.prompt).toBe("root@controlplane:~# ");
    out = "";
    await terminal.exec("echo $?", (d) => (out += d));
    expect(out).toBe("1\n");
  }, 60_000);

  it("exit 0 in that shell completes the pod: kubectl ends with 0 at once", async () => {
    const env = lab();
    const terminal = createTerminal(env);
    let out = "";
    await terminal.exec("kubectl run -it --restart=OnFailure --image=busybox ok -- sh", (d) => (out += d));
    out = "";
    const result = await terminal.exec("exit 0", (d) => (out += d));
    expect(out).toBe("");
    expect(result.exitCode).toBe(0);
    out = "";
    await terminal.exec("kubectl get pod ok -o jsonpath='{.status.phase}'", (d) => (out += d));
    expect(out).toBe("Succeeded");
  }, 60_000);
});
