import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import { createTerminal, type Terminal } from "../../../shell";
import { createPod, lab, podRow, waitFor } from "../../test/helpers";

/**
 * A session saved while a container's shell has the terminal (`kubectl exec -it`, `run -it`)
 * comes back inside that shell, with its directory and variables; when the container is gone the
 * terminal says so and is back at the shell kubectl was typed in.
 */
async function typeInto(terminal: Terminal, line: string): Promise<string> {
  let out = "";
  await terminal.exec(line, (d) => (out += d));
  return out;
}

function boxLab(): Environment {
  const env = lab();
  const c = env.cluster();
  createPod(c, { metadata: { name: "box" }, spec: { containers: [{ name: "b", image: "busybox", command: ["sleep", "1d"] }] } });
  waitFor(env, () => podRow(c, "default", "box").status === "Running");
  return env;
}

describe("a container shell in the foreground across a snapshot", () => {
  it("restores into the same shell, which exits back to the node's prompt", async () => {
    const env = boxLab();
    const terminal = createTerminal(env);
    await typeInto(terminal, "kubectl exec -it box -- sh");
    await typeInto(terminal, "cd /tmp && X=5 && echo saved > note");
    expect(terminal.prompt).toBe("/tmp # ");
    const saved = JSON.parse(JSON.stringify({ env: env.snapshot(), terminal: await terminal.snapshot() }));

    const env2 = Environment.restore(saved.env);
    const restored = createTerminal(env2, { restore: saved.terminal });
    await restored.ready;
    expect(restored.prompt).toBe("/tmp # ");
    expect(await typeInto(restored, "echo $X; pwd; cat note; hostname")).toBe("5\n/tmp\nsaved\nbox\n");
    expect(await typeInto(restored, "exit 3")).toBe("command terminated with exit code 3\n");
    expect(restored.prompt).toBe("root@controlplane:~# ");
    expect(await typeInto(restored, "echo $?")).toBe("3\n");
  });

  it("run -it --rm: the restored shell still deletes its pod on exit", async () => {
    const env = lab();
    const terminal = createTerminal(env);
    await typeInto(terminal, "kubectl run -it tmp --rm --image=busybox --restart=Never -- sh");
    expect(terminal.prompt).toBe("/ # ");
    const env2 = Environment.restore(JSON.parse(JSON.stringify(env.snapshot())));
    const restored = createTerminal(env2, { restore: JSON.parse(JSON.stringify(await terminal.snapshot())) });
    expect(await typeInto(restored, "exit")).toBe('pod "tmp" deleted\n');
    expect(await typeInto(restored, "kubectl get pod tmp")).toBe('Error from server (NotFound): pods "tmp" not found\n');
  });

  it("run -it --rm --restart=Never: a restored shell that fails ends with the pod's result, as kubectl run does", async () => {
    const env = lab();
    const terminal = createTerminal(env);
    await typeInto(terminal, "kubectl run -it tmp --rm --image=busybox --restart=Never -- sh");
    const env2 = Environment.restore(JSON.parse(JSON.stringify(env.snapshot())));
    const restored = createTerminal(env2, { restore: JSON.parse(JSON.stringify(await terminal.snapshot())) });
    expect(await typeInto(restored, "exit 2")).toBe('pod "tmp" deleted\npod default/tmp terminated (Error)\n');
    expect(await typeInto(restored, "echo $?")).toBe("2\n");
  });

  it("says so when the container is gone, and leaves the terminal at the outer shell", async () => {
    const env = boxLab();
    const terminal = createTerminal(env);
    await typeInto(terminal, "kubectl exec -it box -- sh");
    const saved = await terminal.snapshot();
    env.cluster().admin.delete("", "pods", "default", "box", { gracePeriodSeconds: 0 });
    const restored = createTerminal(env, { restore: saved });
    await restored.ready;
    expect(restored.prompt).toBe("root@controlplane:~# ");
    expect(await typeInto(restored, "hostname")).toBe(
      "kubecoach: the session this terminal was in ended while it was saved (pod default/box no longer exists); back at the shell it was started from\ncontrolplane\n",
    );
  });
});

describe("Ctrl-C at a container shell's prompt", () => {
  it("drops a half-typed multi-line command there, as at the node's prompt", async () => {
    const env = boxLab();
    const terminal = createTerminal(env);
    await typeInto(terminal, "kubectl exec -it box -- sh");
    await typeInto(terminal, "for i in 1 2; do");
    expect(terminal.prompt).toBe("> ");
    terminal.interrupt();
    expect(terminal.prompt).toBe("/ # ");
    expect(await typeInto(terminal, "echo fresh")).toBe("fresh\n");
  });
});
