import { createHash, X509Certificate } from "node:crypto";
import { buildInfo } from "../../controlplane/releases";
import type { ProgramContext } from "../../process/types";
import { PROGRAMS } from "../../programs";
import { installedBinaryVersion } from "../apt/dpkg";
import { kubeadmVersion, openCluster, STACK_HINT, table } from "./context";
import { join } from "./join";
import { reset } from "./reset";
import { tokenDelete, tokenGenerate } from "./token";
import { upgradeApply, upgradeNode, upgradePlan } from "./upgrade";

/**
 * kubeadm (the installed package's version): version, upgrade plan|apply|node, token
 * create|list|delete|generate, certs check-expiration, reset and join of worker nodes. Commands that would rebuild
 * a control plane (init, join --control-plane, reset of a control-plane node, certs renew) say
 * plainly that Kubecoach does not have them yet.
 */
function versionCommand(ctx: ProgramContext): number {
  const v = kubeadmVersion(ctx);
  const output = ctx.args.find((a, i) => ctx.args[i - 1] === "-o" || ctx.args[i - 1] === "--output") ?? ctx.args.find((a) => a.startsWith("--output="))?.slice(9) ?? ctx.args.find((a) => a.startsWith("-o") && a.length > 2)?.slice(2);
  const b = buildInfo(v);
  if (output === "short") {
    ctx.stdout(`${b.gitVersion}\n`);
    return 0;
  }
  if (output === "json" || output === "yaml") {
    const info = { major: b.major, minor: b.minor, gitVersion: b.gitVersion, gitCommit: b.gitCommit, gitTreeState: "clean", buildDate: b.buildDate, goVersion: b.goVersion, compiler: "gc", platform: "linux/amd64" };
    ctx.stdout(output === "json" ? `${JSON.stringify({ clientVersion: info }, null, 2)}\n` : `clientVersion:\n${Object.entries(info).map(([k, val]) => `  ${k}: ${/^\d+$/.test(val) ? `"${val}"` : val}`).join("\n")}\n`);
    return 0;
  }
  ctx.stdout(`kubeadm version: &version.Info{Major:"${b.major}", Minor:"${b.minor}", EmulationMajor:"", EmulationMinor:"", MinCompatibilityMajor:"", MinCompatibilityMinor:"", GitVersion:"${b.gitVersion}", GitCommit:"${b.gitCommit}", GitTreeState:"clean", BuildDate:"${b.buildDate}", GoVersion:"${b.goVersion}", Compiler:"gc", Platform:"linux/amd64"}\n`);
  return 0;
}

const TOKEN_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz";

/** The join command's CA pin: SHA-256 of the CA certificate's SubjectPublicKeyInfo. */
function caHash(caPem: string): string {
  const cert = new X509Certificate(caPem);
  const spki = cert.publicKey.export({ type: "spki", format: "der" });
  return `sha256:${createHash("sha256").update(spki).digest("hex")}`;
}

function tokenCreate(ctx: ProgramContext): number {
  const k = openCluster(ctx);
  if ("error" in k) {
    ctx.stderr(`${k.error}\n${STACK_HINT}`);
    return 1;
  }
  const r = ctx.environment.random;
  const id = r.string(6, TOKEN_CHARS);
  const secret = r.string(16, TOKEN_CHARS);
  const ttlArg = ctx.args.find((a) => a.startsWith("--ttl="))?.slice(6) ?? ctx.args[ctx.args.indexOf("--ttl") + 1];
  const ttlHours = ctx.args.includes("--ttl") || ttlArg ? Number(/^(\d+)h/.exec(ttlArg ?? "")?.[1] ?? 24) : 24;
  const expiration = new Date(ctx.environment.clock.now() + ttlHours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const description = ctx.args.find((a) => a.startsWith("--description="))?.slice(14) ?? (ctx.args.includes("--description") ? ctx.args[ctx.args.indexOf("--description") + 1] : undefined);
  k.cluster.admin.create({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `bootstrap-token-${id}`, namespace: "kube-system" },
    type: "bootstrap.kubernetes.io/token",
    stringData: {
      "token-id": id,
      "token-secret": secret,
      ...(ttlHours > 0 ? { expiration } : {}),
      "usage-bootstrap-authentication": "true",
      "usage-bootstrap-signing": "true",
      "auth-extra-groups": "system:bootstrappers:kubeadm:default-node-token",
      // kubeadm writes a description only when one was given.
      ...(description ? { description } : {}),
    },
  });
  const token = `${id}.${secret}`;
  if (!ctx.args.includes("--print-join-command")) {
    ctx.stdout(`${token}\n`);
    return 0;
  }
  const ca = ctx.host.fs.readFileSync("/etc/kubernetes/pki/ca.crt") ?? "";
  const endpoint = `${k.cluster.spec.nodes.find((n) => n.role === "control-plane")!.ip}:6443`;
  ctx.stdout(`kubeadm join ${endpoint} --token ${token} --discovery-token-ca-cert-hash ${caHash(ca)} \n`);
  return 0;
}

