import { Environment } from "../../cluster/environment";
import type { Host } from "../../hosts/host";
import type { ProgramContext } from "../../process/types";
import { SYSTEM_ADMIN } from "../../api/types";
import { runKubectl } from "../program";

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * A test bench for the kubectl program: an environment, its control-plane host with an admin
 * kubeconfig at /root/.kube/config (server https://<control-plane IP>:6443, a token the cluster
 * knows), and `run("get pods")` returning stdout, stderr and the exit code.
 */
export class KubectlBench {
  readonly env: Environment;
  readonly host: Host;
  stdin = "";
  editor?: ProgramContext["edit"];

  constructor(env?: Environment) {
    this.env = env ?? Environment.create();
    this.host = this.env.homeHost;
    this.writeAdminKubeconfig();
  }

  writeAdminKubeconfig(path = "/root/.kube/config"): void {
    const cluster = this.env.cluster();
    const token = "kubecoach-test-admin-token";
    cluster.authenticator.add(token, SYSTEM_ADMIN);
    const ip = cluster.spec.nodes.find((n) => n.role === "control-plane")!.ip;
    this.host.fs.mkdirSync(path.replace(/\/[^/]+$/, ""), { recursive: true });
    this.host.fs.writeFileSync(
      path,
      [
        "apiVersion: v1",
        "clusters:",
        "- cluster:",
        "    certificate-authority-data: DATA",
        `    server: https://${ip}:6443`,
        `  name: ${cluster.name}`,
        "contexts:",
        "- context:",
        `    cluster: ${cluster.name}`,
        `    user: kubernetes-admin`,
        `  name: kubernetes-admin@${cluster.name}`,
        `current-context: kubernetes-admin@${cluster.name}`,
        "kind: Config",
        "preferences: {}",
        "users:",
        "- name: kubernetes-admin",
        "  user:",
        `    token: ${token}`,
        "",
      ].join("\n"),
    );
  }

  context(args: string[], signal = new AbortController().signal): { ctx: ProgramContext; out: RunResult } {
    const out: RunResult = { stdout: "", stderr: "", code: 0 };
    const ctx: ProgramContext = {
      args,
      name: "kubectl",
      stdin: this.stdin,
      env: { HOME: "/root", PATH: "/usr/bin:/bin" },
      cwd: "/root",
      host: this.host,
      user: "root",
      environment: this.env,
      stdout: (s) => (out.stdout += s),
      stderr: (s) => (out.stderr += s),
      signal,
      terminal: { isTTY: !!this.editor, columns: 120, rows: 40 },
      edit: this.editor,
      sleep: async (ms) => this.env.advanceBy(ms),
    };
    return { ctx, out };
  }

  async run(line: string | string[], signal?: AbortSignal): Promise<RunResult> {
    const args = Array.isArray(line) ? line : splitArgs(line);
    const { ctx, out } = this.context(args, signal);
    out.code = await runKubectl(ctx);
    return out;
  }

  write(path: string, content: string): void {
    this.host.fs.mkdirSync(path.replace(/\/[^/]+$/, "") || "/", { recursive: true });
    this.host.fs.writeFileSync(path, content);
  }
}

/** Splits a command line like a shell would for simple quoting ('…', "…"). */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  let cur = "";
  let quote = "";
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = "";
      else if (ch === "\\" && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (ch === " " || ch === "\t" || ch === "\n") {
      if (has || cur) args.push(cur);
      cur = "";
      has = false;
    } else if (ch === "\\" && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has || cur) args.push(cur);
  return args;
}
