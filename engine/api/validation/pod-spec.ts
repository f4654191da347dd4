import type { FieldError } from "../errors";
import { tryQuantity } from "../quantity";
import { validateLabels } from "./names";
import { forbidden, invalid, invalidGo, notFound, notSupported, Path, required } from "./field";
import {
  duplicates,
  envVarNameProblems,
  portNameProblems,
  portNumProblems,
  validateDNS1123Label,
  validateDNS1123Subdomain,
  validateEnum,
  validateNonnegative,
  validateQualifiedName,
} from "./values";
import { nameProblems } from "./names";
import { validateAffinity, validateTopologySpreadConstraints } from "./scheduling";
import { validateContainerSecurityContext, validatePodSecurityContext } from "./security-context";

/**
 * PodSpec validation (pkg/apis/core/validation/validation.go, v1.33): ValidatePodSpec and what it
 * calls for volumes, containers, ports, env, mounts, resources, probes, policies and tolerations,
 * in the same order, with the same paths and messages. `isPod` adds the checks made only for Pods.
 */

type Json = Record<string, unknown>;

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const obj = (v: unknown): Json | undefined => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined);

const VOLUME_SOURCES = [
  "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
  "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
  "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
  "ephemeral", "image",
];

const FILE_MODE_MESSAGE = "must be a number between 0 and 0777 (octal), both inclusive";

function validateFileMode(mode: unknown, path: Path): FieldError[] {
  return typeof mode === "number" && (mode < 0 || mode > 0o777) ? [invalid(path, mode, FILE_MODE_MESSAGE)] : [];
}

function validateVolumeSource(volume: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const source of VOLUME_SOURCES) {
    const value = volume[source];
    if (value === undefined || value === null) continue;
    if (count > 0) {
      errs.push(forbidden(path.child(source), "may not specify more than 1 volume type"));
      continue;
    }
    count++;
    const s = obj(value) ?? {};
    const p = path.child(source);
    switch (source) {
      case "hostPath":
        if (!str(s.path)) errs.push(required(p.child("path")));
        if (s.type !== undefined && s.type !== "") {
          errs.push(...validateEnum(s.type, ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"], p.child("type"), false));
        }
        break;
      case "emptyDir":
        if (s.medium !== undefined && s.medium !== "" && !["Memory", "HugePages"].includes(String(s.medium)) && !String(s.medium).startsWith("HugePages-")) {
          errs.push(notSupported(p.child("medium"), s.medium, ["", "Memory", "HugePages"]));
        }
        break;
      case "secret":
        if (!str(s.secretName)) errs.push(required(p.child("secretName")));
        errs.push(...validateFileMode(s.defaultMode, p.child("defaultMode")));
        errs.push(...validateKeyToPaths(arr(s.items), p.child("items")));
        break;
      case "configMap":
        if (!str(s.name)) errs.push(required(p.child("name")));
        errs.push(...validateFileMode(s.defaultMode, p.child("defaultMode")));
        errs.push(...validateKeyToPaths(arr(s.items), p.child("items")));
        break;
      case "persistentVolumeClaim":
        if (!str(s.claimName)) errs.push(required(p.child("claimName")));
        break;
      case "nfs":
        if (!str(s.server)) errs.push(required(p.child("server")));
        if (!str(s.path)) errs.push(required(p.child("path")));
        else if (!str(s.path).startsWith("/")) errs.push(invalid(p.child("path"), s.path, "must be an absolute path"));
        break;
      case "csi":
        if (!str(s.driver)) errs.push(required(p.child("driver")));
        break;
      case "projected":
        errs.push(...validateFileMode(s.defaultMode, p.child("defaultMode")));
        break;
    }
  }
  if (count === 0) errs.push(required(path, "must specify a volume type"));
  return errs;
}

function validateKeyToPaths(items: Json[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  items.forEach((item, i) => {
    const p = path.index(i);
    if (!str(item.key)) errs.push(required(p.child("key")));
    const itemPath = str(item.path);
    if (!itemPath) errs.push(required(p.child("path")));
    else errs.push(...validateLocalDescendingPath(itemPath, p.child("path")));
    errs.push(...validateFileMode(item.mode, p.child("mode")));
  });
  return errs;
}

/** validateLocalDescendingPath: relative, no `..` element. */
function validateLocalDescendingPath(target: string, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith("/")) errs.push(invalid(path, target, "must be a relative path"));
  if (target.split("/").includes("..")) errs.push(invalid(path, target, "must not contain '..'"));
  return errs;
}

/** ValidateVolumes: the map of valid volume names, and the errors. */
function validateVolumes(volumes: Json[], path: Path): { names: Set<string>; errors: FieldError[] } {
  const names = new Set<string>();
  const errors: FieldError[] = [];
  volumes.forEach((vol, i) => {
    const p = path.index(i);
    const namePath = p.child("name");
    const name = str(vol.name);
    const el = validateVolumeSource(vol, p);
    if (!name) el.push(required(namePath));
    else el.push(...validateDNS1123Label(name, namePath));
    if (names.has(name)) el.push({ type: "FieldValueDuplicate", field: namePath.toString(), value: name });
    if (el.length === 0) names.add(name);
    else errors.push(...el);
  });
  return { names, errors };
}

function validateContainerPorts(ports: Json[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    const name = str(port.name);
    if (name) {
      const problems = portNameProblems(name);
      if (problems.length > 0) problems.forEach((m) => errs.push(invalid(p.child("name"), name, m)));
      else if (names.has(name)) errs.push({ type: "FieldValueDuplicate", field: p.child("name").toString(), value: name });
      else names.add(name);
    }
    const containerPort = port.containerPort;
    if (!containerPort) errs.push(required(p.child("containerPort")));
    else portNumProblems(Number(containerPort)).forEach((m) => errs.push(invalid(p.child("containerPort"), containerPort, m)));
    if (port.hostPort) portNumProblems(Number(port.hostPort)).forEach((m) => errs.push(invalid(p.child("hostPort"), port.hostPort, m)));
    errs.push(...validateEnum(port.protocol, ["SCTP", "TCP", "UDP"], p.child("protocol")));
  });
  return errs;
}

