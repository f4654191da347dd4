import { describe, expect, it } from "vitest";
import type { ScriptHost } from "../host";
import { newScript, runScript } from "../run";

function memoryHost(files: Record<string, string> = {}): ScriptHost & { files: Record<string, string> } {
  return {
    files,
    fs: {
      read: (p) => files[p],
      write: (p, c, append) => {
        files[p] = (append ? (files[p] ?? "") : "") + c;
        return undefined;
      },
      remove: (p) => (p in files ? (delete files[p], true) : false),
      exists: (p) => p in files,
      isDirectory: () => false,
      mkdir: () => undefined,
      list: () => undefined,
    },
    hostname: "pod-1",
    has: (p) => ["sh", "echo", "sleep", "cat", "touch", "rm", "date"].includes(p),
    http: () => ({ ok: false, error: "refused", host: "x", port: 80 }),
    resolve: () => ({ ok: false, server: "10.96.0.10" }),
    connect: () => ({ ok: false }),
    serve: () => true,
    allocate: () => undefined,
    selfListening: () => false,
  };
}

const T0 = Date.UTC(2026, 0, 1);

describe("container script interpreter", () => {
  it("prints, sleeps on the clock and exits with the script's status", () => {
    const s = newScript("echo start; sleep 5; echo done; exit 3", "sh", {}, T0);
    const host = memoryHost();
    const first = runScript(s, host, T0);
    expect(first.output.map((o) => o.text)).toEqual(["start"]);
    expect(first.wakeAt).toBe(T0 + 5000);
    expect(runScript(s, host, T0 + 4000).output).toEqual([]);
    const last = runScript(s, host, T0 + 5000);
    expect(last.output).toEqual([{ at: T0 + 5000, stream: "stdout", text: "done" }]);
    expect(last.exit).toEqual({ at: T0 + 5000, code: 3 });
  });

  it("runs loops with arithmetic and variables, catching up when woken late", () => {
    const s = newScript('i=0; while [ $i -lt 3 ]; do echo "tick $i"; i=$((i+1)); sleep 10; done; echo end', "sh", {}, T0);
    const out = runScript(s, memoryHost(), T0 + 60_000);
    expect(out.output.map((o) => [o.at - T0, o.text])).toEqual([
      [0, "tick 0"],
      [10_000, "tick 1"],
      [20_000, "tick 2"],
      [30_000, "end"],
    ]);
    expect(out.exit?.code).toBe(0);
  });

  it("changes files when the script does (the liveness-probe classic)", () => {
    const host = memoryHost();
    const s = newScript("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600", "sh", {}, T0);
    runScript(s, host, T0);
    expect(host.files["/tmp/healthy"]).toBe("");
    runScript(s, host, T0 + 30_000);
    expect(host.files["/tmp/healthy"]).toBeUndefined();
  });

  it("reports a missing program the way the shell does", () => {
    const s = newScript("nosuchtool --help", "sh", {}, T0);
    const out = runScript(s, memoryHost(), T0);
    expect(out.output[0].text).toBe("sh: nosuchtool: not found");
    expect(out.exit?.code).toBe(127);
  });

  it("supports for loops, if/else, && and || and redirections", () => {
    const host = memoryHost({ "/etc/motd": "hi\n" });
    const s = newScript('for n in a b; do echo $n >> /out; done; if [ -f /etc/motd ]; then cat /etc/motd; else echo no; fi; false || echo fallback; true && echo yes', "sh", {}, T0);
    const out = runScript(s, host, T0);
    expect(host.files["/out"]).toBe("a\nb\n");
    expect(out.output.map((o) => o.text)).toEqual(["hi", "fallback", "yes"]);
  });
});
