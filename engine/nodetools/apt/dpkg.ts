import type { HostFileSystem } from "../../hosts/filesystem";

/**
 * The packages installed on a host, kept where dpkg keeps them (/var/lib/dpkg/status), so they
 * survive snapshots and `cat /var/lib/dpkg/status` shows them. Only the Kubernetes packages are
 * tracked; a held package has "hold" as its wanted state, as `apt-mark hold` leaves it.
 */
export const DPKG_STATUS = "/var/lib/dpkg/status";

export interface InstalledPackage {
  name: string;
  version: string;
  held: boolean;
  fields: Record<string, string>;
}

export function readPackages(fs: HostFileSystem): InstalledPackage[] {
  const text = fs.readFileSync(DPKG_STATUS) ?? "";
  const out: InstalledPackage[] = [];
  for (const block of text.split(/\n\n+/)) {
    const fields: Record<string, string> = {};
    for (const line of block.split("\n")) {
      const i = line.indexOf(": ");
      if (i > 0) fields[line.slice(0, i)] = line.slice(i + 2);
    }
    if (!fields.Package || !fields.Version) continue;
    out.push({ name: fields.Package, version: fields.Version, held: (fields.Status ?? "").startsWith("hold "), fields });
  }
  return out;
}

export function writePackages(fs: HostFileSystem, packages: InstalledPackage[]): void {
  const order = ["Package", "Status", "Priority", "Section", "Installed-Size", "Maintainer", "Architecture", "Version", "Depends", "Description"];
  const blocks = [...packages]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => {
      const fields: Record<string, string> = { ...p.fields, Package: p.name, Version: p.version, Status: `${p.held ? "hold" : "install"} ok installed` };
      return order.filter((k) => fields[k] !== undefined).map((k) => `${k}: ${fields[k]}`).join("\n");
    });
  fs.writeFileSync(DPKG_STATUS, blocks.join("\n\n") + "\n");
}

export function installedPackage(fs: HostFileSystem, name: string): InstalledPackage | undefined {
  return readPackages(fs).find((p) => p.name === name);
}

/** "1.33.2-1.1" → "v1.33.2" (the binary's own version). */
export function binaryVersion(debVersion: string): string {
  return `v${debVersion.replace(/-.*$/, "")}`;
}

/** The version of a Kubernetes binary installed on a host (kubelet, kubeadm, kubectl), if its package is. */
export function installedBinaryVersion(fs: HostFileSystem, name: "kubeadm" | "kubelet" | "kubectl"): string | undefined {
  const p = installedPackage(fs, name);
  return p ? binaryVersion(p.version) : undefined;
}
