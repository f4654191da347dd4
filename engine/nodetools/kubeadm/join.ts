import { createHash, createHmac, X509Certificate } from "node:crypto";
import type { Cluster } from "../../cluster/cluster";
import { kubeadmFlagsEnv } from "../../controlplane/files/kubelet-files";
import { kernelParameter } from "../../hosts/kernel";
import { BOOTSTRAP_KUBECONFIG, KUBELET_KUBECONFIG } from "../../kubelet/tls-bootstrap";
import type { ProgramContext } from "../../process/types";
import { helpText, JOIN_FLAGS, rejectUnknownFlags, wantsHelp } from "./flags";
import { ignored, phaseError, PREFLIGHT_HINT, rootCheck } from "./preflight";

/**
 * kubeadm join for a worker (v1.33): validation of the flags, the preflight checks, token
 * discovery (the cluster-info ConfigMap's JWS signature for the token, then the CA pinned by
 * --discovery-token-ca-cert-hash), the kubelet-start phase (bootstrap-kubelet.conf, ca.crt, the
 * KubeletConfiguration from the kubelet-config ConfigMap, kubeadm-flags.env, starting the kubelet)
 * and the wait for the kubelet's TLS bootstrap. Waits run on the cluster clock.
 */
const CA_PATH = "/etc/kubernetes/pki/ca.crt";
const DISCOVERY_TIMEOUT_MS = 5 * 60_000;
const DISCOVERY_RETRY_MS = 5_000;
const KUBELET_HEALTH_TIMEOUT_MS = 4 * 60_000;
const TLS_BOOTSTRAP_TIMEOUT_MS = 5 * 60_000;
const TOKEN_RE = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;

const DONE = [
  "",
  "This node has joined the cluster:",
  "* Certificate signing request was sent to apiserver and a response was received.",
  "* The Kubelet was informed of the new secure connection details.",
  "",
  "Run 'kubectl get nodes' on the control-plane to see this node join the cluster.",
  "",
  "",
].join("\n");

const KUBELET_FAIL = (err: string) =>
  [
    "",
    "Unfortunately, an error has occurred:",
    `\t${err}`,
    "",
    "This error is likely caused by:",
    "\t- The kubelet is not running",
    "\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)",
    "",
    "If you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:",
    "\t- 'systemctl status kubelet'",
    "\t- 'journalctl -xeu kubelet'",
    "",
  ].join("\n");

interface JoinOptions {
  endpoint?: string;
  token: string;
  tlsBootstrapToken: string;
  caHashes: string[];
  unsafeSkipCa: boolean;
  nodeName: string;
}

function values(args: string[], name: string): string[] {
  const out: string[] = [];
  args.forEach((a, i) => {
    if (a === name && args[i + 1] !== undefined) out.push(args[i + 1]);
    else if (a.startsWith(`${name}=`)) out.push(a.slice(name.length + 1));
  });
  return out.flatMap((v) => v.split(",")).filter((v) => v !== "");
}

const VALUE_FLAGS = ["--token", "--discovery-token", "--tls-bootstrap-token", "--discovery-token-ca-cert-hash", "--node-name", "--ignore-preflight-errors", "--cri-socket", "--certificate-key", "--apiserver-advertise-address", "--apiserver-bind-port", "--config", "--discovery-file", "--patches", "--skip-phases"];

function parse(ctx: ProgramContext): JoinOptions {
  const args = ctx.args.slice(ctx.args.indexOf("join") + 1);
  const positional = args.filter((a, i) => !a.startsWith("-") && !VALUE_FLAGS.includes(args[i - 1]));
  const token = values(args, "--token")[0] ?? "";
  return {
    endpoint: positional[0],
    token: values(args, "--discovery-token")[0] ?? token,
    tlsBootstrapToken: values(args, "--tls-bootstrap-token")[0] ?? token,
    caHashes: values(args, "--discovery-token-ca-cert-hash"),
    unsafeSkipCa: args.includes("--discovery-token-unsafe-skip-ca-verification") || args.includes("--discovery-token-unsafe-skip-ca-verification=true"),
    nodeName: values(args, "--node-name")[0] ?? ctx.host.name,
  };
}

