import { beforeAll, describe, expect, it } from "vitest";
import { createTerminal, type Terminal } from "../../../../shell";
import { KubectlBench } from "../../../test/harness";

/**
 * `kubectl debug POD --copy-to=NAME`: a copy of the pod with a debug container added, images
 * changed (--set-image) or a container's command replaced — the way to look inside a container
 * that crashes at start.
 */
let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  const manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: crashy\n  labels: {app: crashy}\nspec:\n  containers:\n  - name: app\n    image: busybox:1.36\n    command: [sh, -c, 'echo starting; exit 3']\n";
  k.host.fs.writeFileSync("/root/crashy.yaml", manifest);
  expect((await k.run("apply -f /root/crashy.yaml")).code).toBe(0);
  k.env.advanceBy(30_000);
}, 60_000);

async function line(t: Terminal, text: string): Promise<{ output: string; prompt: string }> {
  let output = "";
  const r = await t.exec(text, (d) => (output += d));
  return { output, prompt: r.prompt };
}

describe("kubectl debug --copy-to", () => {
  it("copies the pod with a debug container, sharing the process namespace", async () => {
    const r = await k.run("debug crashy --copy-to=crashy-debug --image=busybox:1.36 --share-processes --profile=general -c dbg --env=MODE=debug -- sleep 1d");
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
    const copy = JSON.parse((await k.run("get pod crashy-debug -o json")).stdout);
    expect(copy.spec.shareProcessNamespace).toBe(true);
    expect(copy.spec.containers.map((c: { name: string }) => c.name)).toEqual(["app", "dbg"]);
    expect(copy.spec.containers[1]).toMatchObject({ image: "busybox:1.36", command: ["sleep", "1d"], env: [{ name: "MODE", value: "debug" }], securityContext: { capabilities: { add: ["SYS_PTRACE"] } } });
    // The general profile drops the labels, so the copy is not picked up by the original's selectors.
    expect(copy.metadata.labels).toBeUndefined();
  });

  it("replaces a crashing container's command and attaches to its shell", async () => {
    const t = createTerminal(k.env, { host: k.host.name, user: "root" });
    const debug = await line(t, "kubectl debug crashy -it --copy-to=crashy-shell --container=app --profile=legacy -- sh");
    expect(debug.output).toBe(
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\nIf you don\'t see a command prompt, try pressing enter.\n',
    );
    expect(debug.prompt).toBe("/ # ");
    expect((await line(t, "hostname")).output).toBe("crashy-shell\n");
    expect((await line(t, "exit")).output).toBe("Session ended, resume using 'kubectl attach crashy-shell -c app -i -t' command when the pod is running\n");
    const copy = JSON.parse((await k.run("get pod crashy-shell -o json")).stdout);
    expect(copy.spec.containers[0]).toMatchObject({ name: "app", command: ["sh"], stdin: true, tty: true });
    expect(copy.metadata.labels).toEqual({ app: "crashy" });
  });

  it("changes every image with --set-image and deletes the original with --replace", async () => {
    const r = await k.run("debug crashy --copy-to=crashy-new --set-image=*=busybox:1.37 --replace --profile=general");
    expect(r).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(JSON.parse((await k.run("get pod crashy-new -o json")).stdout).spec.containers[0].image).toBe("busybox:1.37");
    k.env.advanceBy(5_000);
    expect((await k.run("get pod crashy")).stderr).toBe('Error from server (NotFound): pods "crashy" not found\n');
  });

  it("answers kubectl's errors", async () => {
    expect((await k.run("debug crashy-new --copy-to=x --profile=general")).stderr).toBe("error: you must specify --image, --set-image or command arguments.\n");
    expect((await k.run("debug crashy-new --copy-to=x --profile=general -- sh")).stderr).toBe("error: you must specify an existing container or a new image when specifying args.\n");
    expect((await k.run("debug crashy-new --image=busybox --replace")).stderr).toBe("error: --replace may only be used with --copy-to.\n");
    expect((await k.run("debug crashy-new --image=busybox --set-image=app=busybox")).stderr).toBe("error: --set-image may only be used with --copy-to.\n");
    expect((await k.run("debug crashy-new --copy-to=x --image=busybox --target=app")).stderr).toBe("error: --target is incompatible with --copy-to. Use --share-processes instead.\n");
    expect((await k.run("debug crashy-new --copy-to=x --set-image=app=Bad")).stderr).toBe('error: invalid image name "Bad" for container "app": invalid reference format\n');
  });
});
