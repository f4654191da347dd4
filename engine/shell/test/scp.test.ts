import { beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../cluster/environment";
import { createTerminal } from "../terminal";
import { collector, freshEnvironment, testPrograms } from "./helpers";

/** scp between the controlplane's shell and node01, as a learner fetches a file from a node. */
let env: Environment;
let terminal: ReturnType<typeof createTerminal>;

async function run(line: string): Promise<{ out: string; exitCode: number }> {
  const out = collector();
  const result = await terminal.exec(line, out.sink);
  return { out: out.text(), exitCode: result.exitCode };
}

beforeAll(() => {
  env = freshEnvironment();
  terminal = createTerminal(env, { programs: testPrograms() });
});

describe("scp", () => {
  it("copies a node's file here, keeping its permission bits", async () => {
    const node = env.hosts.get("node01")!.fs;
    node.writeFileSync("/etc/kubernetes/secret.key", "KEY\n", { mode: 0o600 });
    expect(await run("scp node01:/etc/kubernetes/secret.key /tmp/")).toEqual({ out: "", exitCode: 0 });
    const here = env.hosts.get("controlplane")!.fs;
    expect(here.readFileSync("/tmp/secret.key")).toBe("KEY\n");
    expect(here.statSync("/tmp/secret.key")!.mode & 0o777).toBe(0o600);
  });

  it("sends a file to a remote home, and a directory with -r", async () => {
    await run("mkdir -p /tmp/bundle/sub && echo a > /tmp/bundle/a.txt && echo b > /tmp/bundle/sub/b.txt && echo note > /tmp/note");
    expect((await run("scp /tmp/note root@node01:")).exitCode).toBe(0);
    const node = env.hosts.get("node01")!.fs;
    expect(node.readFileSync("/root/note")).toBe("note\n");
    expect((await run("scp -r /tmp/bundle node01:/opt/")).exitCode).toBe(0);
    expect(node.readFileSync("/opt/bundle/sub/b.txt")).toBe("b\n");
    expect((await run("cat /tmp/bundle/a.txt | ssh node01 cat /opt/bundle/a.txt")).out).toBe("a\n");
  });

  it("reports what OpenSSH's scp reports, remote errors with its prefix", async () => {
    expect(await run("scp node01:/nope /tmp/")).toEqual({ out: "scp: /nope: No such file or directory\n", exitCode: 1 });
    expect(await run("scp node01:/etc/kubernetes /tmp/")).toEqual({ out: "scp: /etc/kubernetes: not a regular file\n", exitCode: 1 });
    expect(await run("scp /tmp/missing node01:/tmp/")).toEqual({ out: "/tmp/missing: No such file or directory\n", exitCode: 1 });
    expect(await run("scp nohost:/etc/hosts /tmp/")).toEqual({ out: "ssh: Could not resolve hostname nohost: Name or service not known\r\nlost connection\n", exitCode: 1 });
    const usage = await run("scp /tmp/note");
    expect(usage.exitCode).toBe(1);
    expect(usage.out.startsWith("usage: scp [-346ABCOpqRrsTv]")).toBe(true);
  });
});
