import "reflect-metadata";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Environment } from "../../../cluster/environment";
import "../../../programs-index";
import { HAVE_KUBECTL, KUBECTL } from "../../../../test/conformance/harness";
import { adminKubeconfig, serveEnvironment } from "../../serve";

/**
 * Stress (opt-in, KUBECOACH_STRESS=1; KUBECOACH_STRESS_RUNS sets how many, default 20): the real
 * kubectl's first exec against freshly started servers, the case where the stream used to end with
 * "close 1006 (abnormal closure): unexpected EOF" before the exit Status (see close-handshake.test.ts
 * for the deterministic check of the cause). Every run must print the command's output and exit 0.
 */
const RUNS = Number(process.env.KUBECOACH_STRESS_RUNS ?? 20);
const PORT = 7167;

function run(args: string[], kubeconfig: string, home: string): Promise<{ output: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(KUBECTL, args, { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, KUBECONFIG: kubeconfig } as unknown as NodeJS.ProcessEnv });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("close", (code) => resolve({ output, code: code ?? -1 }));
  });
}

describe.skipIf(!HAVE_KUBECTL || process.env.KUBECOACH_STRESS !== "1")("stress: the real kubectl's first exec on fresh servers", () => {
  it(`ends ${RUNS} first execs with the output and exit code 0`, { timeout: RUNS * 30_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), "kubecoach-exec-stress-"));
    const failures: string[] = [];
    try {
      for (let i = 0; i < RUNS; i++) {
        const env = Environment.create(undefined, { startTime: Date.now(), seed: 1000 + i });
        env.cluster().admin.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "box", namespace: "default" }, spec: { containers: [{ name: "b", image: "busybox", command: ["sleep", "1d"] }] } });
        const server = await serveEnvironment(env, { port: PORT });
        try {
          const kubeconfig = join(home, "kubeconfig");
          writeFileSync(kubeconfig, adminKubeconfig(env, { baseUrl: server.url, caPem: server.caPem }), { mode: 0o600 });
          await run(["wait", "--for=condition=Ready", "pod/box", "--timeout=120s"], kubeconfig, home);
          const result = await run(["exec", "box", "--", "echo", "hi"], kubeconfig, home);
          if (result.output !== "hi\n" || result.code !== 0) failures.push(`run ${i}: exit ${result.code}: ${result.output}`);
        } finally {
          await server.close();
        }
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    expect(failures).toEqual([]);
  });
});
