import { X509Certificate } from "node:crypto";
import { parse } from "yaml";
import { klog } from "../kubelet/klog";
import { loadDataDir } from "./etcd/keyspace";
import { registerComponent, type ComponentOutcome, type ComponentStart } from "../kubelet/process/components";

/**
 * What the control-plane binaries do with the flags in their static-pod manifests: they check their
 * flags and the files those flags name (as the container sees them through its hostPath volumes)
 * and either come up listening on their ports, or exit with the error they really print, which
 * `crictl logs` and /var/log/pods then show. A container that keeps exiting is CrashLoopBackOff.
 */
type Flags = Map<string, string>;

/** Flags that take no value: pflag never reads the next argument for them (`--leader-elect false` is a stray "false"). */
const BOOLEAN_FLAGS = new Set([
  "help", "version", "profiling", "leader-elect", "allow-privileged", "anonymous-auth", "enable-aggregator-routing", "enable-bootstrap-token-auth",
  "service-account-lookup", "service-account-extend-token-expiration", "watch-cache", "permit-port-sharing", "allocate-node-cidrs",
  "use-service-account-credentials", "client-cert-auth", "peer-client-cert-auth", "experimental-initial-corrupt-check",
]);

function parseFlags(argv: string[]): { flags: Flags; unknown?: string; malformed?: string } {
  const flags: Flags = new Map();
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) return { flags, malformed: arg };
    const eq = arg.indexOf("=");
    if (eq >= 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    // pflag also takes a value as the next argument: `--config /etc/kubernetes/x.yaml`.
    else if (!BOOLEAN_FLAGS.has(arg.slice(2)) && i + 1 < args.length && !args[i + 1].startsWith("-")) flags.set(arg.slice(2), args[++i]);
    else flags.set(arg.slice(2), "true");
  }
  return { flags };
}

const fatal = (lines: string[], code = 1, afterMs = 1500): ComponentOutcome => ({ ok: false, logs: lines.map((text) => ({ stream: "stderr" as const, text })), exitAfterMs: afterMs, exitCode: code });

const COMMON_FLAGS = ["v", "vmodule", "logging-format", "feature-gates", "log-flush-frequency", "help", "version", "log-json-info-buffer-size", "log-text-info-buffer-size"];

const APISERVER_FLAGS = new Set([
  ...COMMON_FLAGS,
  "advertise-address", "allow-privileged", "anonymous-auth", "api-audiences", "apiserver-count", "audit-log-format", "audit-log-maxage", "audit-log-maxbackup",
  "audit-log-maxsize", "audit-log-path", "audit-policy-file", "audit-webhook-config-file", "authentication-config", "authentication-token-webhook-config-file",
  "authorization-config", "authorization-mode", "authorization-policy-file", "authorization-webhook-config-file", "bind-address", "client-ca-file",
  "cors-allowed-origins", "default-not-ready-toleration-seconds", "default-unreachable-toleration-seconds", "disable-admission-plugins", "egress-selector-config-file",
  "enable-admission-plugins", "admission-control-config-file", "enable-aggregator-routing", "enable-bootstrap-token-auth", "encryption-provider-config",
  "endpoint-reconciler-type", "etcd-cafile", "etcd-certfile", "etcd-keyfile", "etcd-prefix", "etcd-servers", "event-ttl", "external-hostname", "goaway-chance",
  "kubelet-certificate-authority", "kubelet-client-certificate", "kubelet-client-key", "kubelet-preferred-address-types", "kubelet-timeout", "livez-grace-period",
  "max-mutating-requests-inflight", "max-requests-inflight", "oidc-ca-file", "oidc-client-id", "oidc-groups-claim", "oidc-issuer-url", "oidc-username-claim",
  "permit-port-sharing", "profiling", "proxy-client-cert-file", "proxy-client-key-file", "request-timeout", "requestheader-allowed-names", "requestheader-client-ca-file",
  "requestheader-extra-headers-prefix", "requestheader-group-headers", "requestheader-username-headers", "runtime-config", "secure-port", "service-account-extend-token-expiration",
  "service-account-issuer", "service-account-jwks-uri", "service-account-key-file", "service-account-lookup", "service-account-max-token-expiration",
  "service-account-signing-key-file", "service-cluster-ip-range", "service-node-port-range", "shutdown-delay-duration", "storage-backend", "strict-transport-security-directives",
  "tls-cert-file", "tls-cipher-suites", "tls-min-version", "tls-private-key-file", "token-auth-file", "watch-cache", "watch-cache-sizes",
]);

