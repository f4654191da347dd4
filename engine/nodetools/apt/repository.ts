import type { HostFileSystem } from "../../hosts/filesystem";
import { RELEASES } from "../../controlplane/releases";

/**
 * The Kubernetes package repository as pkgs.k8s.io lays it out: one repository per minor
 * (https://pkgs.k8s.io/core:/stable:/v1.33/deb/), chosen by /etc/apt/sources.list.d/kubernetes.list,
 * each holding every patch release of kubeadm, kubelet and kubectl as `<version>-1.1`, plus
 * cri-tools and kubernetes-cni. apt sees a repository's packages only after `apt update` has
 * fetched its list into /var/lib/apt/lists, as the real one does.
 */
export const SOURCES_LIST = "/etc/apt/sources.list.d/kubernetes.list";
export const LISTS_DIR = "/var/lib/apt/lists";

export interface RepoPackage {
  name: string;
  version: string;
  size: number;
  installedSize: number;
  depends?: string;
  description: string;
}

export interface Repository {
  minor: string;
  /** As apt prints it: https://pkgs.k8s.io/core:/stable:/v1.33/deb */
  url: string;
  /** Where apt downloads from (the CDN the short URL redirects to). */
  cdn: string;
  listFile: string;
}

const META: Record<string, { size: number; installedSize: number; description: string; depends?: (minor: string) => string }> = {
  kubeadm: { size: 12_234_512, installedSize: 50_233, description: "Command-line utility for administering a Kubernetes cluster", depends: () => "cri-tools (>= 1.30.0)" },
  kubelet: { size: 15_634_168, installedSize: 60_112, description: "Node agent for Kubernetes clusters", depends: () => "iptables (>= 1.4.21), iproute2, socat, util-linux, mount, ebtables, ethtool, kubernetes-cni (>= 1.1.1)" },
  kubectl: { size: 11_513_496, installedSize: 57_348, description: "Command-line utility for interacting with a Kubernetes cluster" },
  "cri-tools": { size: 20_144_664, installedSize: 76_321, description: "Command-line utility for interacting with a container runtime" },
  "kubernetes-cni": { size: 35_281_212, installedSize: 149_012, description: "Binaries required to provision kubernetes container networking" },
};

export function repositoryFor(minor: string): Repository {
  return {
    minor,
    url: `https://pkgs.k8s.io/core:/stable:/v${minor}/deb`,
    cdn: `https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v${minor}/deb`,
    listFile: `${LISTS_DIR}/pkgs.k8s.io_core:_stable:_v${minor}_deb_Packages`,
  };
}

/** The repository the sources list names, or why there is none. */
export function configuredRepository(fs: HostFileSystem): { repo?: Repository; minor?: string; line?: string } {
  const text = fs.readFileSync(SOURCES_LIST);
  if (text === undefined) return {};
  for (const line of text.split("\n")) {
    if (/^\s*#/.test(line) || !line.trim()) continue;
    const m = /pkgs\.k8s\.io\/core:\/stable:\/v(\d+\.\d+)\/deb\/?/.exec(line);
    if (m) return { repo: RELEASES[m[1]] ? repositoryFor(m[1]) : undefined, minor: m[1], line };
  }
  return {};
}

/** Every package of a minor's repository, newest version first. */
export function repositoryPackages(minor: string): RepoPackage[] {
  const release = RELEASES[minor];
  if (!release) return [];
  const out: RepoPackage[] = [];
  for (const name of ["kubeadm", "kubectl", "kubelet"]) {
    for (const patch of [...release.patches].reverse()) out.push({ name, version: `${minor}.${patch}-1.1`, size: META[name].size, installedSize: META[name].installedSize, depends: META[name].depends?.(minor), description: META[name].description });
  }
  out.push({ name: "cri-tools", version: `${minor}.0-1.1`, size: META["cri-tools"].size, installedSize: META["cri-tools"].installedSize, description: META["cri-tools"].description });
  out.push({ name: "kubernetes-cni", version: "1.6.0-1.1", size: META["kubernetes-cni"].size, installedSize: META["kubernetes-cni"].installedSize, description: META["kubernetes-cni"].description });
  return out;
}

/** A Packages index as apt stores it in /var/lib/apt/lists. */
export function packagesIndex(minor: string): string {
  return repositoryPackages(minor)
    .map((p) => [`Package: ${p.name}`, `Architecture: amd64`, `Version: ${p.version}`, `Priority: optional`, `Section: admin`, `Maintainer: Kubernetes Authors <dev@kubernetes.io>`, `Installed-Size: ${p.installedSize}`, ...(p.depends ? [`Depends: ${p.depends}`] : []), `Filename: amd64/${p.name}_${p.version}_amd64.deb`, `Size: ${p.size}`, `Description: ${p.description}`].join("\n"))
    .join("\n\n") + "\n";
}

/** What `apt update` fetched: the package lists present on the host, by minor. */
export function fetchedMinors(fs: HostFileSystem): string[] {
  if (!fs.isDirectorySync(LISTS_DIR)) return [];
  return fs
    .readdirSync(LISTS_DIR)
    .map((f) => /^pkgs\.k8s\.io_core:_stable:_v(\d+\.\d+)_deb_Packages$/.exec(f)?.[1])
    .filter((m): m is string => !!m);
}

/** Versions apt knows for a package (from fetched lists), newest first, each with its repository. */
export function knownVersions(fs: HostFileSystem, name: string): { version: string; repo: Repository; size: number }[] {
  const out: { version: string; repo: Repository; size: number }[] = [];
  for (const minor of fetchedMinors(fs)) for (const p of repositoryPackages(minor)) if (p.name === name) out.push({ version: p.version, repo: repositoryFor(minor), size: p.size });
  return out.sort((a, b) => compareDeb(b.version, a.version));
}

/** Debian version order for these packages: numeric parts left to right. */
export function compareDeb(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export function sourcesListLine(minor: string): string {
  return `deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v${minor}/deb/ /\n`;
}