/** kubeadm's JoinConfiguration validation, worded as k8s.io/apimachinery field errors. */
function validate(o: JoinOptions): string | undefined {
  const errors: string[] = [];
  if (!o.endpoint) errors.push("discovery.bootstrapToken: Required value: APIServerEndpoint is not set");
  if (o.caHashes.length === 0 && !o.unsafeSkipCa) {
    errors.push("discovery.bootstrapToken.caCertHashes: Invalid value: []string(nil): using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue");
  }
  if (!TOKEN_RE.test(o.token)) errors.push(`discovery.bootstrapToken.token: Invalid value: "${o.token}": the bootstrap token is invalid`);
  if (!TOKEN_RE.test(o.tlsBootstrapToken)) errors.push(`discovery.tlsBootstrapToken: Invalid value: "${o.tlsBootstrapToken}": the bootstrap token is invalid`);
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
}

/** RunJoinNodeChecks: warnings go out at once, errors are collected into one failure. */
function preflight(ctx: ProgramContext): string | undefined {
  const fs = ctx.host.fs;
  const services = ctx.host.services;
  const results: { name: string; errors: string[]; warnings: string[] }[] = [];
  const check = (name: string, errors: string[], warnings: string[] = []) => results.push({ name, errors, warnings });
  const available = (path: string) => check(`FileAvailable-${path.replace(/\//g, "-")}`, fs.existsSync(path) ? [`${path} already exists`] : []);
  available(KUBELET_KUBECONFIG);
  available(BOOTSTRAP_KUBECONFIG);
  check(
    "CRI",
    services.get("containerd")?.active === "active"
      ? []
      : ['container runtime is not running: rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /var/run/containerd/containerd.sock: connect: no such file or directory"'],
  );
  const kubelet = services.get("kubelet");
  check("Service-Kubelet", [], kubelet && !kubelet.enabled ? ["kubelet service is not enabled, please run 'systemctl enable kubelet.service'"] : []);
  check("Port-10250", kubelet?.active === "active" ? ["Port 10250 is in use"] : []);
  available(CA_PATH);
  const forward = kernelParameter(ctx.environment, ctx.host, "net.ipv4.ip_forward");
  check("FileContent--proc-sys-net-ipv4-ip_forward", forward !== undefined && forward !== "1" ? ["/proc/sys/net/ipv4/ip_forward contents are not set to 1"] : []);

  let failures = "";
  for (const r of results) {
    const demoted = ignored(ctx.args, r.name);
    const warnings = demoted ? [...r.warnings, ...r.errors] : r.warnings;
    for (const w of warnings) ctx.stderr(`\t[WARNING ${r.name}]: ${w}\n`);
    if (!demoted) for (const e of r.errors) failures += `\t[ERROR ${r.name}]: ${e}\n`;
  }
  return failures ? `[preflight] Some fatal errors occurred:\n${failures}${PREFLIGHT_HINT}` : undefined;
}