const ADMISSION_PLUGINS = new Set([
  "AlwaysAdmit", "AlwaysDeny", "AlwaysPullImages", "CertificateApproval", "CertificateSigning", "CertificateSubjectRestriction", "ClusterTrustBundleAttest",
  "DefaultIngressClass", "DefaultStorageClass", "DefaultTolerationSeconds", "DenyServiceExternalIPs", "EventRateLimit", "ExtendedResourceToleration",
  "ImagePolicyWebhook", "LimitPodHardAntiAffinityTopology", "LimitRanger", "MutatingAdmissionPolicy", "MutatingAdmissionWebhook", "NamespaceAutoProvision", "NamespaceExists",
  "NamespaceLifecycle", "NodeRestriction", "OwnerReferencesPermissionEnforcement", "PersistentVolumeClaimResize", "PodNodeSelector", "PodSecurity",
  "PodTolerationRestriction", "Priority", "ResourceQuota", "RuntimeClass", "ServiceAccount", "StorageObjectInUseProtection", "TaintNodesByCondition",
  "ValidatingAdmissionPolicy", "ValidatingAdmissionWebhook",
]);

const AUTHORIZATION_MODES = new Set(["AlwaysAllow", "AlwaysDeny", "ABAC", "Webhook", "RBAC", "Node"]);

const KCM_FLAGS = new Set([
  ...COMMON_FLAGS,
  "allocate-node-cidrs", "authentication-kubeconfig", "authorization-kubeconfig", "bind-address", "client-ca-file", "cluster-cidr", "cluster-name",
  "cluster-signing-cert-file", "cluster-signing-key-file", "cluster-signing-duration", "concurrent-deployment-syncs", "controllers", "kubeconfig", "leader-elect",
  "node-cidr-mask-size", "node-monitor-grace-period", "node-monitor-period", "pod-eviction-timeout", "requestheader-client-ca-file", "root-ca-file",
  "service-account-private-key-file", "service-cluster-ip-range", "terminated-pod-gc-threshold", "use-service-account-credentials", "secure-port", "profiling",
  "horizontal-pod-autoscaler-sync-period", "horizontal-pod-autoscaler-downscale-stabilization", "leader-elect-lease-duration", "leader-elect-renew-deadline",
]);

const SCHEDULER_FLAGS = new Set([
  ...COMMON_FLAGS,
  "authentication-kubeconfig", "authorization-kubeconfig", "bind-address", "config", "kubeconfig", "leader-elect", "secure-port", "profiling", "leader-elect-resource-name", "scheduler-name",
  "leader-elect-lease-duration", "leader-elect-renew-deadline", "leader-elect-resource-namespace", "master",
]);

const ETCD_FLAGS = new Set([
  "advertise-client-urls", "cert-file", "client-cert-auth", "data-dir", "experimental-initial-corrupt-check", "experimental-watch-progress-notify-interval",
  "initial-advertise-peer-urls", "initial-cluster", "initial-cluster-state", "initial-cluster-token", "key-file", "listen-client-urls", "listen-metrics-urls",
  "listen-peer-urls", "name", "peer-cert-file", "peer-client-cert-auth", "peer-key-file", "peer-trusted-ca-file", "snapshot-count", "trusted-ca-file",
  "auto-compaction-retention", "quota-backend-bytes", "log-level", "logger", "heartbeat-interval", "election-timeout", "feature-gates", "wal-dir", "max-request-bytes",
]);

