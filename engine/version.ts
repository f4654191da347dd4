/**
 * The one Kubernetes version the engine simulates. Nodes, `/version`, kubeadm, kubectl and the package
 * repository all read it from here so the whole environment tells the same story.
 */
export const KUBERNETES_VERSION = { major: "1", minor: "33", patch: "2" } as const;
export const KUBERNETES_GIT_VERSION = `v${KUBERNETES_VERSION.major}.${KUBERNETES_VERSION.minor}.${KUBERNETES_VERSION.patch}`;
/** Build facts served on `/version`, shaped like k8s.io/apimachinery/pkg/version.Info. */
export const VERSION_INFO = {
  major: KUBERNETES_VERSION.major,
  minor: KUBERNETES_VERSION.minor,
  emulationMajor: KUBERNETES_VERSION.major,
  emulationMinor: KUBERNETES_VERSION.minor,
  minCompatibilityMajor: KUBERNETES_VERSION.major,
  minCompatibilityMinor: String(Number(KUBERNETES_VERSION.minor) - 1),
  gitVersion: KUBERNETES_GIT_VERSION,
  gitCommit: "a894614c5e2b1e3a8fd1a5e6b7ad3cc25e6c8d2b",
  gitTreeState: "clean",
  buildDate: "2025-06-17T18:34:53Z",
  goVersion: "go1.24.4",
  compiler: "gc",
  platform: "linux/amd64",
};
