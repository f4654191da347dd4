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
  workdir = "";
  env!: Environment;

  async start(): Promise<void> {
    // Made here, not at construction, so suites filtered out never leave a directory behind.
    this.workdir = mkdtempSync(join(tmpdir(), "kubecoach-conformance-"));
    this.env = Environment.create(undefined, { startTime: Date.now(), seed: 42 });
    this.running = await serveEnvironment(this.env, { port: 0 });
    const kubeconfig = adminKubeconfig(this.env, { baseUrl: this.running.url, caPem: this.running.caPem });
    writeFileSync(join(this.workdir, "kubeconfig"), kubeconfig, { mode: 0o600 });
    this.writeNodeKubeconfigs(kubeconfig);
  }

  /**
   * The kubeconfigs kubeadm wrote on the control-plane node (admin.conf, super-admin.conf, …),
   * pointed at this server: goldens use them to authenticate with client certificates signed by
   * the cluster CA, as a learner copying /etc/kubernetes/admin.conf would.
   */
  private writeNodeKubeconfigs(adminKubeconfig: string): void {
    const host = [...this.env.hosts.values()].find((h) => h.role === "control-plane");
    const server = /server: (\S+)/.exec(adminKubeconfig)?.[1];
    const ca = /certificate-authority-data: (\S+)/.exec(adminKubeconfig)?.[1];
    if (!host || !server || !ca) return;
    for (const file of ["admin.conf", "super-admin.conf", "controller-manager.conf", "scheduler.conf"]) {
      const text = host.fs.readFileSync(`/etc/kubernetes/${file}`);
      if (!text) continue;
      const pointed = text.replace(/server: \S+/g, `server: ${server}`).replace(/certificate-authority-data: \S+/g, `certificate-authority-data: ${ca}`);
      writeFileSync(join(this.workdir, file), pointed, { mode: 0o600 });
    }
  }

  /** Runs a bash command line with kubectl pointed at this server; never blocks the server's event loop. */
  run(command: string, timeoutMs = 150_000): Promise<CommandResult> {
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
    if (this.workdir) rmSync(this.workdir, { recursive: true, force: true });
  }
}