function unknownFlag(flags: Flags, known: Set<string>): string | undefined {
  for (const name of flags.keys()) if (!known.has(name)) return name;
  return undefined;
}

function cobraUnknown(name: string): ComponentOutcome {
  return fatal([`Error: unknown flag: --${name}`], 1, 500);
}

function at(start: ComponentStart, severity: "I" | "W" | "E" | "F", source: string, message: string): string {
  return klog(severity, start.now, 1, source, message);
}

function missing(path: string): string {
  return `open ${path}: no such file or directory`;
}

/** Checks the files named by flags; returns the first failure's error text. */
function checkFiles(start: ComponentStart, flags: Flags, names: string[]): { flag: string; path: string; error: string } | undefined {
  for (const flag of names) {
    const path = flags.get(flag);
    if (!path) continue;
    if (start.readFile(path) === undefined) return { flag, path, error: missing(path) };
  }
  return undefined;
}

function certificateError(pem: string | undefined): string | undefined {
  if (pem === undefined) return undefined;
  try {
    new X509Certificate(pem);
    return undefined;
  } catch {
    return "tls: failed to find any PEM data in certificate input";
  }
}

function apiserver(start: ComponentStart): ComponentOutcome {
  const { flags, malformed } = parseFlags(start.argv);
  if (malformed) return fatal([`Error: unknown command "${malformed}" for "kube-apiserver"`]);
  const unknown = unknownFlag(flags, APISERVER_FLAGS);
  if (unknown) return cobraUnknown(unknown);
  const port = flags.get("secure-port");
  if (port !== undefined && !/^\d+$/.test(port)) return fatal([`Error: invalid argument "${port}" for "--secure-port" flag: strconv.ParseInt: parsing "${port}": invalid syntax`]);
  for (const mode of (flags.get("authorization-mode") ?? "").split(",").filter(Boolean)) {
    if (!AUTHORIZATION_MODES.has(mode)) return fatal([at(start, "E", "run.go:72", `"command failed" err="authorization-mode \\"${mode}\\" is not a valid mode"`)]);
  }
  for (const flag of ["enable-admission-plugins", "disable-admission-plugins"]) {
    for (const plugin of (flags.get(flag) ?? "").split(",").filter(Boolean)) {
      if (!ADMISSION_PLUGINS.has(plugin)) return fatal([at(start, "E", "run.go:72", `"command failed" err="enable-admission-plugins plugin \\"${plugin}\\" is unknown"`)]);
    }
  }
  const range = flags.get("service-cluster-ip-range");
  if (range !== undefined && !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(range)) return fatal([at(start, "E", "run.go:72", `"command failed" err="service IP range: invalid CIDR address: ${range}"`)]);
  const clientCa = flags.get("client-ca-file");
  if (clientCa && start.readFile(clientCa) === undefined) return fatal([at(start, "E", "run.go:72", `"command failed" err="unable to load client CA provider: ${missing(clientCa)}"`)]);
  const files = checkFiles(start, flags, ["tls-cert-file", "tls-private-key-file", "service-account-key-file", "service-account-signing-key-file", "kubelet-client-certificate", "kubelet-client-key", "proxy-client-cert-file", "proxy-client-key-file", "requestheader-client-ca-file", "token-auth-file"]);
  if (files) return fatal([at(start, "E", "run.go:72", `"command failed" err="${files.error}"`)]);
  for (const flag of ["audit-policy-file", "encryption-provider-config", "admission-control-config-file"]) {
    const path = flags.get(flag);
    if (!path) continue;
    const text = start.readFile(path);
    if (text === undefined) {
      const what = flag === "audit-policy-file" ? "loading audit policy file" : flag === "encryption-provider-config" ? "error while parsing file" : "failed to read plugin config";
      return fatal([at(start, "E", "run.go:72", `"command failed" err="${what}: failed to read file path \\"${path}\\": ${missing(path)}"`)]);
    }
    try {
      parse(text);
    } catch (e) {
      return fatal([at(start, "E", "run.go:72", `"command failed" err="failed to decode ${path}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}"`)]);
    }
  }
  const auditPath = flags.get("audit-log-path");
  if (auditPath && auditPath !== "-") {
    const dir = auditPath.slice(0, auditPath.lastIndexOf("/")) || "/";
    if (start.readFile(`${dir}/.`) === undefined && !containerDirExists(start, dir)) {
      return fatal([at(start, "E", "run.go:72", `"command failed" err="failed to initialize audit log: ensureLogFile: failed to create audit log directory \\"${dir}\\": read-only file system"`)]);
    }
  }
  const certError = certificateError(start.readFile(flags.get("tls-cert-file") ?? ""));
  if (certError) return fatal([at(start, "E", "run.go:72", `"command failed" err="failed to load serving certificate: ${certError}"`)]);
  // etcd reachability is judged continuously by the control-plane health loop (see health.ts).
  return {
    ok: true,
    logs: [
      { stream: "stderr", text: at(start, "I", "options.go:249", `external host was not specified, using ${flags.get("advertise-address") ?? ""}`) },
      { stream: "stderr", text: at(start, "I", "server.go:143", `Version: ${versionOf(start)}`) },
      { stream: "stderr", text: at(start, "I", "secure_serving.go:211", `Serving securely on [::]:${port ?? "6443"}`) },
    ],
    listens: [{ port: Number(port ?? 6443), protocol: "TCP" }],
    readyAfterMs: 8000,
  };
}