function spkiHash(caPem: string): string {
  const spki = new X509Certificate(caPem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("hex");
}

/** pubkeypin.Set.Allow: the pins' format, or why one is not a pin. */
function checkPins(pins: string[]): string | undefined {
  for (const pin of pins) {
    const parts = pin.split(":");
    if (parts.length !== 2) return 'invalid hash, expected "format:hex-value". Known format(s) are: sha256';
    if (parts[0].toLowerCase() !== "sha256") return `unknown hash format "${parts[0]}". Known format(s) are: sha256`;
    const bytes = Math.floor(parts[1].length / 2);
    if (bytes !== 32) return `invalid hash "${pin}", expected a 32 byte SHA-256 hash, found ${bytes} bytes`;
    if (!/^[0-9a-fA-F]*$/.test(parts[1])) return `invalid hash "${pin}", could not decode SHA-256 from hex: encoding/hex: invalid byte: U+00${parts[1].split("").find((c) => !/[0-9a-fA-F]/.test(c))!.charCodeAt(0).toString(16).toUpperCase()}`;
  }
  return undefined;
}

function jwsValid(jws: string, content: string, id: string, secret: string): boolean {
  const [header, , signature] = jws.split(".");
  if (!header || !signature) return false;
  const payload = Buffer.from(content).toString("base64url");
  return createHmac("sha256", secret).update(`${header}.${payload}`).digest("base64url") === signature;
}

type Discovery = { caPem: string; server: string } | { error: string };

/** One look at cluster-info: a result, or undefined to poll again (with the error to give on timeout). */
function discoverOnce(cluster: Cluster | undefined, o: JoinOptions, lastError: { text: string }): Discovery | undefined {
  const endpoint = o.endpoint!;
  const controlPlaneIp = cluster?.spec.nodes.find((n) => n.role === "control-plane")?.ip;
  const url = `https://${endpoint}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s`;
  if (!cluster || !controlPlaneIp || (endpoint !== `${controlPlaneIp}:6443` && endpoint !== "controlplane:6443") || !cluster.apiserverUp) {
    lastError.text = `failed to request the cluster-info ConfigMap: Get "${url}": dial tcp ${endpoint}: connect: connection refused`;
    return undefined;
  }
  const [id, secret] = o.token.split(".");
  const cm = cluster.admin.get("", "configmaps", "kube-public", "cluster-info");
  const data = (cm?.data ?? {}) as Record<string, string>;
  const jws = data[`jws-kubeconfig-${id}`];
  if (!jws) {
    lastError.text = `could not find a JWS signature in the cluster-info ConfigMap for token ID "${id}"`;
    return undefined;
  }
  const pinError = checkPins(o.caHashes);
  if (pinError) return { error: `invalid discovery token CA certificate hash: ${pinError}` };
  const kubeconfig = data.kubeconfig ?? "";
  if (!jwsValid(jws, kubeconfig, id, secret)) return { error: "failed to verify JWS signature of received cluster info object, can't trust this API Server" };
  const caPem = Buffer.from(/certificate-authority-data: (\S+)/.exec(kubeconfig)?.[1] ?? "", "base64").toString("utf8");
  const server = /server: (\S+)/.exec(kubeconfig)?.[1] ?? `https://${endpoint}`;
  if (o.caHashes.length > 0) {
    const actual = spkiHash(caPem);
    if (!o.caHashes.some((h) => h.split(":")[1].toLowerCase() === actual)) return { error: `cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "sha256:${actual}" are pinned` };
  }
  return { caPem, server };
}

function bootstrapKubeconfig(server: string, caPem: string, token: string): string {
  return [
    "apiVersion: v1",
    "clusters:",
    "- cluster:",
    `    certificate-authority-data: ${Buffer.from(caPem).toString("base64")}`,
    `    server: ${server}`,
    "  name: kubernetes",
    "contexts:",
    "- context:",
    "    cluster: kubernetes",
    "    user: tls-bootstrap-token-user",
    "  name: tls-bootstrap-token-user@kubernetes",
    "current-context: tls-bootstrap-token-user@kubernetes",
    "kind: Config",
    "preferences: {}",
    "users:",
    "- name: tls-bootstrap-token-user",
    "  user:",
    `    token: ${token}`,
    "",
  ].join("\n");
}

/** Go's time.Duration text for a wait that took `ms` (with nanoseconds from the seeded source). */
function goDuration(ms: number, nanos: number): string {
  if (ms < 1000) return `${ms}.${String(nanos).padStart(6, "0")}ms`;
  const seconds = Math.floor(ms / 1000);
  const fraction = `${String(ms % 1000).padStart(3, "0")}${String(nanos).padStart(6, "0")}`.replace(/0+$/, "");
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m > 0 ? `${m}m` : ""}${s}${fraction ? `.${fraction}` : ""}s`;
}

/** Sleeps on the cluster clock until `ready()` or the timeout; false when it timed out or was interrupted. */
async function waitUntil(ctx: ProgramContext, ready: () => boolean, timeoutMs: number, stepMs: number): Promise<boolean> {
  const end = ctx.environment.clock.now() + timeoutMs;
  while (!ready()) {
    if (ctx.signal.aborted || ctx.environment.clock.now() >= end) return false;
    await ctx.sleep(Math.min(stepMs, end - ctx.environment.clock.now()));
  }
  return true;
}

const JOIN_HELP = helpText("Run this on any machine you wish to join an existing cluster", "join [api-server-endpoint]", JOIN_FLAGS);

export async function join(ctx: ProgramContext): Promise<number> {
  if (rejectUnknownFlags(ctx, ctx.args, JOIN_FLAGS)) return 1;
  if (wantsHelp(ctx.args)) {
    ctx.stdout(JOIN_HELP);
    return 0;
  }
  const o = parse(ctx);
  for (const flag of ["--control-plane", "--dry-run"]) {
    if (ctx.args.includes(flag) || ctx.args.some((a) => a.startsWith(`${flag}=`))) {
      ctx.stderr(`kubeadm join ${flag} is not available in Kubecoach yet; join worker nodes without it\n`);
      return 1;
    }
  }
  const invalid = validate(o);
  if (invalid) {
    ctx.stderr(`${invalid}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
    return 1;
  }
  ctx.stdout("[preflight] Running pre-flight checks\n");
  const root = rootCheck(ctx);
  if (root) return phaseError(ctx, "preflight", root);
  const failed = preflight(ctx);
  if (failed) return phaseError(ctx, "preflight", failed);

  const cluster = ctx.host.cluster ? ctx.environment.clusters.get(ctx.host.cluster) : undefined;
  const lastError = { text: "" };
  let found: Discovery | undefined;
  const discovered = await waitUntil(ctx, () => (found = discoverOnce(cluster, o, lastError)) !== undefined, DISCOVERY_TIMEOUT_MS, DISCOVERY_RETRY_MS);
  if (ctx.signal.aborted) return 130;
  if (!discovered || !found) return phaseError(ctx, "preflight", `couldn't validate the identity of the API Server: ${lastError.text}`);
  if ("error" in found) return phaseError(ctx, "preflight", `couldn't validate the identity of the API Server: ${found.error}`);
  const { caPem, server } = found;
  const api = cluster!;
  ctx.stdout(`[preflight] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[preflight] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n`);

  // kubelet-start
  const fs = ctx.host.fs;
  fs.mkdirSync("/etc/kubernetes/pki", { recursive: true });
  fs.writeFileSync(BOOTSTRAP_KUBECONFIG, bootstrapKubeconfig(server, caPem, o.tlsBootstrapToken), { mode: 0o600 });
  // The bootstrap credential is removed when the phase ends, whatever the outcome.
  const dropBootstrapCredential = () => fs.rmSync(BOOTSTRAP_KUBECONFIG, { force: true });
  if (!fs.existsSync(CA_PATH)) fs.writeFileSync(CA_PATH, caPem);
  const existing = api.admin.get("", "nodes", undefined, o.nodeName);
  const ready = ((existing?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
  if (ready) {
    dropBootstrapCredential();
    return phaseError(ctx, "kubelet-start", `a Node with name "${o.nodeName}" and status "Ready" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node`);
  }
  ctx.host.services.stop("kubelet");
  const kubeletConfig = (api.admin.get("", "configmaps", "kube-system", "kubelet-config")?.data as { kubelet?: string } | undefined)?.kubelet ?? "";
  ctx.stdout('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n');
  fs.mkdirSync("/var/lib/kubelet", { recursive: true });
  fs.writeFileSync("/var/lib/kubelet/config.yaml", kubeletConfig);
  ctx.stdout('[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"\n');
  fs.writeFileSync("/var/lib/kubelet/kubeadm-flags.env", kubeadmFlagsEnv());
  ctx.stdout("[kubelet-start] Starting the kubelet\n");
  ctx.host.services.restart("kubelet");

  ctx.stdout("[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s\n");
  const started = ctx.environment.clock.now();
  const healthy = () => ctx.host.services.get("kubelet")?.active === "active";
  const kubeletUp = await waitUntil(ctx, healthy, KUBELET_HEALTH_TIMEOUT_MS, 1000);
  if (ctx.signal.aborted) return 130;
  const firstProbeMs = 500 + ctx.environment.random.int(4);
  await ctx.sleep(firstProbeMs);
  const nanos = ctx.environment.random.int(1_000_000);
  if (!kubeletUp) {
    dropBootstrapCredential();
    const err = "The HTTP call equal to 'curl -sSL http://127.0.0.1:10248/healthz' returned error: Get \"http://127.0.0.1:10248/healthz\": dial tcp 127.0.0.1:10248: connect: connection refused";
    ctx.stdout(`[kubelet-check] The kubelet is not healthy after ${goDuration(ctx.environment.clock.now() - started, nanos)}\n${KUBELET_FAIL(err)}`);
    return phaseError(ctx, "kubelet-start", err);
  }
  ctx.stdout(`[kubelet-check] The kubelet is healthy after ${goDuration(ctx.environment.clock.now() - started, nanos)}\n`);

  ctx.stdout("[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap\n");
  const bootstrapped = () => fs.existsSync(KUBELET_KUBECONFIG) && fs.existsSync("/var/lib/kubelet/pki/kubelet-client-current.pem");
  const done = await waitUntil(ctx, bootstrapped, TLS_BOOTSTRAP_TIMEOUT_MS, 1000);
  dropBootstrapCredential();
  if (ctx.signal.aborted) return 130;
  if (!done) {
    ctx.stdout(KUBELET_FAIL("context deadline exceeded"));
    return phaseError(ctx, "kubelet-start", "context deadline exceeded");
  }
  ctx.stdout(DONE);
  return 0;
}
