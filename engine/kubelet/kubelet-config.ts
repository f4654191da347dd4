import { parse } from "yaml";
import type { HostFileSystem } from "../hosts/filesystem";
import { ContentCache } from "../cluster/content-cache";

/** Read on every kubelet sync; each text is parsed once (frozen, shared). */
const configYaml = new ContentCache<unknown>();

/**
 * The kubelet's configuration as it reads it at start: the KubeletConfiguration file named by
 * --config (kubeadm's drop-in points at /var/lib/kubelet/config.yaml) and the flags from
 * kubeadm-flags.env and /etc/default/kubelet. Errors are the kubelet's own start-up failures.
 */
export interface KubeletConfig {
  staticPodPath?: string;
  clusterDNS?: string[];
  clusterDomain?: string;
  containerRuntimeEndpoint: string;
  kubeconfig: string;
}

export type ConfigResult = { ok: true; config: KubeletConfig } | { ok: false; error: string };

export const KUBELET_CONFIG_PATH = "/var/lib/kubelet/config.yaml";

function envFileArgs(fs: HostFileSystem, path: string, variable: string): string[] {
  const text = fs.readFileSync(path);
  if (!text) return [];
  const m = new RegExp(`^${variable}="?([^"\\n]*)"?`, "m").exec(text);
  return m ? m[1].split(/\s+/).filter(Boolean) : [];
}

const KNOWN_FLAGS = new Set([
  "--container-runtime-endpoint", "--pod-infra-container-image", "--node-ip", "--hostname-override", "--config", "--kubeconfig", "--bootstrap-kubeconfig",
  "--cgroup-driver", "--fail-swap-on", "--v", "--node-labels", "--register-with-taints", "--max-pods", "--resolv-conf", "--cluster-dns", "--cluster-domain",
  "--pod-manifest-path", "--cert-dir", "--rotate-certificates", "--runtime-request-timeout", "--image-service-endpoint", "--provider-id", "--cloud-provider",
]);

export function readKubeletConfig(fs: HostFileSystem): ConfigResult {
  const dropIn = fs.readFileSync("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf") ?? fs.readFileSync("/etc/systemd/system/kubelet.service.d/10-kubeadm.conf") ?? "";
  const configFlag = /--config=(\S+)/.exec(dropIn)?.[1].replace(/"$/, "") ?? KUBELET_CONFIG_PATH;
  const kubeconfig = /--kubeconfig=(\S+)/.exec(dropIn)?.[1].replace(/"$/, "") ?? "/etc/kubernetes/kubelet.conf";
  const args = [...envFileArgs(fs, "/var/lib/kubelet/kubeadm-flags.env", "KUBELET_KUBEADM_ARGS"), ...envFileArgs(fs, "/etc/default/kubelet", "KUBELET_EXTRA_ARGS")];
  for (const arg of args) {
    const name = arg.split("=")[0];
    if (!KNOWN_FLAGS.has(name)) return { ok: false, error: `failed to parse kubelet flag: unknown flag: ${name}` };
  }
  const text = fs.readFileSync(configFlag);
  if (text === undefined) {
    return { ok: false, error: `failed to load kubelet config file, path: ${configFlag}, error: failed to load Kubelet config file ${configFlag}, error failed to read kubelet config file "${configFlag}", error: open ${configFlag}: no such file or directory` };
  }
  let doc: Record<string, unknown>;
  try {
    doc = (configYaml.get(text, () => parse(text)) ?? {}) as Record<string, unknown>;
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return { ok: false, error: `failed to load kubelet config file, path: ${configFlag}, error: failed to load Kubelet config file ${configFlag}, error failed to decode: ${why}` };
  }
  if (doc.kind !== "KubeletConfiguration") {
    return { ok: false, error: `failed to load kubelet config file, path: ${configFlag}, error: failed to load Kubelet config file ${configFlag}, error failed to decode: Object 'Kind' is missing in '${text.slice(0, 40).replace(/\n/g, "\\n")}'` };
  }
  if (!fs.existsSync(kubeconfig) && !fs.existsSync("/etc/kubernetes/bootstrap-kubelet.conf")) {
    return { ok: false, error: `failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory` };
  }
  // The kubelet serves its API only to clients signed by this CA (kubeadm: the cluster CA); it is read before the server starts.
  const clientCa = ((doc.authentication as { x509?: { clientCAFile?: unknown } } | undefined)?.x509?.clientCAFile ?? "") as string;
  if (typeof clientCa === "string" && clientCa && !fs.existsSync(clientCa)) {
    return { ok: false, error: `failed to run Kubelet: unable to load client CA file ${clientCa}: open ${clientCa}: no such file or directory` };
  }
  const endpoint = args.find((a) => a.startsWith("--container-runtime-endpoint="))?.split("=")[1] ?? (doc.containerRuntimeEndpoint as string) ?? "unix:///var/run/containerd/containerd.sock";
  return {
    ok: true,
    config: {
      staticPodPath: (args.find((a) => a.startsWith("--pod-manifest-path="))?.split("=")[1] ?? (doc.staticPodPath as string | undefined)) || undefined,
      clusterDNS: doc.clusterDNS as string[] | undefined,
      clusterDomain: doc.clusterDomain as string | undefined,
      containerRuntimeEndpoint: endpoint,
      kubeconfig,
    },
  };
}