function versionOf(start: ComponentStart): string {
  return /:(v[\d.]+)$/.exec(start.image)?.[1] ?? "";
}

function containerDirExists(start: ComponentStart, dir: string): boolean {
  // A directory is visible when the container can see a file beneath it or the hostPath itself.
  return start.readFile(dir) !== undefined || start.fs.isDirectorySync(dir);
}

function kubeconfigCheck(start: ComponentStart, flags: Flags): ComponentOutcome | undefined {
  for (const flag of ["kubeconfig", "authentication-kubeconfig", "authorization-kubeconfig"]) {
    const path = flags.get(flag);
    if (!path) continue;
    const text = start.readFile(path);
    if (text === undefined) return fatal([at(start, "E", "run.go:72", `"command failed" err="stat ${path}: no such file or directory"`)]);
    try {
      const doc = parse(text) as { clusters?: unknown };
      if (!doc || !doc.clusters) throw new Error("invalid configuration: no configuration has been provided");
    } catch (e) {
      return fatal([at(start, "E", "run.go:72", `"command failed" err="invalid configuration: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}"`)]);
    }
  }
  return undefined;
}

function controllerManager(start: ComponentStart): ComponentOutcome {
  const { flags, malformed } = parseFlags(start.argv);
  if (malformed) return fatal([`Error: unknown command "${malformed}" for "kube-controller-manager"`]);
  const unknown = unknownFlag(flags, KCM_FLAGS);
  if (unknown) return cobraUnknown(unknown);
  const kc = kubeconfigCheck(start, flags);
  if (kc) return kc;
  const files = checkFiles(start, flags, ["client-ca-file", "requestheader-client-ca-file", "root-ca-file", "service-account-private-key-file", "cluster-signing-cert-file", "cluster-signing-key-file"]);
  if (files) return fatal([at(start, "E", "run.go:72", `"command failed" err="error reading ${files.path}: ${files.error}"`)]);
  return {
    ok: true,
    logs: [
      { stream: "stderr", text: at(start, "I", "serving.go:386", "Generated self-signed cert in-memory") },
      { stream: "stderr", text: at(start, "I", "controllermanager.go:191", `"Starting" version="${versionOf(start)}"`) },
      { stream: "stderr", text: at(start, "I", "secure_serving.go:211", `Serving securely on 127.0.0.1:${flags.get("secure-port") ?? "10257"}`) },
      { stream: "stderr", text: at(start, "I", "leaderelection.go:257", "attempting to acquire leader lease kube-system/kube-controller-manager...") },
      { stream: "stderr", text: at(start, "I", "leaderelection.go:271", "successfully acquired lease kube-system/kube-controller-manager") },
    ],
    listens: [{ port: Number(flags.get("secure-port") ?? 10257), protocol: "TCP" }],
    readyAfterMs: 2000,
  };
}