const ENV_FIELD_PATHS = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];
const ENV_FIELD_PATHS_LISTED = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"];
const RESOURCE_FIELD_PATHS = ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"];

function validateEnv(env: Json[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  env.forEach((ev, i) => {
    const p = path.index(i);
    const name = str(ev.name);
    if (!name) errs.push(required(p.child("name")));
    else envVarNameProblems(name).forEach((m) => errs.push(invalid(p.child("name"), name, m)));
    const from = obj(ev.valueFrom);
    if (!from) return;
    const fp = p.child("valueFrom");
    let sources = 0;
    const fieldRef = obj(from.fieldRef);
    if (fieldRef) {
      sources++;
      const fr = fp.child("fieldRef");
      if (!str(fieldRef.apiVersion)) errs.push(required(fr.child("apiVersion")));
      else if (!str(fieldRef.fieldPath)) errs.push(required(fr.child("fieldPath")));
      else {
        const fieldPath = str(fieldRef.fieldPath);
        const m = /^(metadata\.(?:labels|annotations))\['(.+)'\]$/.exec(fieldPath);
        if (m) errs.push(...validateQualifiedName(m[1] === "metadata.annotations" ? m[2].toLowerCase() : m[2], fr));
        else if (!ENV_FIELD_PATHS.includes(fieldPath) || fieldPath === "metadata.labels" || fieldPath === "metadata.annotations") {
          errs.push(notSupported(fr.child("fieldPath"), fieldPath, ENV_FIELD_PATHS_LISTED));
        }
      }
    }
    const resourceRef = obj(from.resourceFieldRef);
    if (resourceRef) {
      sources++;
      const rr = fp.child("resourceFieldRef");
      const resource = str(resourceRef.resource);
      if (!resource) errs.push(required(rr.child("resource")));
      else if (!RESOURCE_FIELD_PATHS.includes(resource) && !resource.startsWith("requests.hugepages-") && !resource.startsWith("limits.hugepages-")) {
        errs.push(notSupported(rr.child("resource"), resource, RESOURCE_FIELD_PATHS));
      }
    }
    for (const [key, label] of [["configMapKeyRef", "configMapKeyRef"], ["secretKeyRef", "secretKeyRef"]] as const) {
      const ref = obj(from[key]);
      if (!ref) continue;
      sources++;
      const rp = fp.child(label);
      if (!str(ref.name)) errs.push(required(rp.child("name")));
      if (!str(ref.key)) errs.push(required(rp.child("key")));
    }
    if (sources === 0) errs.push(invalid(fp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    else if (str(ev.value)) errs.push(invalid(fp, "", "may not be specified when `value` is not empty"));
    else if (sources > 1) errs.push(invalid(fp, "", "may not have more than one field specified at a time"));
  });
  return errs;
}

function validateEnvFrom(envFrom: Json[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  envFrom.forEach((ev, i) => {
    const p = path.index(i);
    if (str(ev.prefix)) envVarNameProblems(str(ev.prefix)).forEach((m) => errs.push(invalid(p.child("prefix"), ev.prefix, m)));
    let sources = 0;
    for (const key of ["configMapRef", "secretRef"]) {
      const ref = obj(ev[key]);
      if (!ref) continue;
      sources++;
      const name = str(ref.name);
      if (!name) errs.push(required(p.child(key, "name")));
      else nameProblems(name, "subdomain").forEach((m) => errs.push(invalid(p.child(key, "name"), name, m)));
    }
    if (sources === 0) errs.push(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
    else if (sources > 1) errs.push(invalid(path, "", "may not have more than one field specified at a time"));
  });
  return errs;
}

function validateVolumeMounts(mounts: Json[], volumes: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  mounts.forEach((m, i) => {
    const p = path.index(i);
    const name = str(m.name);
    if (!name) errs.push(required(p.child("name")));
    if (!volumes.has(name)) errs.push(notFound(p.child("name"), name));
    const mountPath = str(m.mountPath);
    if (!mountPath) errs.push(required(p.child("mountPath")));
    if (mountPoints.has(mountPath)) errs.push(invalid(p.child("mountPath"), mountPath, "must be unique"));
    mountPoints.add(mountPath);
    if (str(m.subPath)) errs.push(...validateLocalDescendingPath(str(m.subPath), p.child("subPath")));
  });
  return errs;
}

const STANDARD_CONTAINER_RESOURCES = ["cpu", "memory", "ephemeral-storage"];

function validateResourceName(name: string, path: Path): FieldError[] {
  const errs = validateQualifiedName(name, path);
  if (errs.length > 0) return errs;
  if (!name.includes("/")) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith("hugepages-")) {
      return [{ type: "FieldValueInvalid", field: path.toString(), rendered: name, detail: "must be a standard resource for containers" }];
    }
  }
  return [];
}

function validateQuantityValue(name: string, raw: unknown, path: Path): FieldError[] {
  const q = tryQuantity(raw);
  if (!q) return [];
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), "must be greater than or equal to 0"));
  const integer = !["cpu", "memory", "ephemeral-storage"].includes(name) && !name.startsWith("hugepages-") && !name.startsWith("requests.") && !name.startsWith("limits.");
  if (integer && q.milliValue() % 1000 !== 0) errs.push({ type: "FieldValueInvalid", field: path.toString(), rendered: q.toString(), detail: "must be an integer" });
  return errs;
}

