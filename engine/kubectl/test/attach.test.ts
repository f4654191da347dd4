import { beforeAll, describe, expect, it } from "vitest";
import { createTerminal, type Terminal } from "../../shell";
import { runKubectl } from "../program";
import { KubectlBench, splitArgs } from "./harness";

/**
 * kubectl attach and `kubectl run -i/-it [--rm]`: a process's output followed as the simulation
 * runs, kubectl's errors, pods that finish before the attach, exit codes, --rm, and a shell started
 * with `run -it` taking the terminal until `exit`.
 */
let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  expect((await k.run(["run", "ticker", "--image=busybox:1.36", "--", "sh", "-c", "while true; do echo tick; sleep 10; done"])).code).toBe(0);
  expect((await k.run("run done --image=busybox:1.36 --restart=Never -- true")).code).toBe(0);
  k.env.advanceBy(60_000);
}, 60_000);

/** Runs kubectl, pressing Ctrl-C after `steps` waits of the simulation. */
async function runFor(line: string, steps: number): Promise<{ stdout: string; stderr: string; code: number }> {
  const controller = new AbortController();
  const { ctx, out } = k.context(splitArgs(line), controller.signal);
  let slept = 0;
  ctx.sleep = async (ms) => {
    k.env.advanceBy(ms);
    if (++slept >= steps) controller.abort();
  };
  out.code = await runKubectl(ctx);
  return out;
}

describe("kubectl attach", () => {
  it("follows the main process's output until Ctrl-C", async () => {
    const r = await runFor("attach ticker", 35);
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\n");
    const ticks = r.stdout.split("\n").filter(Boolean);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks)).toEqual(new Set(["tick"]));
  });

  it("answers kubectl's errors", async () => {
    expect((await k.run("attach")).stderr).toBe("error: at least 1 argument is required for attach\n");
    expect((await k.run("attach a b c")).stderr).toBe("error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 3: [a b c]\n");
    expect((await k.run("attach nope")).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await k.run("attach ticker -c nope")).stderr).toBe("error: cannot attach to the container: container nope not found in pod ticker\n");
    expect((await k.run("attach done")).stderr).toBe("error: cannot attach a container in a completed pod; current phase is Succeeded\n");
  });

  it("refuses a tty the container did not allocate", async () => {
    const r = await runFor("attach -it ticker", 1);
    expect(r.stderr.split("\n")[0]).toBe("error: Unable to use a TTY - container ticker did not allocate one");
  });
});

describe("kubectl run -it then attach -it", () => {
  it("leaves a restarting shell pod running and says how to attach again", async () => {
    const t: Terminal = createTerminal(k.env, { host: k.host.name, user: "root" });
    let output = "";
    await t.exec("kubectl run shell -it --image=busybox:1.36 -- sh", (d) => (output += d));
    output = "";
    await t.exec("exit", (d) => (output += d));
    expect(output).toBe("Session ended, resume using 'kubectl attach shell -c shell -i -t' command when the pod is running\n");
    k.env.advanceBy(30_000);
    output = "";
    const again = await t.exec("kubectl attach shell -it", (d) => (output += d));
    expect(output).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(again.prompt).toBe("/ # ");
    await t.exec("exit", () => undefined);
  });
});

describe("kubectl run -i", () => {
  it("prints the output of a pod that finished and deletes it with --rm", async () => {
    const r = await k.run("run hello --rm -i --image=busybox:1.36 --restart=Never -- echo hello");
    expect(r).toEqual({ stdout: 'hello\npod "hello" deleted\n', stderr: "", code: 0 });
    expect((await k.run("get pod hello")).stderr).toBe('Error from server (NotFound): pods "hello" not found\n');
  });

  it("ends with the container's exit code", async () => {
    const r = await k.run(["run", "fails", "--rm", "-i", "--image=busybox:1.36", "--restart=Never", "--", "sh", "-c", "echo bye; exit 3"]);
    expect(r.stdout).toBe('bye\npod "fails" deleted\n');
    expect(r.stderr).toBe("pod default/fails terminated (Error)\n");
    expect(r.code).toBe(3);
  });

  it("opens the shell of `run -it --rm` in the terminal and deletes the pod after exit", async () => {
    const t: Terminal = createTerminal(k.env, { host: k.host.name, user: "root" });
    let output = "";
    const open = await t.exec("kubectl run box -it --rm --image=busybox:1.36 --restart=Never -- sh", (d) => (output += d));
    expect(output).toBe("If you don't see a command prompt, try pressing enter.\n");
    expect(open.prompt).toBe("/ # ");
    output = "";
    await t.exec("cat /etc/hostname", (d) => (output += d));
    expect(output).toBe("box\n");
    output = "";
    await t.exec("exit", (d) => (output += d));
    expect(output).toBe('pod "box" deleted\n');
    k.env.advanceBy(60_000);
    expect((await k.run("get pod box")).stderr).toBe('Error from server (NotFound): pods "box" not found\n');
  });
});

/** Runs `open`, then the lines typed in the container's shell; the last line's output by stream, and its exit code, then `$?`. */
async function shellSession(open: string, lines: string[]): Promise<{ stdout: string; stderr: string; code: number; status: string }> {
  const t: Terminal = createTerminal(k.env, { host: k.host.name, user: "root" });
  await t.exec(open, () => undefined);
  for (const line of lines.slice(0, -1)) await t.exec(line, () => undefined);
  const out = { stdout: "", stderr: "" };
  const last = await t.exec(lines[lines.length - 1], (d, stream) => (out[stream] += d));
  let status = "";
  await t.exec("echo $?", (d) => (status += d));
  return { ...out, code: last.exitCode, status };
}

describe("a shell started by kubectl run -it / attach -it ends as kubectl does", () => {
  it("run -it --rm --restart=Never: the pod is deleted, then kubectl ends with the pod's exit code and reason", async () => {
    const r = await shellSession("kubectl run failing -it --rm --image=busybox:1.36 --restart=Never -- sh", ["exit 3"]);
    expect(r).toEqual({ stdout: 'pod "failing" deleted\n', stderr: "pod default/failing terminated (Error)\n", code: 3, status: "3\n" });
  });

  it("run -it --restart=Never with a shell exiting 0 ends quietly with 0", async () => {
    const r = await shellSession("kubectl run fine -it --image=busybox:1.36 --restart=Never -- sh", ["exit 0"]);
    expect(r).toEqual({ stdout: "", stderr: "", code: 0, status: "0\n" });
  });

  it("run -it --rm of a restarting pod: the reattach hint, then the deletion, and 0 whatever the shell's exit code", async () => {
    const r = await shellSession("kubectl run restarts -it --rm --image=busybox:1.36 -- sh", ["exit 4"]);
    expect(r).toEqual({
      stdout: "Session ended, resume using 'kubectl attach restarts -c restarts -i -t' command when the pod is running\npod \"restarts\" deleted\n",
      stderr: "",
      code: 0,
      status: "0\n",
    });
  });

  it("exec -it still reports the shell's exit code", async () => {
    const r = await shellSession("kubectl exec -it ticker -- sh", ["exit 5"]);
    expect(r).toEqual({ stdout: "", stderr: "command terminated with exit code 5\n", code: 5, status: "5\n" });
  });
});