/**
 * The lease a kube-scheduler contends for ("namespace/name"), or undefined when leader election is
 * off: its config file's leaderElection, then the --leader-elect* flags given explicitly (which
 * kube-scheduler honours even with --config). With it off, the real scheduler logs nothing about leases.
 */
function schedulerLease(start: ComponentStart, flags: Flags): string | undefined {
  let elect = true;
  let namespace = "kube-system";
  let name = "kube-scheduler";
  const config = flags.get("config");
  if (config) {
    try {
      const doc = parse(start.readFile(config) ?? "") as { leaderElection?: { leaderElect?: boolean; resourceName?: string; resourceNamespace?: string } } | null;
      const le = doc?.leaderElection;
      if (le?.leaderElect === false) elect = false;
      namespace = le?.resourceNamespace || namespace;
      name = le?.resourceName || name;
    } catch {
      // An unreadable config keeps the defaults here; the scheduler's own loading reports it.
    }
  }
  if (flags.has("leader-elect")) elect = flags.get("leader-elect") !== "false";
  namespace = flags.get("leader-elect-resource-namespace") || namespace;
  name = flags.get("leader-elect-resource-name") || name;
  return elect ? `${namespace}/${name}` : undefined;
}

function scheduler(start: ComponentStart): ComponentOutcome {
  const { flags, malformed } = parseFlags(start.argv);
  if (malformed) return fatal([`Error: unknown command "${malformed}" for "kube-scheduler"`]);
  const unknown = unknownFlag(flags, SCHEDULER_FLAGS);
  if (unknown) return cobraUnknown(unknown);
  const kc = kubeconfigCheck(start, flags);
  if (kc) return kc;
  const config = flags.get("config");
  if (config && start.readFile(config) === undefined) return fatal([at(start, "E", "run.go:72", `"command failed" err="${missing(config)}"`)]);
  const lease = schedulerLease(start, flags);
  return {
    ok: true,
    logs: [
      { stream: "stderr", text: at(start, "I", "serving.go:386", "Generated self-signed cert in-memory") },
      { stream: "stderr", text: at(start, "I", "secure_serving.go:211", `Serving securely on 127.0.0.1:${flags.get("secure-port") ?? "10259"}`) },
      ...(lease
        ? [
            { stream: "stderr" as const, text: at(start, "I", "leaderelection.go:257", `attempting to acquire leader lease ${lease}...`) },
            { stream: "stderr" as const, text: at(start, "I", "leaderelection.go:271", `successfully acquired lease ${lease}`) },
          ]
        : []),
    ],
    listens: [{ port: Number(flags.get("secure-port") ?? 10259), protocol: "TCP" }],
    readyAfterMs: 1500,
  };
}

