import { layoutOf } from "../../controlplane/plugin";
import { klog } from "../klog";
import { registerComponent, type ComponentStart } from "../process/components";

/**
 * metrics-server's start, judged from its flags: it serves metrics.k8s.io on --secure-port, and it
 * scrapes every kubelet's /metrics/resource. kubeadm's kubelets serve self-signed certificates
 * without IP SANs, so without --kubelet-insecure-tls every scrape fails TLS verification, nothing
 * is stored, /readyz answers 500 and the pod never becomes Ready — the classic lab fault.
 */
function flagsOf(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (const arg of argv.slice(1)) {
    if (!arg.startsWith("--")) continue;
    const eq = arg.indexOf("=");
    flags.set(eq < 0 ? arg.slice(2) : arg.slice(2, eq), eq < 0 ? "true" : arg.slice(eq + 1));
  }
  return flags;
}

export function metricsServerTrustsKubelets(argv: string[]): boolean {
  const value = flagsOf(argv).get("kubelet-insecure-tls");
  return value !== undefined && value !== "false";
}

function start(s: ComponentStart) {
  const flags = flagsOf(s.argv);
  const port = Number(flags.get("secure-port") ?? 10250) || 10250;
  const log = (severity: "I" | "E", source: string, message: string) => ({ stream: "stderr" as const, text: klog(severity, s.now, 1, source, message) });
  const certDir = flags.get("cert-dir") ?? "apiserver.local.config/certificates";
  const logs = [
    log("I", "serving.go:374", `Generated self-signed cert (${certDir}/apiserver.crt, ${certDir}/apiserver.key)`),
    log("I", "handler.go:275", "Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager"),
    log("I", "requestheader_controller.go:169", 'Starting RequestHeaderAuthRequestController'),
    log("I", "secure_serving.go:213", `Serving securely on [::]:${port}`),
  ];
  if (metricsServerTrustsKubelets(s.argv)) {
    return { ok: true as const, logs, listens: [{ port, protocol: "TCP" as const, http: { pages: { "/livez": "ok", "/readyz": "ok", "/healthz": "ok" } } }], readyAfterMs: 2000 };
  }
  const types = (flags.get("kubelet-preferred-address-types") ?? "InternalIP,ExternalIP,Hostname").split(",");
  for (const node of layoutOf(s.cluster).nodes) {
    const address = types[0] === "Hostname" ? node.name : node.ip;
    // The kubelet's serving certificate is self-signed: by name it is untrusted, by IP it has no SAN at all.
    const why = types[0] === "Hostname" ? "tls: failed to verify certificate: x509: certificate signed by unknown authority" : `tls: failed to verify certificate: x509: cannot validate certificate for ${address} because it doesn't contain any IP SANs`;
    logs.push(log("E", "scraper.go:149", `"Failed to scrape node" err="Get \\"https://${address}:10250/metrics/resource\\": ${why}" node="${node.name}"`));
  }
  logs.push(log("I", "server.go:191", '"Failed probe" probe="metric-storage-ready" err="no metrics to serve"'));
  const readyz = "[+]ping ok\n[+]log ok\n[-]metric-storage-ready failed: reason withheld\n[+]informer-sync ok\n[+]metadata-informer-sync ok\nreadyz check failed\n";
  return { ok: true as const, logs, listens: [{ port, protocol: "TCP" as const, http: { pages: { "/livez": "ok", "/healthz": "ok" }, statuses: { "/readyz": { status: 500, body: readyz } } } }], readyAfterMs: 2000 };
}

registerComponent("metrics-server", start);
