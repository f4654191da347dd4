import type { FieldError } from "../errors";
import { duplicate, invalid, invalidGo, notSupported, Path, required } from "./field";

/**
 * Security context checks of pkg/apis/core/validation/validation.go (v1.33):
 * validatePodSpecSecurityContext for the pod and ValidateSecurityContext for each container.
 */

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const set = (v: unknown) => v !== undefined && v !== null;

const ID_RANGE = "must be between 0 and 2147483647, inclusive";
const validId = (v: unknown) => typeof v === "number" && v >= 0 && v <= 2147483647;

function ids(sc: Json, path: Path, keys: string[]): FieldError[] {
  return keys.filter((k) => set(sc[k]) && !validId(sc[k])).map((k) => invalid(path.child(k), sc[k], ID_RANGE));
}

/** validateSeccompProfileField. */
function seccompProfile(value: unknown, path: Path): FieldError[] {
  const sp = obj(value);
  if (!sp) return [];
  const errs: FieldError[] = [];
  const type = sp.type;
  if (!type) errs.push(required(path.child("type"), "type is required when seccompProfile is set"));
  else if (!["Localhost", "RuntimeDefault", "Unconfined"].includes(String(type))) errs.push(notSupported(path.child("type"), type, ["Localhost", "RuntimeDefault", "Unconfined"]));
  if (type === "Localhost") {
    if (!set(sp.localhostProfile)) errs.push(required(path.child("localhostProfile"), "must be set when seccomp type is Localhost"));
  } else if (set(sp.localhostProfile)) {
    errs.push(invalidGo(path.child("localhostProfile"), `core.SeccompProfile{Type:${JSON.stringify(String(type ?? ""))}, LocalhostProfile:(*string)(0xc000b2c400)}`, "can only be set when seccomp type is Localhost"));
  }
  return errs;
}

/** ValidateAppArmorProfileField. */
function appArmorProfile(value: unknown, path: Path): FieldError[] {
  const profile = obj(value);
  if (!profile) return [];
  const type = profile.type;
  const local = profile.localhostProfile;
  switch (type) {
    case "Localhost": {
      if (typeof local !== "string") return [required(path.child("localhostProfile"), "must be set when AppArmor type is Localhost")];
      if (local.trim() !== local) return [invalid(path.child("localhostProfile"), local, "must not be padded with whitespace")];
      if (local === "") return [required(path.child("localhostProfile"), "must be set when AppArmor type is Localhost")];
      return [];
    }
    case "RuntimeDefault":
    case "Unconfined":
      return set(local) ? [invalid(path.child("localhostProfile"), local, "can only be set when AppArmor type is Localhost")] : [];
    case undefined:
    case null:
    case "":
      return [required(path.child("type"), "type is required when appArmorProfile is set")];
    default:
      return [notSupported(path.child("type"), type, ["Localhost", "RuntimeDefault", "Unconfined"])];
  }
}

/**
 * validatePodSpecSecurityContext. The internal PodSecurityContext also holds the v1 spec's hostPID and
 * shareProcessNamespace, hence their `spec.securityContext.*` paths.
 */
