import { createHash } from "node:crypto";
import { KUBERNETES_GIT_VERSION, VERSION_INFO } from "../version";
import { parseVersion } from "./layout";

/**
 * The Kubernetes releases the simulated package repositories and registries carry: the patch
 * releases of each minor, and the add-on versions kubeadm of that minor installs (CoreDNS, etcd,
 * pause). `kubeadm upgrade` and `apt` read them; the image catalogue has a tag for each.
 */
export interface MinorRelease {
  patches: number[];
  coredns: string;
  etcd: string;
  pause: string;
  goVersion: string;
}

export const RELEASES: Record<string, MinorRelease> = {
  "1.32": { patches: [0, 1, 2, 3, 4, 5, 6, 7], coredns: "v1.11.3", etcd: "3.5.16-0", pause: "3.10", goVersion: "go1.23.10" },
  "1.33": { patches: [0, 1, 2, 3], coredns: "v1.12.0", etcd: "3.5.21-0", pause: "3.10", goVersion: "go1.24.4" },
  "1.34": { patches: [0, 1, 2], coredns: "v1.12.1", etcd: "3.6.4-0", pause: "3.10.1", goVersion: "go1.24.6" },
};

export function minorOf(version: string): string {
  const v = parseVersion(version);
  return `${v.major}.${v.minor}`;
}

export function releaseOf(version: string): MinorRelease | undefined {
  return RELEASES[minorOf(version)];
}

/** Every released version ("v1.33.2") of a minor, newest first. */
export function versionsOf(minor: string): string[] {
  return [...(RELEASES[minor]?.patches ?? [])].reverse().map((p) => `v${minor}.${p}`);
}

export function isReleased(version: string): boolean {
  const v = parseVersion(version);
  return !!RELEASES[`${v.major}.${v.minor}`]?.patches.includes(v.patch) && /^v?\d+\.\d+\.\d+$/.test(version);
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

/** Build facts of a release as version.Info reports them (commit and date derived per version). */
export function buildInfo(version: string): { gitVersion: string; gitCommit: string; buildDate: string; goVersion: string; major: string; minor: string } {
  const v = parseVersion(version);
  const gitVersion = `v${v.major}.${v.minor}.${v.patch}`;
  const commit = createHash("sha1").update(`kubernetes ${gitVersion}`).digest("hex");
  // Patch releases come out monthly, minors every four months (1.33.0 on 2025-04-23).
  const base = Date.UTC(2025, 3, 23) + (v.minor - 33) * 120 * 86_400_000 + v.patch * 30 * 86_400_000;
  return { gitVersion, gitCommit: commit, buildDate: new Date(base).toISOString().replace(/\.\d{3}Z$/, "Z"), goVersion: releaseOf(gitVersion)?.goVersion ?? "go1.24.4", major: String(v.major), minor: String(v.minor) };
}

/** `/version` of a kube-apiserver of this version (the engine's own version keeps its recorded build facts). */
export type VersionInfo = { [K in keyof typeof VERSION_INFO]: string };

export function versionInfo(version: string): VersionInfo {
  if (version === KUBERNETES_GIT_VERSION) return VERSION_INFO;
  const b = buildInfo(version);
  return { ...VERSION_INFO, major: b.major, minor: b.minor, emulationMajor: b.major, emulationMinor: b.minor, minCompatibilityMajor: b.major, minCompatibilityMinor: String(Number(b.minor) - 1), gitVersion: b.gitVersion, gitCommit: b.gitCommit, buildDate: b.buildDate, goVersion: b.goVersion };
}
