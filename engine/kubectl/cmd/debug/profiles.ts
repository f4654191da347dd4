/**
 * kubectl debug's --profile (staging/src/k8s.io/kubectl/pkg/cmd/debug/profiles.go, v1.33): how each
 * profile changes the pod it creates, depending on the debugging style — a node's pod, an
 * ephemeral container added to a pod, or a copy of a pod.
 */
export type DebugStyle = "node" | "ephemeral" | "podCopy";

export const PROFILES = ["legacy", "general", "baseline", "restricted", "netadmin", "sysadmin"] as const;
export type ProfileName = (typeof PROFILES)[number];

/** --keep-* flags: what a pod copy keeps of the original under the general and baseline profiles. */
export interface KeepFlags {
  labels: boolean;
  annotations: boolean;
  liveness: boolean;
  readiness: boolean;
  startup: boolean;
  initContainers: boolean;
}

type Json = Record<string, unknown>;
export interface DebugPod {
  metadata: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: Json & { containers: Json[]; initContainers?: Json[]; ephemeralContainers?: Json[]; volumes?: Json[] };
}

export function isProfile(name: string): name is ProfileName {
  return (PROFILES as readonly string[]).includes(name);
}

/** Every container list the profile helpers visit (podutils.AllContainers). */
function allContainers(pod: DebugPod): Json[] {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers, ...(pod.spec.ephemeralContainers ?? [])];
}

function forContainer(pod: DebugPod, name: string, change: (c: Json) => void): void {
  const c = allContainers(pod).find((x) => x.name === name);
  if (c) change(c);
}

function securityContext(c: Json): Json {
  if (!c.securityContext || typeof c.securityContext !== "object") c.securityContext = {};
  return c.securityContext as Json;
}

function addCapability(c: Json, capability: string): void {
  const sc = securityContext(c);
  const caps = (sc.capabilities ??= {}) as { add?: string[] };
  caps.add = [...(caps.add ?? []), capability];
}

/** The node's root mounted at /host (a hostPath volume named host-root). */
function mountRootPartition(pod: DebugPod, name: string): void {
  pod.spec.volumes = [...(pod.spec.volumes ?? []), { name: "host-root", hostPath: { path: "/" } }];
  const c = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((x) => x.name === name);
  if (c) c.volumeMounts = [...((c.volumeMounts as Json[]) ?? []), { mountPath: "/host", name: "host-root" }];
}

function useHostNamespaces(pod: DebugPod): void {
  pod.spec.hostNetwork = true;
  pod.spec.hostPID = true;
  pod.spec.hostIPC = true;
}

function shareProcessNamespace(pod: DebugPod): void {
  if (pod.spec.shareProcessNamespace === undefined) pod.spec.shareProcessNamespace = true;
}

function clearSecurityContext(pod: DebugPod, name: string): void {
  forContainer(pod, name, (c) => delete c.securityContext);
}

/** The copy loses what --keep-* does not keep (labels, annotations, probes, init containers). */
function applyKeepFlags(pod: DebugPod, keep: KeepFlags): void {
  if (!keep.labels) delete pod.metadata.labels;
  if (!keep.annotations) delete pod.metadata.annotations;
  for (const c of pod.spec.containers) {
    if (!keep.liveness) delete c.livenessProbe;
    if (!keep.readiness) delete c.readinessProbe;
    if (!keep.startup) delete c.startupProbe;
  }
  if (!keep.initContainers) delete pod.spec.initContainers;
}

export function applyProfile(profile: ProfileName, pod: DebugPod, name: string, style: DebugStyle, keep: KeepFlags): void {
  switch (profile) {
    case "legacy":
      if (style === "node") {
        mountRootPartition(pod, name);
        useHostNamespaces(pod);
      }
      return;
    case "general":
      if (style === "node") {
        mountRootPartition(pod, name);
        clearSecurityContext(pod, name);
        useHostNamespaces(pod);
      } else if (style === "podCopy") {
        applyKeepFlags(pod, keep);
        forContainer(pod, name, (c) => addCapability(c, "SYS_PTRACE"));
        shareProcessNamespace(pod);
      } else forContainer(pod, name, (c) => addCapability(c, "SYS_PTRACE"));
      return;
    case "baseline":
      clearSecurityContext(pod, name);
      if (style === "podCopy") {
        applyKeepFlags(pod, keep);
        shareProcessNamespace(pod);
      }
      return;
    case "restricted":
      clearSecurityContext(pod, name);
      forContainer(pod, name, (c) => {
        const sc = securityContext(c);
        sc.runAsNonRoot = true;
        sc.capabilities = { drop: ["ALL"] };
        sc.allowPrivilegeEscalation = false;
        sc.seccompProfile = { type: "RuntimeDefault" };
      });
      if (style === "podCopy") {
        applyKeepFlags(pod, keep);
        shareProcessNamespace(pod);
      }
      return;
    case "netadmin":
      forContainer(pod, name, (c) => {
        addCapability(c, "NET_ADMIN");
        addCapability(c, "NET_RAW");
      });
      if (style === "node") useHostNamespaces(pod);
      else if (style === "podCopy") {
        applyKeepFlags(pod, keep);
        shareProcessNamespace(pod);
      }
      return;
    case "sysadmin":
      forContainer(pod, name, (c) => (securityContext(c).privileged = true));
      if (style === "node") {
        useHostNamespaces(pod);
        mountRootPartition(pod, name);
      } else if (style === "podCopy") {
        applyKeepFlags(pod, keep);
        shareProcessNamespace(pod);
      }
      return;
  }
}
