import type { Server } from "node:http";
import { createServer } from "node:https";
import { createCertificateAuthority, issueCertificate } from "../pki/certificates";
import type { AddressInfo } from "node:net";
import type { Environment } from "../cluster/environment";
import { SYSTEM_ADMIN } from "../api/types";
import { serveKubernetesApi } from "./handler";
import { attachTerminalSocket } from "./terminal-socket";
import { attachStreamingUpgrades } from "./streaming/serve-upgrades";

export interface KubeconfigOptions {
  baseUrl: string;
  /** PEM of the CA that signed the serving certificate. */
  caPem: string;
  currentCluster?: string;
}

/** Path prefix under which each cluster's API is served: one server, a cluster per prefix. */
export function clusterPrefix(name: string): string {
  return `/clusters/${encodeURIComponent(name)}`;
}

/**
 * Makes sure each cluster has an admin token and returns a kubeconfig (YAML) with a context per
 * cluster, named the way kubeadm names them, the first (or requested) cluster current.
 */
export function adminKubeconfig(env: Environment, options: KubeconfigOptions): string {
  const clusters = [...env.clusters.values()];
  const lines = ["apiVersion: v1", "kind: Config", "clusters:"];
  for (const c of clusters) {
    lines.push(
      `- cluster:`,
      `    certificate-authority-data: ${Buffer.from(options.caPem).toString("base64")}`,
      `    server: ${options.baseUrl}${clusterPrefix(c.name)}`,
      `  name: ${c.name}`,
    );
  }
  lines.push("contexts:");
  for (const c of clusters) {
    lines.push(`- context:`, `    cluster: ${c.name}`, `    user: kubernetes-admin@${c.name}`, `  name: kubernetes-admin@${c.name}`);
  }
  const current = options.currentCluster ?? clusters[0]?.name;
  lines.push(`current-context: kubernetes-admin@${current}`, "preferences: {}", "users:");
  for (const c of clusters) {
    let token = c.authenticator.tokenFor(SYSTEM_ADMIN.username);
    if (!token) {
      token = `kubecoach-admin-${env.random.hex(24)}`;
      c.authenticator.add(token, SYSTEM_ADMIN);
    }
    lines.push(`- name: kubernetes-admin@${c.name}`, `  user:`, `    token: ${token}`);
  }
  return lines.join("\n") + "\n";
}

export interface RunningServer {
  server: Server;
  url: string;
  caPem: string;
  close(): Promise<void>;
}

/**
 * Serves an environment's clusters over HTTP on loopback with its clock following wall time, so
 * that the real kubectl, client libraries and k9s can work against it.
 */
export async function serveEnvironment(env: Environment, options: { port?: number; host?: string; tickMs?: number } = {}): Promise<RunningServer> {
  const follow = () => {
    const now = Date.now();
    if (now > env.clock.now()) env.advanceTo(now);
  };
  const host = options.host ?? "127.0.0.1";
  // Real clients insist on TLS before they send credentials, so serve HTTPS with a CA of our own.
  const notBefore = new Date(Date.now() - 60_000);
  const ca = await createCertificateAuthority("kubecoach-serve-ca", notBefore);
  const serving = await issueCertificate(ca, { commonName: "kube-apiserver", dnsNames: ["localhost", "kubernetes", "kubernetes.default"], ips: [host, "127.0.0.1"], usage: "server", notBefore, days: 365 });
  const ticker = setInterval(follow, options.tickMs ?? 250);
  // Client certificates are requested, not required, and checked per cluster by its authenticator
  // (each cluster has its own CA; an empty CA list lets clients send whatever certificate they hold).
  const server = createServer({ key: serving.key.privateKeyPem, cert: serving.certificatePem, requestCert: true, rejectUnauthorized: false }, (req, res) => {
    follow();
    const url = new URL(req.url ?? "/", "http://localhost");
    const m = /^\/clusters\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const cluster = m ? env.clusters.get(decodeURIComponent(m[1])) : undefined;
    if (!cluster) {
      res.writeHead(404, { "content-type": "text/plain" }).end("no such cluster; paths look like /clusters/<name>/api\n");
      return;
    }
    serveKubernetesApi(cluster, req, res, m![2] ?? "/", url.searchParams).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(e));
    });
  });
  const terminals = attachTerminalSocket(server, env);
  const streams = attachStreamingUpgrades(server, env, follow);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `https://${host}:${address.port}`,
    caPem: ca.certificatePem,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(ticker);
        for (const client of terminals.clients) client.terminate();
        streams.destroyAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
