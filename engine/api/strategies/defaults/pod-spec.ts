import type { KubeObject } from "../../types";
import { canonicalizeQuantity, canonicalizeResourceList, child, defaultTemplateMetadata, isObject, list, setDefault, setDefaultPtr, type Json } from "../util";

/**
 * The core/v1 scheme defaulters for a PodSpec and what it contains (pkg/apis/core/v1/defaults.go,
 * v1.33) plus the v1 conversion that mirrors serviceAccountName into the deprecated serviceAccount.
 * `isPod` adds what only materialises on Pods, not templates (SetDefaults_Pod).
 */

/** parsers.ParseImageName's tag: "latest" when the reference has neither tag nor digest. */
export function imageTag(image: string): string {
  const withoutDigest = image.split("@")[0];
  const hasDigest = image.includes("@");
  const lastSlash = withoutDigest.lastIndexOf("/");
  const lastPart = withoutDigest.slice(lastSlash + 1);
  const colon = lastPart.lastIndexOf(":");
  if (colon >= 0) return lastPart.slice(colon + 1);
  return hasDigest ? "" : "latest";
}

function defaultHandler(handler: Json | undefined): void {
  if (!handler) return;
  if (isObject(handler.httpGet)) {
    setDefault(handler.httpGet, "path", "/");
    setDefault(handler.httpGet, "scheme", "HTTP");
  }
}

const PROBE_DEFAULTS: [string, number][] = [
  ["timeoutSeconds", 1],
  ["periodSeconds", 10],
  ["successThreshold", 1],
  ["failureThreshold", 3],
];

/** SetDefaults_Probe: zero counts and periods take their defaults (Go tests `== 0`). */
function defaultProbe(probe: unknown): void {
  if (!isObject(probe)) return;
  for (const [key, value] of PROBE_DEFAULTS) if (!probe[key]) probe[key] = value;
  defaultHandler(probe);
  if (isObject(probe.grpc)) setDefaultPtr(probe.grpc, "service", "");
}

function defaultEnv(owner: KubeObject, container: Json): void {
  for (const env of list(container.env)) {
    const from = env.valueFrom;
    if (!isObject(from)) continue;
    if (isObject(from.fieldRef)) setDefault(from.fieldRef, "apiVersion", "v1");
    if (isObject(from.resourceFieldRef)) {
      setDefaultPtr(from.resourceFieldRef, "divisor", "0");
      canonicalizeQuantity(owner, from.resourceFieldRef, "divisor");
    }
  }
}

export function defaultContainer(owner: KubeObject, container: Json, hostNetworkPorts: boolean): void {
  if (!container.imagePullPolicy) {
    container.imagePullPolicy = imageTag(String(container.image ?? "")) === "latest" ? "Always" : "IfNotPresent";
  }
  setDefault(container, "terminationMessagePath", "/dev/termination-log");
  setDefault(container, "terminationMessagePolicy", "File");
  const resources = child(container, "resources");
  canonicalizeResourceList(owner, resources.limits);
  canonicalizeResourceList(owner, resources.requests);
  for (const port of list(container.ports)) {
    setDefault(port, "protocol", "TCP");
    if (hostNetworkPorts && !port.hostPort) port.hostPort = port.containerPort;
  }
  defaultProbe(container.livenessProbe);
  defaultProbe(container.readinessProbe);
  defaultProbe(container.startupProbe);
  if (isObject(container.lifecycle)) {
    if (isObject(container.lifecycle.postStart)) defaultHandler(container.lifecycle.postStart);
    if (isObject(container.lifecycle.preStop)) defaultHandler(container.lifecycle.preStop);
  }
  defaultEnv(owner, container);
}

const VOLUME_SOURCES = [
  "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
  "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
  "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
  "ephemeral", "image",
];

function defaultKeyMode(source: unknown): void {
  if (isObject(source)) setDefaultPtr(source, "defaultMode", 420);
}

