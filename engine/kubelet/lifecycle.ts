/**
 * The kubelet's timing rules as data (DESIGN.md §3): restart and image-pull back-off, how long a
 * pull of an image already on the node takes, and which exits restart under which policy.
 */
export const BACKOFF = {
  /** Delay before the first restart after a crash (the next pod sync). */
  firstRestartMs: 1000,
  /** Then 10 s, doubling each time… */
  initialMs: 10_000,
  /** …up to 5 minutes; reset once a container ran for twice that long. */
  maxMs: 300_000,
  /** How long ErrImagePull shows before the next sync reports ImagePullBackOff. */
  pullNoticeMs: 2000,
} as const;

/** Seconds to "pull" an image whose layers are already on the node (imagePullPolicy: Always). */
export const PULL_SECONDS_WARM = 0.5;

/** Node heartbeat: lease renewal interval and the status report period when nothing changed. */
export const NODE_TIMING = {
  leaseRenewMs: 10_000,
  leaseDurationSeconds: 40,
  statusReportMs: 5 * 60_000,
} as const;

export function restartAllowed(policy: "Always" | "OnFailure" | "Never", exitCode: number): boolean {
  if (policy === "Always") return true;
  if (policy === "OnFailure") return exitCode !== 0;
  return false;
}

/**
 * The image pull policy decision: `Always` pulls every time, `IfNotPresent` only when missing,
 * `Never` never; the default is Always for `:latest` (or no tag) and IfNotPresent otherwise.
 */
export function imagePullDecision(policy: string | undefined, tag: string | undefined, present: boolean): "pull" | "use-present" | "never-missing" {
  const effective = policy ?? (!tag || tag === "latest" ? "Always" : "IfNotPresent");
  if (effective === "Never") return present ? "use-present" : "never-missing";
  if (effective === "IfNotPresent") return present ? "use-present" : "pull";
  return "pull";
}
