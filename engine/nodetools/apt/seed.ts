import type { HostFileSystem } from "../../hosts/filesystem";
import { minorOf } from "../../controlplane/releases";
import { writePackages, type InstalledPackage } from "./dpkg";
import { packagesIndex, repositoryFor, repositoryPackages, SOURCES_LIST, sourcesListLine } from "./repository";

/**
 * A node as the kubeadm install guide leaves it: the pkgs.k8s.io repository of its minor in
 * kubernetes.list (its list already fetched), kubeadm, kubelet and kubectl of the node's version
 * installed and held (`apt-mark hold kubelet kubeadm kubectl`), with cri-tools and kubernetes-cni.
 */
export function seedKubernetesPackages(fs: HostFileSystem, version: string): void {
  const minor = minorOf(version);
  const deb = `${version.replace(/^v/, "")}-1.1`;
  fs.writeFileSync(SOURCES_LIST, sourcesListLine(minor), { createParents: true });
  fs.writeFileSync("/etc/apt/keyrings/kubernetes-apt-keyring.gpg", "\u0099\u0001\rsimulated OpenPGP public key: isv:kubernetes OBS Project <isv:kubernetes@build.opensuse.org>\n", { createParents: true, mode: 0o644 });
  const repo = repositoryFor(minor);
  fs.writeFileSync(repo.listFile, packagesIndex(minor), { createParents: true });
  const available = repositoryPackages(minor);
  const packages: InstalledPackage[] = [];
  for (const name of ["kubeadm", "kubelet", "kubectl", "cri-tools", "kubernetes-cni"]) {
    const wanted = ["kubeadm", "kubelet", "kubectl"].includes(name) ? deb : undefined;
    const meta = available.find((p) => p.name === name && (!wanted || p.version === wanted)) ?? available.find((p) => p.name === name);
    if (!meta) continue;
    const v = wanted ?? meta.version;
    packages.push({ name, version: v, held: !!wanted, fields: { Priority: "optional", Section: "admin", "Installed-Size": String(meta.installedSize), Maintainer: "Kubernetes Authors <dev@kubernetes.io>", Architecture: "amd64", ...(meta.depends ? { Depends: meta.depends } : {}), Description: meta.description } });
  }
  writePackages(fs, packages);
}