function tokenList(ctx: ProgramContext): number {
  const k = openCluster(ctx);
  if ("error" in k) {
    ctx.stderr(`${k.error}\n${STACK_HINT}`);
    return 1;
  }
  const now = ctx.environment.clock.now();
  const rows: string[][] = [["TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"]];
  for (const s of k.cluster.admin.list("", "secrets", "kube-system")) {
    if (s.type !== "bootstrap.kubernetes.io/token") continue;
    const data = Object.fromEntries(Object.entries((s.data ?? {}) as Record<string, string>).map(([key, v]) => [key, Buffer.from(v, "base64").toString("utf8")]));
    const expires = data.expiration ? Date.parse(data.expiration) : undefined;
    if (expires !== undefined && expires <= now) continue;
    const ttl = expires === undefined ? "<forever>" : `${Math.max(0, Math.floor((expires - now) / 3_600_000))}h`;
    const usages = ["authentication", "signing"].filter((u) => data[`usage-bootstrap-${u}`] === "true").join(",");
    rows.push([`${data["token-id"]}.${data["token-secret"]}`, ttl, data.expiration ?? "<never>", usages, data.description || "<none>", data["auth-extra-groups"] ?? ""]);
  }
  if (rows.length > 1) ctx.stdout(table(rows));
  return 0;
}

const CERTS: [string, string, string][] = [
  ["admin.conf", "/etc/kubernetes/admin.conf", "ca"],
  ["apiserver", "/etc/kubernetes/pki/apiserver.crt", "ca"],
  ["apiserver-etcd-client", "/etc/kubernetes/pki/apiserver-etcd-client.crt", "etcd-ca"],
  ["apiserver-kubelet-client", "/etc/kubernetes/pki/apiserver-kubelet-client.crt", "ca"],
  ["controller-manager.conf", "/etc/kubernetes/controller-manager.conf", "ca"],
  ["etcd-healthcheck-client", "/etc/kubernetes/pki/etcd/healthcheck-client.crt", "etcd-ca"],
  ["etcd-peer", "/etc/kubernetes/pki/etcd/peer.crt", "etcd-ca"],
  ["etcd-server", "/etc/kubernetes/pki/etcd/server.crt", "etcd-ca"],
  ["front-proxy-client", "/etc/kubernetes/pki/front-proxy-client.crt", "front-proxy-ca"],
  ["scheduler.conf", "/etc/kubernetes/scheduler.conf", "ca"],
  ["super-admin.conf", "/etc/kubernetes/super-admin.conf", "ca"],
];
const CAS: [string, string][] = [
  ["ca", "/etc/kubernetes/pki/ca.crt"],
  ["etcd-ca", "/etc/kubernetes/pki/etcd/ca.crt"],
  ["front-proxy-ca", "/etc/kubernetes/pki/front-proxy-ca.crt"],
];

function certificateOf(text: string | undefined): X509Certificate | undefined {
  if (!text) return undefined;
  const embedded = /client-certificate-data: (\S+)/.exec(text)?.[1];
  try {
    return new X509Certificate(embedded ? Buffer.from(embedded, "base64").toString("utf8") : text);
  } catch {
    return undefined;
  }
}

/** "Aug 13, 2027 09:14 UTC" */
function expiresText(d: Date): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, "0")}, ${d.getUTCFullYear()} ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")} UTC`;
}

/** kubeadm's residual time: days under a year ("364d"), years above ("9y"). */
function residual(ms: number): string {
  if (ms <= 0) return "<invalid>";
  const days = Math.floor(ms / 86_400_000);
  return days >= 365 ? `${Math.floor(days / 365)}y` : days > 0 ? `${days}d` : `${Math.floor(ms / 3_600_000)}h`;
}

