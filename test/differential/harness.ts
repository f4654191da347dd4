import "reflect-metadata";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Environment } from "../../engine/cluster/environment";
import { serveKubernetesApi } from "../../engine/http/handler";
import { attachStreamingUpgrades } from "../../engine/http/streaming/serve-upgrades";
import type { Server as HttpServer } from "node:http";
import { adminKubeconfig, clusterPrefix } from "../../engine/http/serve";
import { createCertificateAuthority, issueCertificate } from "../../engine/pki/certificates";
import type { ProgramContext } from "../../engine/process/types";
import { runKubectl } from "../../engine/kubectl/program";

/** The real kubectl of the simulated minor version (the dispatcher at /usr/bin/kubectl picks it too). */
export const REAL_KUBECTL = ["/usr/lib/google-cloud-sdk/bin/kubectl.1.33", "/usr/bin/kubectl"].find((p) => existsSync(p));

export interface Output {
  stdout: string;
  stderr: string;
  code: number;
}

const START = Date.UTC(2026, 0, 1, 8, 0, 0);

/**
 * Two identical environments (same seed, same start time, clocks that only move when told): one
 * served over HTTPS through the same Kubernetes API adapter `kubecoach serve` uses, for the real
 * kubectl; the other driven in process by the emulated kubectl. Each command line runs on both,
 * so both states stay equal as long as both kubectls send the same requests.
 */
export class DifferentialPair {
  readonly real: Environment;
  readonly emulated: Environment;
  private server?: Server;
  private workdir = "";
  private kubeconfig = "";
  url = "";

  constructor(seed = 7) {
    this.real = Environment.create(undefined, { seed, startTime: START });
    this.emulated = Environment.create(undefined, { seed, startTime: START });
  }

  async start(): Promise<void> {
    const notBefore = new Date(START - 3600_000);
    const ca = await createCertificateAuthority("kubecoach-differential-ca", notBefore);
    const cert = await issueCertificate(ca, { commonName: "kube-apiserver", dnsNames: ["localhost"], ips: ["127.0.0.1"], usage: "server", notBefore: new Date(Date.now() - 3600_000), days: 30 });
    this.server = createServer({ key: cert.key.privateKeyPem, cert: cert.certificatePem }, (req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
      const cluster = m ? this.real.clusters.get(decodeURIComponent(m[1])) : undefined;
      if (!cluster) {
        res.writeHead(404).end();
        return;
      }
      serveKubernetesApi(cluster, req, res, m![2] ?? "/", url.searchParams).catch(() => res.end());
    });
    // exec, attach and port-forward upgrade the connection (WebSocket), as `kubecoach serve` serves them.
    attachStreamingUpgrades(this.server as unknown as HttpServer, this.real, () => undefined);
    // KUBECOACH_DIFFERENTIAL_PORT pins the port on a machine where each engineer has a port range.
    await new Promise<void>((resolve) => this.server!.listen(Number(process.env.KUBECOACH_DIFFERENTIAL_PORT ?? 0), "127.0.0.1", resolve));
    const port = (this.server.address() as AddressInfo).port;
    this.url = `https://127.0.0.1:${port}`;
    const realConfig = adminKubeconfig(this.real, { baseUrl: this.url, caPem: ca.certificatePem });
    const emulatedConfig = adminKubeconfig(this.emulated, { baseUrl: this.url, caPem: ca.certificatePem });
    this.workdir = mkdtempSync(join(tmpdir(), "kubecoach-diff-"));
    this.kubeconfig = join(this.workdir, "kubeconfig");
    writeFileSync(this.kubeconfig, realConfig);
    const host = this.emulated.homeHost;
    host.fs.mkdirSync("/root/.kube", { recursive: true });
    host.fs.writeFileSync("/root/.kube/config", emulatedConfig);
    void clusterPrefix;
  }

  /** Writes a file both kubectls can read with the same relative path. */
  file(path: string, content: string): void {
    const real = join(this.workdir, "work", path);
    mkdirSync(dirname(real), { recursive: true });
    writeFileSync(real, content);
    const host = this.emulated.homeHost;
    const full = `/root/work/${path}`;
    host.fs.mkdirSync(full.replace(/\/[^/]+$/, ""), { recursive: true });
    host.fs.writeFileSync(full, content);
  }