/** ValidateContainerResourceRequirements: names, non-negative values, requests ≤ limits. */
export function validateResourceRequirements(resources: Json | undefined, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const limits = obj(resources?.limits) ?? {};
  const requests = obj(resources?.requests) ?? {};
  const limPath = path.child("limits");
  const reqPath = path.child("requests");
  for (const name of Object.keys(limits).sort()) {
    errs.push(...validateResourceName(name, limPath.key(name)));
    errs.push(...validateQuantityValue(name, limits[name], limPath.key(name)));
  }
  for (const name of Object.keys(requests).sort()) {
    errs.push(...validateResourceName(name, reqPath.key(name)));
    errs.push(...validateQuantityValue(name, requests[name], reqPath.key(name)));
    const request = tryQuantity(requests[name]);
    const limit = tryQuantity(limits[name]);
    if (!request || !limit) continue;
    const overcommit = !name.startsWith("hugepages-") && (STANDARD_CONTAINER_RESOURCES.includes(name) || !name.includes("/") || name.startsWith("kubernetes.io/"));
    if (request.cmp(limit) !== 0 && !overcommit) {
      errs.push(invalid(reqPath, request.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
    } else if (request.cmp(limit) > 0) {
      errs.push(invalid(reqPath, request.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
    }
  }
  return errs;
}

const HANDLERS = ["exec", "httpGet", "tcpSocket", "grpc", "sleep"];

function validateHandler(handler: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of HANDLERS) {
    const h = obj(handler[kind]);
    if (!h) continue;
    if (count > 0) {
      errs.push(forbidden(path.child(kind), "may not specify more than 1 handler type"));
      continue;
    }
    count++;
    const p = path.child(kind);
    if (kind === "exec" && arr(h.command).length === 0) errs.push(required(p.child("command")));
    if (kind === "httpGet") {
      if (!str(h.path)) errs.push(required(p.child("path")));
      errs.push(...validatePortNumOrName(h.port, p.child("port")));
      if (!["HTTP", "HTTPS"].includes(str(h.scheme))) errs.push(notSupported(p.child("scheme"), h.scheme, ["HTTP", "HTTPS"]));
    }
    if (kind === "tcpSocket") errs.push(...validatePortNumOrName(h.port, p.child("port")));
    if (kind === "grpc") errs.push(...validatePortNumOrName(h.port, p.child("port")));
    if (kind === "sleep" && typeof h.seconds === "number" && h.seconds < 0) errs.push(invalid(p.child("seconds"), h.seconds, "must be non-negative integer"));
  }
  if (count === 0) errs.push(required(path, "must specify a handler type"));
  return errs;
}

export function validatePortNumOrName(port: unknown, path: Path): FieldError[] {
  if (typeof port === "number") return portNumProblems(port).map((m) => invalid(path, port, m));
  if (typeof port === "string") return portNameProblems(port).map((m) => invalid(path, port, m));
  return portNumProblems(0).map((m) => invalid(path, 0, m));
}

function validateProbe(probe: unknown, path: Path, kind: "liveness" | "readiness" | "startup"): FieldError[] {
  const p = obj(probe);
  if (!p) return [];
  const errs = validateHandler(p, path);
  for (const k of ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"]) errs.push(...validateNonnegative(p[k], path.child(k)));
  if (typeof p.terminationGracePeriodSeconds === "number" && p.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(path.child("terminationGracePeriodSeconds"), p.terminationGracePeriodSeconds, "must be greater than 0"));
  }
  if (kind === "readiness" && p.terminationGracePeriodSeconds !== undefined && p.terminationGracePeriodSeconds !== null) {
    errs.push(invalid(path.child("terminationGracePeriodSeconds"), p.terminationGracePeriodSeconds, "must not be set for readinessProbes"));
  }
  if (kind !== "readiness" && p.successThreshold !== undefined && p.successThreshold !== 1) errs.push(invalid(path.child("successThreshold"), p.successThreshold, "must be 1"));
  return errs;
}

function validateContainerCommon(c: Json, volumes: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(path.child("name")));
  else errs.push(...validateDNS1123Label(name, path.child("name")));
  if (!str(c.image)) errs.push(required(path.child("image")));
  errs.push(...validateEnum(c.terminationMessagePolicy, ["File", "FallbackToLogsOnError"], path.child("terminationMessagePolicy")));
  errs.push(...validateContainerPorts(arr(c.ports), path.child("ports")));
  errs.push(...validateEnv(arr(c.env), path.child("env")));
  errs.push(...validateEnvFrom(arr(c.envFrom), path.child("envFrom")));
  errs.push(...validateVolumeMounts(arr(c.volumeMounts), volumes, path.child("volumeMounts")));
  errs.push(...validateEnum(c.imagePullPolicy, ["Always", "IfNotPresent", "Never"], path.child("imagePullPolicy")));
  errs.push(...validateResourceRequirements(obj(c.resources), path.child("resources")));
  errs.push(...validateContainerSecurityContext(c.securityContext, path.child("securityContext")));
  return errs;
}

function validateProbesAndLifecycle(c: Json, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const lifecycle = obj(c.lifecycle);
  if (lifecycle) {
    if (obj(lifecycle.postStart)) errs.push(...validateHandler(obj(lifecycle.postStart)!, path.child("lifecycle", "postStart")));
    if (obj(lifecycle.preStop)) errs.push(...validateHandler(obj(lifecycle.preStop)!, path.child("lifecycle", "preStop")));
  }
  errs.push(...validateProbe(c.livenessProbe, path.child("livenessProbe"), "liveness"));
  errs.push(...validateProbe(c.readinessProbe, path.child("readinessProbe"), "readiness"));
  errs.push(...validateProbe(c.startupProbe, path.child("startupProbe"), "startup"));
  return errs;
}

function hostPortConflicts(containers: Json[], path: Path): FieldError[] {
  const seen = new Set<string>();
  const errs: FieldError[] = [];
  containers.forEach((c, ci) => {
    arr(c.ports).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${str(port.protocol)}/${str(port.hostIP)}/${port.hostPort}`;
      if (seen.has(key)) errs.push({ type: "FieldValueDuplicate", field: path.index(ci).child("ports").index(pi).child("hostPort").toString(), value: key });
      seen.add(key);
    });
  });
  return errs;
}

function validateContainers(containers: Json[], volumes: Set<string>, path: Path): FieldError[] {
  if (containers.length === 0) return [required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = str(c.name);
    if (names.has(name)) errs.push({ type: "FieldValueDuplicate", field: p.child("name").toString(), value: name });
    else names.add(name);
    errs.push(...validateProbesAndLifecycle(c, p));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) errs.push(forbidden(p.child("restartPolicy"), "may not be set for non-init containers"));
  });
  errs.push(...hostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(inits: Json[], regular: Json[], volumes: Set<string>, path: Path): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(regular.map((c) => str(c.name)));
  inits.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, p));
    let sidecar = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      if (c.restartPolicy !== "Always") errs.push(notSupported(p.child("restartPolicy"), c.restartPolicy, ["Always"]));
      sidecar = c.restartPolicy === "Always";
    }
    const name = str(c.name);
    if (names.has(name)) errs.push({ type: "FieldValueDuplicate", field: p.child("name").toString(), value: name });
    else if (name) names.add(name);
    errs.push(...hostPortConflicts([c], path));
    if (sidecar) {
      errs.push(...validateProbesAndLifecycle(c, p));
    } else {
      for (const k of ["lifecycle", "livenessProbe", "readinessProbe", "startupProbe"]) {
        if (c[k] !== undefined && c[k] !== null) errs.push(forbidden(p.child(k), "may not be set for init containers without restartPolicy=Always"));
      }
    }
  });
  return errs;
}

/** %#v of a core.Toleration (the pointer field prints as nil when unset). */
function goToleration(t: Json): string {
  // %#v prints a pointer field as its address; a fixed stand-in keeps the message deterministic.
  const seconds = t.tolerationSeconds === undefined || t.tolerationSeconds === null ? "(*int64)(nil)" : "(*int64)(0xc000b2c3d8)";
  return `core.Toleration{Key:${JSON.stringify(str(t.key))}, Operator:${JSON.stringify(str(t.operator))}, Value:${JSON.stringify(str(t.value))}, Effect:${JSON.stringify(str(t.effect))}, TolerationSeconds:${seconds}}`;
}

function validateTolerations(tolerations: Json[], path: Path): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const p = path.index(i);
    const key = str(t.key);
    const operator = str(t.operator);
    if (key) errs.push(...validateQualifiedName(key, p.child("key")));
    if (!key && operator !== "Exists") {
      errs.push(invalid(p.child("operator"), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== "NoExecute") {
      errs.push(invalid(p.child("effect"), str(t.effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === "Equal" || operator === "") {
      const problems = validateLabels({ k: str(t.value) }, "x").filter((e) => e.value === str(t.value)).map((e) => e.detail);
      if (problems.length > 0) errs.push(invalid(p.child("operator"), str(t.value), problems.join(";")));
    } else if (operator === "Exists") {
      if (str(t.value)) errs.push(invalidGo(p.child("operator"), goToleration(t), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(p.child("operator"), operator, ["Equal", "Exists"]));
    }
    if (str(t.effect)) errs.push(...validateEnum(t.effect, ["NoSchedule", "PreferNoSchedule", "NoExecute"], p.child("effect")));
  });
  return errs;
}

export function validatePodSpec(spec: Json, path: Path, isPod: boolean): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) errs.push(required(path.child("terminationGracePeriodSeconds")));
  const { names: volumes, errors: volumeErrors } = validateVolumes(arr(spec.volumes), path.child("volumes"));
  errs.push(...volumeErrors);
  const containers = arr(spec.containers);
  errs.push(...validateContainers(containers, volumes, path.child("containers")));
  errs.push(...validateInitContainers(arr(spec.initContainers), containers, volumes, path.child("initContainers")));
  if (spec.hostNetwork === true) {
    containers.forEach((c, ci) => {
      arr(c.ports).forEach((port, pi) => {
        const hp = Number(port.hostPort ?? 0);
        const cp = Number(port.containerPort ?? 0);
        if ((isPod || hp !== 0) && hp !== cp) {
          errs.push(invalid(path.child("containers").index(ci).child("ports").index(pi).child("hostPort"), hp, "must match `containerPort` when `hostNetwork` is true"));
        }
      });
    });
  }
  errs.push(...validateEnum(spec.restartPolicy, ["Always", "OnFailure", "Never"], path.child("restartPolicy")));
  errs.push(...validateEnum(spec.dnsPolicy, ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"], path.child("dnsPolicy")));
  errs.push(...validateLabels(obj(spec.nodeSelector) as Record<string, string> | undefined, path.child("nodeSelector").toString()));
  errs.push(...validatePodSecurityContext(spec, path.child("securityContext")));
  arr(spec.imagePullSecrets).forEach((s, i) => {
    if (Object.keys(s).some((k) => k !== "name")) errs.push(invalidGo(path.child("imagePullSecrets").index(i), `core.LocalObjectReference{Name:${JSON.stringify(str(s.name))}}`, "only name may be set"));
  });
  errs.push(...validateAffinity(spec.affinity, path.child("affinity")));
  if (spec.dnsPolicy === "None") {
    const dnsConfig = obj(spec.dnsConfig);
    if (!dnsConfig) errs.push(required(path.child("dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"));
    else if (arr(dnsConfig.nameservers).length === 0) errs.push(required(path.child("dnsConfig", "nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"));
  }
  arr(spec.readinessGates).forEach((g, i) => errs.push(...validateQualifiedName(str(g.conditionType), path.child("readinessGates").index(i).child("conditionType"))));
  const gates = arr(spec.schedulingGates);
  gates.forEach((g, i) => errs.push(...validateQualifiedName(str(g.name), path.child("schedulingGates").index(i))));
  errs.push(...duplicates(gates.map((g) => str(g.name)), (i) => path.child("schedulingGates").index(i)));
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, path.child("topologySpreadConstraints")));
  const sa = str(spec.serviceAccountName);
  if (sa) errs.push(...validateDNS1123Subdomain(sa, path.child("serviceAccountName")));
  const nodeName = str(spec.nodeName);
  if (nodeName) errs.push(...validateDNS1123Subdomain(nodeName, path.child("nodeName")));
  if (typeof spec.activeDeadlineSeconds === "number" && (spec.activeDeadlineSeconds < 1 || spec.activeDeadlineSeconds > 2147483647)) {
    errs.push(invalid(path.child("activeDeadlineSeconds"), spec.activeDeadlineSeconds, "must be between 1 and 2147483647, inclusive"));
  }
  if (str(spec.hostname)) errs.push(...validateDNS1123Label(str(spec.hostname), path.child("hostname")));
  if (str(spec.subdomain)) errs.push(...validateDNS1123Label(str(spec.subdomain), path.child("subdomain")));
  errs.push(...validateTolerations(arr(spec.tolerations), path.child("tolerations")));
  const pcName = str(spec.priorityClassName);
  if (pcName) errs.push(...validateDNS1123Subdomain(pcName, path.child("priorityClassName")));
  if (typeof spec.runtimeClassName === "string") errs.push(...validateDNS1123Subdomain(spec.runtimeClassName, path.child("runtimeClassName")));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    errs.push(...validateEnum(spec.preemptionPolicy, ["PreemptLowerPriority", "Never"], path.child("preemptionPolicy")));
  }
  if (isPod) {
    if (!sa) {
      arr(spec.volumes).forEach((v, vi) => {
        const projected = obj(v.projected);
        arr(projected?.sources).forEach((s, si) => {
          if (s.serviceAccountToken) {
            errs.push(forbidden(path.child("volumes").index(vi).child("projected", "sources").index(si).child("serviceAccountToken"), "must not be specified when serviceAccountName is not set"));
          }
        });
      });
    }
    for (const [list, name] of [[containers, "containers"], [arr(spec.initContainers), "initContainers"]] as const) {
      list.forEach((c, i) => {
        const image = str(c.image);
        if (image && image.trim().length !== image.length) errs.push(invalid(path.child(name).index(i).child("image"), image, "must not have leading or trailing whitespace"));
      });
    }
  }
  return errs;
}