function etcd(start: ComponentStart): ComponentOutcome {
  const { flags } = parseFlags(start.argv);
  const unknown = unknownFlag(flags, ETCD_FLAGS);
  if (unknown) return fatal([`{"level":"fatal","ts":"${new Date(start.now).toISOString()}","caller":"etcdmain/etcd.go:204","msg":"discovery failed","error":"unknown flag: --${unknown}"}`, `unknown flag: --${unknown}`], 2, 200);
  const files = checkFiles(start, flags, ["cert-file", "key-file", "trusted-ca-file", "peer-cert-file", "peer-key-file", "peer-trusted-ca-file"]);
  if (files) {
    return fatal([`{"level":"fatal","ts":"${new Date(start.now).toISOString()}","caller":"etcdmain/etcd.go:204","msg":"discovery failed","error":"${files.error}","stacktrace":"go.etcd.io/etcd/server/v3/etcdmain.startEtcdOrProxyV2"}`], 1, 500);
  }
  // The data directory decides what the cluster holds: a restored one replaces the state.
  loadDataDir(start.cluster, start.readFile(`${flags.get("data-dir") ?? `${flags.get("name") ?? "default"}.etcd`}/member/snap/db`));
  const name = flags.get("name") ?? "default";
  const ts = new Date(start.now).toISOString();
  return {
    ok: true,
    logs: [
      { stream: "stderr", text: `{"level":"info","ts":"${ts}","caller":"etcdmain/etcd.go:73","msg":"Running: ","args":${JSON.stringify(start.argv)}}` },
      { stream: "stderr", text: `{"level":"info","ts":"${ts}","caller":"embed/etcd.go:140","msg":"configuring peer listeners","listen-peer-urls":["${flags.get("listen-peer-urls") ?? ""}"]}` },
      { stream: "stderr", text: `{"level":"info","ts":"${ts}","caller":"etcdserver/server.go:2144","msg":"published local member to cluster through raft","local-member-attributes":"{Name:${name} ClientURLs:[${flags.get("advertise-client-urls") ?? ""}]}","request-path":"/0/members/8e9e05c52164694d/attributes","cluster-id":"cdf818194e3a8c32","publish-timeout":"7s"}` },
      { stream: "stderr", text: `{"level":"info","ts":"${ts}","caller":"embed/serve.go:210","msg":"serving client traffic securely","traffic":"grpc+http","address":"127.0.0.1:2379"}` },
    ],
    listens: [
      { port: 2379, protocol: "TCP" },
      { port: 2380, protocol: "TCP" },
      { port: 2381, protocol: "TCP" },
    ],
    readyAfterMs: 1000,
  };
}

/** Node agents of the add-ons: they come up and serve their health ports (installers copy and exit). */
const agent =
  (port: number | undefined, logs: string[], pages?: Record<string, string>) =>
  (start: ComponentStart): ComponentOutcome => ({
    ok: true,
    logs: logs.map((text) => ({ stream: "stderr" as const, text: at(start, "I", "server.go:1", text) })),
    listens: port ? [{ port, protocol: "TCP", ...(pages ? { http: { pages } } : {}) }] : [],
    readyAfterMs: 1000,
  });

const installer = (logs: string[]) => (start: ComponentStart): ComponentOutcome => ({ ok: false, logs: logs.map((text) => ({ stream: "stdout" as const, text: `${new Date(start.now).toISOString().replace("T", " ").slice(0, 23)} [INFO] ${text}` })), exitAfterMs: 1500, exitCode: 0 });

registerComponent("kube-proxy", agent(10256, ['"Using iptables proxy"', '"Starting endpoint slice config controller"', '"Caches are synced"'], { "/healthz": '{"lastUpdated":"","currentTime":"","nodeEligible":true}' }));
registerComponent("start_runit", agent(9099, ["Felix starting up"], { "/liveness": "", "/readiness": "" }));
registerComponent("calico-node", agent(9099, ["Felix starting up"], { "/liveness": "", "/readiness": "" }));
registerComponent("kube-controllers", agent(undefined, ["Starting controller kind=Node"]));
registerComponent("flanneld", agent(undefined, ["Starting flannel in kube subnet manager mode", "Running backend."]));
registerComponent("install", installer(["Running as a Kubernetes pod", "Installed /host/opt/cni/bin/calico", "Wrote Calico CNI binaries to /host/opt/cni/bin", "CNI plugin version: v3.29.3", "Created /host/etc/cni/net.d/10-calico.conflist", "Done configuring CNI.  Sleep= false"]));

registerComponent("kube-apiserver", apiserver);
registerComponent("kube-controller-manager", controllerManager);
registerComponent("kube-scheduler", scheduler);
registerComponent("etcd", etcd);