export function defaultVolume(owner: KubeObject, volume: Json): void {
  if (!VOLUME_SOURCES.some((s) => volume[s] !== undefined && volume[s] !== null)) volume.emptyDir = {};
  defaultKeyMode(volume.secret);
  defaultKeyMode(volume.configMap);
  defaultKeyMode(volume.downwardAPI);
  if (isObject(volume.downwardAPI)) {
    for (const item of list(volume.downwardAPI.items)) if (isObject(item.fieldRef)) setDefault(item.fieldRef, "apiVersion", "v1");
  }
  if (isObject(volume.projected)) {
    setDefaultPtr(volume.projected, "defaultMode", 420);
    for (const source of list(volume.projected.sources)) {
      if (isObject(source.serviceAccountToken)) setDefaultPtr(source.serviceAccountToken, "expirationSeconds", 3600);
      if (isObject(source.downwardAPI)) {
        for (const item of list(source.downwardAPI.items)) if (isObject(item.fieldRef)) setDefault(item.fieldRef, "apiVersion", "v1");
      }
    }
  }
  if (isObject(volume.hostPath)) setDefaultPtr(volume.hostPath, "type", "");
  if (isObject(volume.emptyDir)) canonicalizeQuantity(owner, volume.emptyDir, "sizeLimit");
  if (isObject(volume.iscsi)) setDefault(volume.iscsi, "iscsiInterface", "default");
  if (isObject(volume.rbd)) {
    setDefault(volume.rbd, "pool", "rbd");
    setDefault(volume.rbd, "user", "admin");
    setDefault(volume.rbd, "keyring", "/etc/ceph/keyring");
  }
  if (isObject(volume.azureDisk)) {
    setDefaultPtr(volume.azureDisk, "cachingMode", "ReadWrite");
    setDefaultPtr(volume.azureDisk, "kind", "Shared");
    setDefaultPtr(volume.azureDisk, "fsType", "ext4");
    setDefaultPtr(volume.azureDisk, "readOnly", false);
  }
  if (isObject(volume.ephemeral) && isObject(volume.ephemeral.volumeClaimTemplate)) {
    const claimSpec = child(volume.ephemeral.volumeClaimTemplate, "spec");
    setDefaultPtr(claimSpec, "volumeMode", "Filesystem");
    const resources = isObject(claimSpec.resources) ? claimSpec.resources : undefined;
    if (resources) {
      canonicalizeResourceList(owner, resources.requests);
      canonicalizeResourceList(owner, resources.limits);
    }
  }
}

/** SetDefaults_PodSpec and friends; `isPod` also applies SetDefaults_Pod. */
export function defaultPodSpec(owner: KubeObject, spec: Json, isPod: boolean): void {
  setDefault(spec, "dnsPolicy", "ClusterFirst");
  setDefault(spec, "restartPolicy", "Always");
  setDefaultPtr(spec, "securityContext", {});
  setDefaultPtr(spec, "terminationGracePeriodSeconds", 30);
  setDefault(spec, "schedulerName", "default-scheduler");
  const hostPorts = isPod && spec.hostNetwork === true;
  for (const c of list(spec.containers)) defaultContainer(owner, c, hostPorts);
  for (const c of list(spec.initContainers)) defaultContainer(owner, c, hostPorts);
  for (const c of list(spec.ephemeralContainers)) defaultContainer(owner, c, false);
  for (const v of list(spec.volumes)) defaultVolume(owner, v);
  if (isObject(spec.overhead)) canonicalizeResourceList(owner, spec.overhead);
  // The v1 conversion keeps the deprecated serviceAccount in step with serviceAccountName.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  if (isPod) {
    for (const c of [...list(spec.containers), ...list(spec.initContainers)]) {
      const resources = child(c, "resources");
      if (isObject(resources.limits)) {
        const requests = isObject(resources.requests) ? resources.requests : {};
        for (const [k, v] of Object.entries(resources.limits)) if (!(k in requests)) requests[k] = v;
        resources.requests = requests;
      }
    }
    setDefaultPtr(spec, "enableServiceLinks", true);
  }
}

/** A PodTemplateSpec inside a workload: template metadata plus PodSpec defaults. */
export function defaultPodTemplate(owner: KubeObject, template: unknown): void {
  if (!isObject(template)) return;
  defaultTemplateMetadata(template);
  defaultPodSpec(owner, child(template, "spec"), false);
}