  /** Advances both clocks alike. */
  advance(ms: number): void {
    this.real.advanceBy(ms);
    this.emulated.advanceBy(ms);
  }

  runReal(args: string[], stdin = ""): Promise<Output> {
    const home = mkdtempSync(join(this.workdir, "home-"));
    mkdirSync(join(this.workdir, "work"), { recursive: true });
    return new Promise((resolve) => {
      const child = spawn(REAL_KUBECTL!, args, {
        cwd: join(this.workdir, "work"),
        env: { PATH: "/usr/bin:/bin", HOME: home, KUBECONFIG: this.kubeconfig } as unknown as NodeJS.ProcessEnv,
        // Its own process group, so a timeout also ends what kubectl started (`edit` runs vi,
        // which would otherwise keep the output pipes open and the run waiting forever).
        detached: true,
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
      // kubectl may exit before reading its input (an early error): that is its answer, not a harness failure.
      child.stdin.on("error", () => undefined);
      child.stdin.end(stdin);
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          child.kill("SIGKILL");
        }
      }, 20_000);
      child.on("close", (code) => {
        clearTimeout(timer);
        rmSync(home, { recursive: true, force: true });
        resolve({ stdout, stderr, code: code ?? -1 });
      });
    });
  }

  async runEmulated(args: string[], stdin = ""): Promise<Output> {
    const out: Output = { stdout: "", stderr: "", code: 0 };
    // The real kubectl runs with a new HOME each time, so with no discovery cache: so does this one.
    this.emulated.homeHost.fs.rmSync("/root/.kube/cache", { recursive: true, force: true });
    const controller = new AbortController();
    const ctx: ProgramContext = {
      args,
      name: "kubectl",
      stdin,
      env: { HOME: "/root", PATH: "/usr/bin:/bin" },
      cwd: "/root/work",
      host: this.emulated.homeHost,
      user: "root",
      environment: this.emulated,
      stdout: (s) => (out.stdout += s),
      stderr: (s) => (out.stderr += s),
      signal: controller.signal,
      terminal: { isTTY: false, columns: 80, rows: 24 },
      // Neither clock moves during a command (the served one is not tied to wall time here).
      sleep: async () => undefined,
    };
    out.code = await runKubectl(ctx);
    return out;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
    if (this.workdir) rmSync(this.workdir, { recursive: true, force: true });
  }
}

/** Differences that are not behaviour: klog timestamps and pids, file locations, the real binary's build facts. */
export function normalise(text: string): string {
  return text
    .replace(/^([IWE])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, "$1MMDD hh:mm:ss.uuuuuu PID ")
    .replace(/milliseconds=\d+/g, "milliseconds=N")
    .replace(/--cache-dir='[^']*'/g, "--cache-dir='HOME/.kube/cache'")
    .replace(/'kubectl\.1\.33 /g, "'kubectl ")
    // client-go logs its feature gates from a Go map (random order) at -v=1 and up: whole lines dropped.
    .replace(/^[^\n]*"Feature gate default state"[^\n]*\n/gm, "")
    // The kubeconfig lives in a temporary directory for the real kubectl, at ~/.kube/config for the emulator.
    .replace(/Config loaded from file: {2}\S+/g, "Config loaded from file:  KUBECONFIG")
    .replace(/\/tmp\/kubecoach-diff-[A-Za-z0-9]+\/kubeconfig|\/root\/\.kube\/config/g, "KUBECONFIG")
    .replace(/kubectl(\.1\.33)?\/v1\.33\.\d+ \(linux\/amd64\) kubernetes\/[0-9a-f]+/g, "kubectl/VERSION");
}

/**
 * For output with ages: the real kubectl measures them against the machine's wall clock, the
 * emulator against the environment's. Every Go duration (HumanDuration: 5s, 2m30s, 4h, 3d5h, 2y)
 * becomes AGE and runs of padding shrink to two spaces, since a wider age widens its column.
 */
export function normaliseAges(text: string): string {
  return text.replace(/\b\d+[ydhms](\d+[dhms])?\b/g, "AGE").replace(/ {2,}/g, "  ");
}
