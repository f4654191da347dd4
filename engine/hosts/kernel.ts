import type { Environment } from "../cluster/environment";
import type { Host } from "./host";

/**
 * Kernel parameters per host (what `sysctl` and /proc/sys show). A kubeadm node has forwarding and
 * bridge netfilter switched on — kubeadm's preflight checks for them — while a workstation has the
 * Ubuntu defaults. Only values someone changed are stored (in `env.extra`, so snapshots keep them).
 */
const KEY = "hosts.sysctl";

const COMMON: Record<string, string> = {
  "kernel.hostname": "",
  "kernel.osrelease": "5.15.0-113-generic",
  "kernel.ostype": "Linux",
  "kernel.pid_max": "4194304",
  "kernel.panic": "0",
  "net.core.somaxconn": "4096",
  "net.ipv4.conf.all.forwarding": "0",
  "net.ipv4.conf.all.rp_filter": "2",
  "net.ipv4.conf.default.forwarding": "0",
  "net.ipv4.ip_forward": "0",
  "net.ipv4.ip_local_port_range": "32768\t60999",
  "net.ipv4.tcp_syncookies": "1",
  "net.ipv6.conf.all.disable_ipv6": "0",
  "net.ipv6.conf.all.forwarding": "0",
  "vm.max_map_count": "65530",
  "vm.overcommit_memory": "0",
  "vm.swappiness": "60",
  "fs.file-max": "9223372036854775807",
  "fs.inotify.max_user_watches": "65536",
};

const NODE: Record<string, string> = {
  "net.bridge.bridge-nf-call-ip6tables": "1",
  "net.bridge.bridge-nf-call-iptables": "1",
  "net.ipv4.conf.all.forwarding": "1",
  "net.ipv4.conf.default.forwarding": "1",
  "net.ipv4.ip_forward": "1",
  "vm.overcommit_memory": "1",
  "kernel.panic": "10",
};

function stored(env: Environment): Record<string, Record<string, string>> {
  const value = env.extra[KEY];
  if (value && typeof value === "object") return value as Record<string, Record<string, string>>;
  const fresh: Record<string, Record<string, string>> = {};
  env.extra[KEY] = fresh;
  return fresh;
}

/** Every parameter of the host with its current value, sorted by name. */
export function kernelParameters(env: Environment, host: Host): Map<string, string> {
  const params: Record<string, string> = { ...COMMON, "kernel.hostname": host.name, ...(host.role === "workstation" ? {} : NODE), ...(stored(env)[host.name] ?? {}) };
  return new Map(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function kernelParameter(env: Environment, host: Host, name: string): string | undefined {
  return kernelParameters(env, host).get(name.replace(/\//g, "."));
}

/** Sets a parameter; false when the kernel has no such parameter. */
export function setKernelParameter(env: Environment, host: Host, name: string, value: string): boolean {
  const key = name.replace(/\//g, ".");
  if (!kernelParameters(env, host).has(key)) return false;
  const all = stored(env);
  all[host.name] = { ...(all[host.name] ?? {}), [key]: value };
  if (key === "net.ipv4.ip_forward") all[host.name]["net.ipv4.conf.all.forwarding"] = value;
  return true;
}