function checkExpiration(ctx: ProgramContext): number {
  const fs = ctx.host.fs;
  if (!fs.existsSync("/etc/kubernetes/pki/ca.crt") || !fs.existsSync("/etc/kubernetes/admin.conf")) {
    ctx.stderr(`[check-expiration] Error reading configuration from the Cluster. Falling back to default configuration\n`);
  } else ctx.stdout("[check-expiration] Reading configuration from the cluster...\n[check-expiration] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n\n");
  const now = ctx.environment.clock.now();
  const rows: string[][] = [["CERTIFICATE", "EXPIRES", "RESIDUAL TIME", "CERTIFICATE AUTHORITY", "EXTERNALLY MANAGED"]];
  for (const [name, path, ca] of CERTS) {
    const cert = certificateOf(fs.readFileSync(path));
    if (!cert) continue;
    const to = new Date(cert.validTo);
    rows.push([name, expiresText(to), residual(to.getTime() - now), ca, "no"]);
  }
  const caRows: string[][] = [["CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME", "EXTERNALLY MANAGED"]];
  for (const [name, path] of CAS) {
    const cert = certificateOf(fs.readFileSync(path));
    if (!cert) continue;
    const to = new Date(cert.validTo);
    caRows.push([name, expiresText(to), residual(to.getTime() - now), "no"]);
  }
  ctx.stdout(table(rows) + "\n" + table(caRows));
  return 0;
}

function notYet(ctx: ProgramContext, command: string): number {
  ctx.stderr(`kubeadm ${command} is not available in Kubecoach yet\n`);
  return 1;
}

async function kubeadm(ctx: ProgramContext): Promise<number> {
  const words = ctx.args.filter((a) => !a.startsWith("-"));
  const [command, sub] = words;
  switch (command) {
    case "version":
      return versionCommand(ctx);
    case "upgrade":
      if (sub === "plan") return upgradePlan(ctx);
      if (sub === "apply") return upgradeApply(ctx, words[2]);
      if (sub === "node") return upgradeNode(ctx);
      if (sub === "diff") return notYet(ctx, "upgrade diff");
      ctx.stdout("Upgrade your cluster smoothly to a newer version with this command\n\nUsage:\n  kubeadm upgrade [flags]\n  kubeadm upgrade [command]\n\nAvailable Commands:\n  apply       Upgrade your Kubernetes cluster to the specified version\n  diff        Show what differences would be applied to existing static pod manifests. See also: kubeadm upgrade apply --dry-run\n  node        Upgrade commands for a node in the cluster\n  plan        Check which versions are available to upgrade to and validate whether your current cluster is upgradeable.\n");
      return 0;
    case "token":
      if (sub === "create") return tokenCreate(ctx);
      if (sub === "list") return tokenList(ctx);
      if (sub === "delete") return tokenDelete(ctx, words.slice(2));
      if (sub === "generate") return tokenGenerate(ctx);
      return notYet(ctx, `token ${sub ?? ""}`.trim());
    case "reset":
      return reset(ctx);
    case "join":
      return join(ctx);
    case "certs":
      if (sub === "check-expiration") return checkExpiration(ctx);
      return notYet(ctx, `certs ${sub ?? ""}`.trim());
    case undefined:
      ctx.stdout("\n    ┌──────────────────────────────────────────────────────────┐\n    │ KUBEADM                                                  │\n    │ Easily bootstrap a secure Kubernetes cluster             │\n    └──────────────────────────────────────────────────────────┘\n\nUsage:\n  kubeadm [command]\n");
      return 0;
    default:
      return notYet(ctx, command);
  }
}

/** `kubelet --version` prints the installed binary's version; the kubelet itself runs as a systemd unit. */
async function kubelet(ctx: ProgramContext): Promise<number> {
  if (ctx.args.includes("--version") || ctx.args.some((a) => a.startsWith("--version="))) {
    ctx.stdout(`Kubernetes ${installedBinaryVersion(ctx.host.fs, "kubelet") ?? "v1.33.2"}\n`);
    return 0;
  }
  ctx.stderr("kubelet: starting the kubelet by hand is not available in Kubecoach yet; it runs as the kubelet systemd unit (systemctl status kubelet)\n");
  return 1;
}

PROGRAMS.register(["kubeadm"], kubeadm);
PROGRAMS.register(["kubelet"], kubelet);
