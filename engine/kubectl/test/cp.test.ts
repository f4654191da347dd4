import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/**
 * kubectl cp through tar in the container: a file and a directory in both directions (the bytes
 * arrive intact, into a directory when the destination is one), and kubectl's argument errors.
 */
let k: KubectlBench;

beforeAll(async () => {
  k = new KubectlBench();
  expect((await k.run("run box --image=busybox:1.36 -- sleep 3600")).code).toBe(0);
  k.env.advanceBy(60_000);
}, 60_000);

describe("kubectl cp", () => {
  it("copies a local file into the pod, and into a directory that exists there", async () => {
    k.write("/root/app.conf", "mode=prod\nlevel=3\n");
    expect(await k.run("cp /root/app.conf box:/tmp/app.conf")).toEqual({ stdout: "", stderr: "", code: 0 });
    expect((await k.run("exec box -- cat /tmp/app.conf")).stdout).toBe("mode=prod\nlevel=3\n");
    expect((await k.run("cp app.conf box:/etc")).code).toBe(0);
    expect((await k.run("exec box -- cat /etc/app.conf")).stdout).toBe("mode=prod\nlevel=3\n");
  });

  it("copies a file and a directory out of the pod", async () => {
    await k.run(["exec", "box", "--", "sh", "-c", "mkdir -p /data/sub && echo one > /data/a.txt && echo two > /data/sub/b.txt"]);
    const file = await k.run("cp box:/data/a.txt /root/a-copy.txt");
    expect(file.code).toBe(0);
    expect(k.host.fs.readFileSync("/root/a-copy.txt")).toBe("one\n");
    expect((await k.run("cp default/box:/data /root/data-copy")).code).toBe(0);
    expect(k.host.fs.readFileSync("/root/data-copy/sub/b.txt")).toBe("two\n");
    expect(k.host.fs.readFileSync("/root/data-copy/a.txt")).toBe("one\n");
  });

  it("answers kubectl's errors", async () => {
    expect((await k.run("cp /root/nope box:/tmp/x")).stderr).toBe("error: /root/nope doesn't exist in local filesystem\n");
    expect((await k.run("cp a b")).stderr).toBe("error: one of src or dest must be a remote file specification\n");
    expect((await k.run("cp box:/a box:/b")).stderr).toBe("error: one of src or dest must be a local file specification\n");
    expect((await k.run("cp :x /tmp")).stderr).toBe("error: filespec must match the canonical format: [[namespace/]pod:]file/path\n");
    expect((await k.run("cp nope:/x /tmp/x")).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});
