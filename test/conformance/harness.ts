import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Environment } from "../../engine/cluster/environment";
import { adminKubeconfig, serveEnvironment, type RunningServer } from "../../engine/http/serve";

/** The real kubectl (the dispatcher picks the v1.33 client for our v1.33 server). */
export const KUBECTL = "/usr/bin/kubectl";
export const HAVE_KUBECTL = existsSync(KUBECTL);

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * One environment served exactly as `kubecoach serve` serves it (HTTPS, client certificates,
 * protobuf bodies, wall-clock time) and a shell to run the real kubectl against it. Commands run
 * through bash so golden files can use pipes, here-documents and KUBE_EDITOR.
 */
export class ConformanceServer {
  private running?: RunningServer;
  readonly workdir = mkdtempSync(join(tmpdir(), "kubecoach-conformance-"));
  readonly env = Environment.create(undefined, { startTime: Date.now(), seed: 42 });

  async start(): Promise<void> {
    this.running = await serveEnvironment(this.env, { port: 0 });
    writeFileSync(join(this.workdir, "kubeconfig"), adminKubeconfig(this.env, { baseUrl: this.running.url, caPem: this.running.caPem }), { mode: 0o600 });
  }

  /** Runs a bash command line with kubectl pointed at this server; never blocks the server's event loop. */
  run(command: string, timeoutMs = 30_000): Promise<CommandResult> {
    return new Promise((resolve) => {
      const child = spawn("bash", ["-c", command], {
        cwd: this.workdir,
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: this.workdir,
          KUBECONFIG: join(this.workdir, "kubeconfig"),
          KUBECTL_COMMAND_HEADERS: "false",
        } as unknown as NodeJS.ProcessEnv,
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ stdout, stderr, code: code ?? -1 });
      });
    });
  }

  async stop(): Promise<void> {
    await this.running?.close();
    rmSync(this.workdir, { recursive: true, force: true });
  }
}
