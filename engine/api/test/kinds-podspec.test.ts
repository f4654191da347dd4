import { beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import type { ApiClient } from "../client";
import { ApiError } from "../errors";
import { SYSTEM_ADMIN } from "../types";

// Pod spec validation as in pkg/apis/core/validation/validation.go (v1.33): security contexts,
// validateAffinity, ValidateNodeSelectorRequirement, validatePodAffinityTerm, validateTopologySpreadConstraints.

let client: ApiClient;
beforeAll(() => {
  client = Environment.create().cluster().clientFor(SYSTEM_ADMIN);
});

function createError(spec: Record<string, unknown>): string {
  try {
    client.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "default" }, spec: { containers: [{ name: "c", image: "nginx" }], ...spec } }, { dryRun: "All" });
  } catch (e) {
    if (e instanceof ApiError) return e.message;
    throw e;
  }
  return "";
}

const required = (terms: unknown[]) => ({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } });

describe("affinity validation", () => {
  it("accepts the affinity a learner writes for a node label", () => {
    expect(createError({ affinity: required([{ matchExpressions: [{ key: "disktype", operator: "In", values: ["ssd"] }] }]) })).toBe("");
  });

  it("requires values for In and refuses them for Exists", () => {
    expect(createError({ affinity: required([{ matchExpressions: [{ key: "zone", operator: "In" }, { key: "gpu", operator: "Exists", values: ["x"] }] }]) })).toBe(
      'Pod "p" is invalid: [spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\', spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].values: Forbidden: may not be specified when `operator` is \'Exists\' or \'DoesNotExist\']',
    );
  });

  it("refuses an empty term list, a bad operator and an out-of-range weight", () => {
    expect(createError({ affinity: required([]) })).toBe(
      'Pod "p" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term',
    );
    expect(createError({ affinity: required([{ matchExpressions: [{ key: "zone", operator: "Equals", values: ["a"] }] }]) })).toBe(
      'Pod "p" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
    );
    expect(createError({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, preference: { matchExpressions: [{ key: "zone", operator: "Exists" }] } }] } } })).toBe(
      'Pod "p" is invalid: spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    );
  });

  it("requires a topologyKey in pod anti-affinity", () => {
    expect(createError({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } } }] } } })).toBe(
      'Pod "p" is invalid: [spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty, spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: "": name part must be non-empty]',
    );
  });
});

describe("topology spread validation", () => {
  it("checks maxSkew, whenUnsatisfiable, repeats and minDomains", () => {
    const constraint = { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: { app: "web" } } };
    expect(createError({ topologySpreadConstraints: [constraint] })).toBe("");
    expect(createError({ topologySpreadConstraints: [{ ...constraint, maxSkew: 0, whenUnsatisfiable: "Never" }] })).toBe(
      'Pod "p" is invalid: [spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero, spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"]',
    );
    expect(createError({ topologySpreadConstraints: [constraint, { ...constraint, maxSkew: 2 }] })).toBe(
      'Pod "p" is invalid: spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{kubernetes.io/hostname, ScheduleAnyway}"',
    );
    expect(createError({ topologySpreadConstraints: [{ ...constraint, minDomains: 2 }] })).toBe(
      'Pod "p" is invalid: spec.topologySpreadConstraints[0].minDomains: Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
    );
  });
});

describe("security context validation", () => {
  it("accepts the settings a learner sets for a non-root pod", () => {
    expect(
      createError({
        securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, fsGroupChangePolicy: "OnRootMismatch", seccompProfile: { type: "RuntimeDefault" } },
        containers: [{ name: "c", image: "nginx", securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ["NET_ADMIN"], drop: ["ALL"] }, readOnlyRootFilesystem: true } }],
      }),
    ).toBe("");
  });

  it("refuses out-of-range ids, unknown policies and seccomp types", () => {
    expect(createError({ securityContext: { runAsUser: -1, fsGroupChangePolicy: "Sometimes", seccompProfile: { type: "Default" } } })).toBe(
      'Pod "p" is invalid: [spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive, spec.securityContext.fsGroupChangePolicy: Unsupported value: "Sometimes": supported values: "Always", "OnRootMismatch", spec.securityContext.seccompProfile.type: Unsupported value: "Default": supported values: "Localhost", "RuntimeDefault", "Unconfined"]',
    );
  });

  it("refuses privileged together with allowPrivilegeEscalation false", () => {
    const sc = { privileged: true, allowPrivilegeEscalation: false };
    expect(createError({ containers: [{ name: "c", image: "nginx", securityContext: sc }] })).toBe(
      'Pod "p" is invalid: spec.containers[0].securityContext: Invalid value: core.SecurityContext{Capabilities:(*core.Capabilities)(nil), Privileged:(*bool)(0xc000b2c418), SELinuxOptions:(*core.SELinuxOptions)(nil), WindowsOptions:(*core.WindowsSecurityContextOptions)(nil), RunAsUser:(*int64)(nil), RunAsGroup:(*int64)(nil), RunAsNonRoot:(*bool)(nil), ReadOnlyRootFilesystem:(*bool)(nil), AllowPrivilegeEscalation:(*bool)(0xc000b2c420), ProcMount:(*core.ProcMountType)(nil), SeccompProfile:(*core.SeccompProfile)(nil), AppArmorProfile:(*core.AppArmorProfile)(nil)}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
    );
  });
});

describe("what only a pod create refuses (ValidatePodCreate)", () => {
  it("refuses ephemeral containers, which kubectl debug adds later through their subresource", () => {
    expect(createError({ ephemeralContainers: [{ name: "debugger", image: "busybox" }] })).toBe('Pod "p" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create');
  });

  it("refuses a node name while scheduling gates remain", () => {
    expect(createError({ nodeName: "node01", schedulingGates: [{ name: "example.com/wait" }] })).toBe(
      'Pod "p" is invalid: spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
    );
    expect(createError({ nodeName: "node01" })).toBe("");
  });
});
