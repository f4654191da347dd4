import { describe, expect, it } from "vitest";
import { createTerminal, runScript } from "../../../shell";
import { lab } from "../../test/helpers";

/**
 * A shell that is a container's main process (`kubectl run -i … -- sh`) reads the attached
 * client's input: it runs what it reads, its output also lands in the container log, and it ends
 * when its input ends (stdinOnce) or it exits — and so does the container.
 */
describe("a shell as the container's main process", () => {
  it("kubectl run -i without a tty runs the piped script and ends with its input", async () => {
    const env = lab();
    const r = await runScript(env, {
      script: [
        "echo 'echo hi; hostname' | kubectl run -i t --image=busybox --restart=Never -- sh; echo rc=$?",
        "kubectl get pod t --no-headers | awk '{print $2, $3}'",
        "kubectl logs t",
        "echo 'echo bye; exit 4' | kubectl run -i u --rm --image=busybox --restart=Never -- sh; echo rc=$?",
      ].join("\n"),
    });
    expect(r.stdout).toBe('hi\nt\nrc=0\n0/1 Completed\nhi\nt\nbye\npod "u" deleted\nrc=4\n');
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\n".repeat(2) + "pod default/u terminated (Error)\n");
  });

  it("exit in the shell of run -it ends the container: a Never pod completes", async () => {
    const env = lab();
    const terminal = createTerminal(env, { columns: 120 });
    let out = "";
    const type = async (line: string) => (await terminal.exec(line, (d) => (out += d))).exitCode;
    await type("kubectl run -it box --image=busybox --restart=Never -- sh");
    expect(terminal.prompt).toBe("/ # ");
    await type("echo inside");
    await type("exit 0");
    expect(terminal.prompt).toBe("root@controlplane:~# ");
    out = "";
    await type("kubectl get pod box --no-headers | awk '{print $2, $3}'; kubectl logs box");
    expect(out).toBe("0/1 Completed\ninside\n");
  });
});
