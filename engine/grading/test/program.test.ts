import { describe, expect, it } from "vitest";
import { runScript } from "../../shell/script";
import { gradeChecks } from "../grader";
import { check, freshContext } from "./helpers";

describe("program checks", () => {
  it("run one program as root on the host and judge its exit status and output", async () => {
    const ctx = freshContext();
    const setup = await runScript(ctx.env, { script: "ip netns add red\nip link add br0 type bridge\nip addr add 10.1.0.1/24 dev br0", host: "node01", user: "root" });
    expect(setup.exitCode, setup.stderr).toBe(0);
    const program = (id: string, argv: string[], more: Record<string, unknown> = {}) => check({ id, type: "program", host: "node01", argv, ...more });
    const grade = await gradeChecks(
      [
        program("netns", ["ip", "netns", "list"], { stdout: { matches: "\\bred\\b" } }),
        program("addr", ["ip", "addr", "show", "br0"], { stdout: { matches: "inet 10.1.0.1/24" } }),
        // Kubernetes nodes forward IPv4 (kubeadm's preflight requires it).
        program("forwarding", ["sysctl", "-n", "net.ipv4.ip_forward"], { stdout: { trimmed: "0" } }),
        program("missing-device", ["ip", "addr", "show", "br1"]),
        program("home-host", ["ip", "netns", "list"], { host: undefined, stdout: { matches: "red" } }),
        program("unknown", ["no-such-tool"]),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => [c.id, c.passed])).toEqual([
      ["netns", true],
      ["addr", true],
      ["forwarding", false],
      ["missing-device", false],
      ["home-host", false],
      ["unknown", false],
    ]);
    expect(grade.checks[2].reason).toBe('`sysctl -n net.ipv4.ip_forward` on node01: its output was "1"; expected "0"');
    expect(grade.checks[3].reason).toBe('`ip addr show br1` on node01 exited with 1, expected 0: Device "br1" does not exist.');
    expect(grade.checks[4].reason).toBe("`ip netns list` on controlplane: its output does not match /red/");
    expect(grade.checks[5].problem).toBe("unavailable");
  });
});
