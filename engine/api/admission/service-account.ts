import { KUBE_NAME_ALPHABET } from "../../util/random";
import type { KubeObject } from "../types";
import { admissionForbidden, isCreateOf } from "./forbidden";
import type { AdmissionPlugin } from "./types";

/**
 * The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount, v1.33): a pod gets the
 * `default` service account when it names none, must name one that exists, and (unless either
 * opts out of automounting) gets the projected `kube-api-access-<random>` volume mounted
 * read-only at /var/run/secrets/kubernetes.io/serviceaccount in every container.
 */

type Json = Record<string, unknown>;

export const TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
const VOLUME_PREFIX = "kube-api-access-";

/** The projected source the plugin adds; 3607 s is the bound token lifetime that only warns after an hour. */
export function tokenVolumeSource(): Json {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
      { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
      { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
    ],
  };
}

function mountToken(spec: Json, random: () => number): void {
  const volumes = (Array.isArray(spec.volumes) ? spec.volumes : []) as Json[];
  const existing = volumes.find((v) => String(v.name ?? "").startsWith(VOLUME_PREFIX));
  let name = existing ? String(existing.name) : "";
  if (!name) {
    name = VOLUME_PREFIX;
    for (let i = 0; i < 5; i++) name += KUBE_NAME_ALPHABET[Math.floor(random() * KUBE_NAME_ALPHABET.length)];
  }
  let needsVolume = false;
  for (const key of ["initContainers", "containers"]) {
    for (const c of (Array.isArray(spec[key]) ? spec[key] : []) as Json[]) {
      const mounts = (Array.isArray(c.volumeMounts) ? c.volumeMounts : []) as Json[];
      if (mounts.some((m) => m.mountPath === TOKEN_MOUNT_PATH)) continue;
      c.volumeMounts = [...mounts, { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH }];
      needsVolume = true;
    }
  }
  if (!existing && needsVolume) spec.volumes = [...volumes, { name, projected: tokenVolumeSource() }];
}

export const serviceAccountAdmission: AdmissionPlugin = {
  name: "ServiceAccount",
  mutate(attrs, ctx) {
    if (!isCreateOf(attrs, "", "pods")) return;
    const pod = attrs.object as KubeObject;
    const spec = (pod.spec ??= {}) as Json;
    if (pod.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined) return;
    if (!spec.serviceAccountName) spec.serviceAccountName = "default";
    spec.serviceAccount = spec.serviceAccountName;
    const sa = ctx.lookup("", "serviceaccounts", attrs.namespace, String(spec.serviceAccountName));
    if (!sa) {
      throw admissionForbidden(attrs, `error looking up service account ${attrs.namespace}/${String(spec.serviceAccountName)}: serviceaccount "${String(spec.serviceAccountName)}" not found`);
    }
    const automount = typeof spec.automountServiceAccountToken === "boolean" ? spec.automountServiceAccountToken : typeof sa.automountServiceAccountToken === "boolean" ? sa.automountServiceAccountToken : true;
    if (automount) mountToken(spec, ctx.random);
    const pullSecrets = (sa.imagePullSecrets ?? []) as Json[];
    if ((!Array.isArray(spec.imagePullSecrets) || spec.imagePullSecrets.length === 0) && pullSecrets.length > 0) {
      spec.imagePullSecrets = pullSecrets.map((s) => ({ name: s.name }));
    }
  },
  validate(attrs) {
    if (!isCreateOf(attrs, "", "pods")) return;
    const pod = attrs.object as KubeObject;
    if (pod.metadata.annotations?.["kubernetes.io/config.mirror"] === undefined) return;
    const spec = (pod.spec ?? {}) as Json;
    if (spec.serviceAccountName) throw admissionForbidden(attrs, "a mirror pod may not reference service accounts");
  },
};