export function validatePodSecurityContext(spec: Json, path: Path): FieldError[] {
  const sc = obj(spec.securityContext) ?? {};
  const errs = ids(sc, path, ["fsGroup", "runAsUser", "runAsGroup"]);
  (Array.isArray(sc.supplementalGroups) ? sc.supplementalGroups : []).forEach((g, i) => {
    if (!validId(g)) errs.push(invalid(path.child("supplementalGroups").index(i), g, ID_RANGE));
  });
  if (spec.shareProcessNamespace === true && spec.hostPID === true) errs.push(invalid(path.child("shareProcessNamespace"), true, "ShareProcessNamespace and HostPID cannot both be enabled"));
  const names = new Set<string>();
  (Array.isArray(sc.sysctls) ? (sc.sysctls as Json[]) : []).forEach((s, i) => {
    const name = typeof s.name === "string" ? s.name : "";
    const p = path.child("sysctls").index(i).child("name");
    if (!name) errs.push(required(p));
    else if (name.length > 253 || !SYSCTL.test(name)) errs.push(invalid(p, name, `must have at most 253 characters and match regex ${SYSCTL.source}`));
    else if (names.has(name)) errs.push(duplicate(p, name));
    names.add(name);
  });
  if (set(sc.fsGroupChangePolicy) && !["Always", "OnRootMismatch"].includes(String(sc.fsGroupChangePolicy))) {
    errs.push(notSupported(path.child("fsGroupChangePolicy"), sc.fsGroupChangePolicy, ["Always", "OnRootMismatch"]));
  }
  errs.push(...seccompProfile(sc.seccompProfile, path.child("seccompProfile")));
  errs.push(...appArmorProfile(sc.appArmorProfile, path.child("appArmorProfile")));
  if (set(sc.supplementalGroupsPolicy) && !["Merge", "Strict"].includes(String(sc.supplementalGroupsPolicy))) {
    errs.push(notSupported(path.child("supplementalGroupsPolicy"), sc.supplementalGroupsPolicy, ["Merge", "Strict"]));
  }
  if (set(sc.seLinuxChangePolicy) && !["MountOption", "Recursive"].includes(String(sc.seLinuxChangePolicy))) {
    errs.push(notSupported(path.child("seLinuxChangePolicy"), sc.seLinuxChangePolicy, ["MountOption", "Recursive"]));
  }
  return errs;
}

const SYSCTL = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

/** %#v of the internal core.SecurityContext (pointer fields print as addresses, fixed stand-ins here). */
function goSecurityContext(sc: Json): string {
  const fields: [string, string, string][] = [
    ["Capabilities", "capabilities", "*core.Capabilities"],
    ["Privileged", "privileged", "*bool"],
    ["SELinuxOptions", "seLinuxOptions", "*core.SELinuxOptions"],
    ["WindowsOptions", "windowsOptions", "*core.WindowsSecurityContextOptions"],
    ["RunAsUser", "runAsUser", "*int64"],
    ["RunAsGroup", "runAsGroup", "*int64"],
    ["RunAsNonRoot", "runAsNonRoot", "*bool"],
    ["ReadOnlyRootFilesystem", "readOnlyRootFilesystem", "*bool"],
    ["AllowPrivilegeEscalation", "allowPrivilegeEscalation", "*bool"],
    ["ProcMount", "procMount", "*core.ProcMountType"],
    ["SeccompProfile", "seccompProfile", "*core.SeccompProfile"],
    ["AppArmorProfile", "appArmorProfile", "*core.AppArmorProfile"],
  ];
  let address = 0xc000b2c410;
  const parts = fields.map(([goName, key, type]) => `${goName}:(${type})(${set(sc[key]) ? `0x${(address += 8).toString(16)}` : "nil"})`);
  return `core.SecurityContext{${parts.join(", ")}}`;
}

/** ValidateSecurityContext for a container. */
export function validateContainerSecurityContext(value: unknown, path: Path): FieldError[] {
  const sc = obj(value);
  if (!sc) return [];
  const errs = ids(sc, path, ["runAsUser", "runAsGroup"]);
  if (set(sc.procMount) && !["Default", "Unmasked"].includes(String(sc.procMount))) errs.push(notSupported(path.child("procMount"), sc.procMount, ["Default", "Unmasked"]));
  errs.push(...seccompProfile(sc.seccompProfile, path.child("seccompProfile")));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(invalidGo(path, goSecurityContext(sc), "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"));
    const add = Array.isArray(obj(sc.capabilities)?.add) ? (obj(sc.capabilities)!.add as unknown[]) : [];
    for (const cap of add) {
      if (cap === "CAP_SYS_ADMIN") errs.push(invalidGo(path, goSecurityContext(sc), "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN"));
    }
  }
  errs.push(...appArmorProfile(sc.appArmorProfile, path.child("appArmorProfile")));
  return errs;
}
