/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { formatLabels } from "../../printers/table";
import { formatEndpointSlices } from "./network";
import { limitRangeRows } from "./policy";
import { describeEvents, DescribeWriter, printAnnotations, printLabels, rfc1123z, type EventLike } from "./writer";

/**
 * The layouts of kubectl describe for the kinds learners describe most, following
 * k8s.io/kubectl/pkg/describe. Related objects (events, replica sets, pods, endpoints) are fetched
 * by the command and passed in.
 */
export interface Related {
  events?: EventLike[];
  now: number;
  replicaSets?: KubeObject[];
  pods?: KubeObject[];
  endpointSlices?: KubeObject[];
  secrets?: KubeObject[];
}

type Any = any;

export function volumeSource(w: DescribeWriter, v: Any): void {
  if (v.hostPath) {
    w.write(2, "Type:\tHostPath (bare host directory volume)\n");
    w.write(2, `Path:\t${v.hostPath.path}\n`);
    w.write(2, `HostPathType:\t${v.hostPath.type ?? ""}\n`);
  } else if (v.emptyDir) {
    w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
    w.write(2, `Medium:\t${v.emptyDir.medium ?? ""}\n`);
    w.write(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? "<unset>"}\n`);
  } else if (v.secret) {
    w.write(2, "Type:\tSecret (a volume populated by a Secret)\n");
    w.write(2, `SecretName:\t${v.secret.secretName ?? ""}\n`);
    w.write(2, `Optional:\t${v.secret.optional ? "true" : "false"}\n`);
  } else if (v.configMap) {
    w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n");
    w.write(2, `Name:\t${v.configMap.name ?? ""}\n`);
    w.write(2, `Optional:\t${v.configMap.optional ? "true" : "false"}\n`);
  } else if (v.persistentVolumeClaim) {
    w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n");
    w.write(2, `ClaimName:\t${v.persistentVolumeClaim.claimName}\n`);
    w.write(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly ? "true" : "false"}\n`);
  } else if (v.projected) {
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}\n`);
      else if (s.configMap) {
        w.write(2, `ConfigMapName:\t${s.configMap.name}\n`);
        w.write(2, `Optional:\t${s.configMap.optional ? "true" : "false"}\n`);
      } else if (s.downwardAPI) w.write(2, "DownwardAPI:\ttrue\n");
      else if (s.secret) {
        w.write(2, `SecretName:\t${s.secret.name}\n`);
        w.write(2, `Optional:\t${s.secret.optional ? "true" : "false"}\n`);
      }
    }
  } else if (v.nfs) {
    w.write(2, "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n");
    w.write(2, `Server:\t${v.nfs.server}\n`);
    w.write(2, `Path:\t${v.nfs.path}\n`);
    w.write(2, `ReadOnly:\t${v.nfs.readOnly ? "true" : "false"}\n`);
  } else w.write(2, "<unknown>\n");
}

export function describeVolumes(w: DescribeWriter, volumes: Any[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? " " : ""}${v.name}:\n`);
    volumeSource(w, v);
  }
}

function describeResources(w: DescribeWriter, resources: Any, level: number): void {
  if (!resources) return;
  for (const kind of ["limits", "requests"] as const) {
    const map = resources[kind] ?? {};
    const names = Object.keys(map).sort();
    if (names.length) w.write(level, `${kind === "limits" ? "Limits" : "Requests"}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${map[n]}\n`);
  }
}

function probe(p: Any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? "HTTP").toLowerCase();
    const host = p.httpGet.host ?? "";
    return `http-get ${scheme}://${host}:${p.httpGet.port}${p.httpGet.path ?? ""} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

function containerState(w: DescribeWriter, name: string, state: Any): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if (t.signal > 0) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
    if (state?.waiting?.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  }
}

function describeContainers(w: DescribeWriter, label: string, containers: Any[] | undefined, statuses: Any[] | undefined, space: string, pod?: KubeObject): void {
  const list = containers ?? [];
  w.write(0, `${space}${label}:${list.length === 0 ? " <none>" : ""}\n`);
  const byName = new Map<string, Any>((statuses ?? []).map((s: Any) => [s.name, s]));
  for (const c of list) {
    const status = byName.get(c.name);
    w.write(1, `${space ? " " : ""}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ""}\n`);
    w.write(2, `Image:\t${c.image ?? ""}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ""}\n`);
    const ports = (c.ports ?? []).map((p: Any) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(", ");
    const hostPorts = (c.ports ?? []).map((p: Any) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(", ");
    w.write(2, ports.includes(",") ? `Ports:\t${ports}\n` : `Port:\t${ports || "<none>"}\n`);
    w.write(2, hostPorts.includes(",") ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || "<none>"}\n`);
    if (c.command?.length) {
      w.write(2, "Command:\n");
      for (const part of c.command) for (const s of String(part).split("\n")) w.write(3, `${s}\n`);
    }
    if (c.args?.length) {
      w.write(2, "Args:\n");
      for (const part of c.args) for (const s of String(part).split("\n")) w.write(3, `${s}\n`);
    }
    if (status) {
      containerState(w, "State", status.state);
      if (status.lastState?.terminated) containerState(w, "Last State", status.lastState);
      w.write(2, `Ready:\t${status.ready ? "True" : "False"}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${probe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${probe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(2, `Startup:\t${probe(c.startupProbe)}\n`);
    if (c.envFrom?.length) {
      w.write(2, "Environment Variables from:\n");
      for (const e of c.envFrom) {
        const [kind, ref] = e.configMapRef ? ["ConfigMap", e.configMapRef] : ["Secret", e.secretRef];
        const optional = ref?.optional ? "true" : "false";
        w.write(3, `${ref?.name ?? ""}\t${kind}${e.prefix ? ` with prefix '${e.prefix}'` : ""}\tOptional: ${optional}\n`);
      }
    }
    const env = c.env ?? [];
    w.write(2, `Environment:${env.length === 0 ? "\t<none>" : ""}\n`);
    for (const e of env) {
      if (!e.valueFrom) {
        String(e.value ?? "").split("\n").forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      } else if (e.valueFrom.fieldRef) {
        const path = e.valueFrom.fieldRef.fieldPath;
        const value = pod ? fieldRefValue(pod, path) : "";
        w.write(3, `${e.name}:\t${value} (${e.valueFrom.fieldRef.apiVersion ?? "v1"}:${path})\n`);
      } else if (e.valueFrom.resourceFieldRef) {
        w.write(3, `${e.name}:\t${e.valueFrom.resourceFieldRef.resource} (${e.valueFrom.resourceFieldRef.containerName ?? c.name})\n`);
      } else if (e.valueFrom.secretKeyRef) {
        w.write(3, `${e.name}:\t<set to the key '${e.valueFrom.secretKeyRef.key}' in secret '${e.valueFrom.secretKeyRef.name}'>\tOptional: ${e.valueFrom.secretKeyRef.optional ? "true" : "false"}\n`);
      } else if (e.valueFrom.configMapKeyRef) {
        w.write(3, `${e.name}:\t<set to the key '${e.valueFrom.configMapKeyRef.key}' of config map '${e.valueFrom.configMapKeyRef.name}'>\tOptional: ${e.valueFrom.configMapKeyRef.optional ? "true" : "false"}\n`);
      }
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a: Any, b: Any) => (a.mountPath < b.mountPath ? -1 : 1));
    w.write(2, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}\n`);
    for (const m of mounts) {
      const flags = [m.readOnly ? "ro" : "rw", ...(m.subPath ? [`path="${m.subPath}"`] : [])];
      w.write(3, `${m.mountPath} from ${m.name} (${flags.join(",")})\n`);
    }
  }
}

function fieldRefValue(pod: KubeObject, path: string): string {
  const p = pod as Any;
  switch (path) {
    case "metadata.name":
      return p.metadata.name;
    case "metadata.namespace":
      return p.metadata.namespace;
    case "spec.nodeName":
      return p.spec?.nodeName ?? "";
    case "spec.serviceAccountName":
      return p.spec?.serviceAccountName ?? "";
    case "status.podIP":
      return p.status?.podIP ?? "";
    case "status.hostIP":
      return p.status?.hostIP ?? "";
    default:
      return "";
  }
}

function tolerations(w: DescribeWriter, title: string, list: Any[] | undefined, initialIndent = ""): void {
  w.write(0, `${initialIndent}${title}:\t`);
  if (!list || list.length === 0) {
    w.write(0, "<none>\n");
    return;
  }
  const sorted = [...list].sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0));
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${initialIndent}\t`);
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, `${s}\n`);
  });
}

/** v1 qos.GetPodQOS. */
function qosClass(pod: Any): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  let anyRequests = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) anyRequests = true;
    for (const r of ["cpu", "memory"]) {
      if (!lim[r] || (req[r] && req[r] !== lim[r])) guaranteed = false;
    }
  }
  if (!anyRequests) return "BestEffort";
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function controllerOf(obj: KubeObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : "";
}

export function describePod(pod: KubeObject, r: Related): string {
  const p = pod as Any;
  const w = new DescribeWriter();
  const spec = p.spec ?? {};
  const status = p.status ?? {};
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace}\n`);
  if (spec.priority !== undefined) w.write(0, `Priority:\t${spec.priority}\n`);
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`);
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ""}\n` : "Node:\t<none>\n");
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  printLabels(w, "Labels", pod.metadata.labels);
  printAnnotations(w, "Annotations", pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== "Failed" && status.phase !== "Succeeded") {
    const lasts = Math.max(0, Math.floor((Date.parse(pod.metadata.deletionTimestamp) - r.now) / 1000));
    w.write(0, `Status:\tTerminating (lasts ${lasts}s)\n`);
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`);
  } else w.write(0, `Status:\t${status.phase ?? ""}\n`);
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  if (spec.securityContext?.seccompProfile) w.write(0, `SeccompProfile:\t${spec.securityContext.seccompProfile.type}\n`);
  w.write(0, `IP:\t${status.podIP ?? ""}\n`);
  if (!status.podIPs?.length) w.write(0, "IPs:\t<none>\n");
  else {
    w.write(0, "IPs:\n");
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const controlledBy = controllerOf(pod);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (status.nominatedNodeName) w.write(0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
  if (spec.initContainers?.length) describeContainers(w, "Init Containers", spec.initContainers, status.initContainerStatuses, "", pod);
  describeContainers(w, "Containers", spec.containers, status.containerStatuses, "", pod);
  if (spec.ephemeralContainers?.length) describeContainers(w, "Ephemeral Containers", spec.ephemeralContainers, status.ephemeralContainerStatuses, "", pod);
  if (spec.readinessGates?.length) {
    w.write(0, "Readiness Gates:\n  Type\tStatus\n");
    for (const g of spec.readinessGates) {
      const cond = (status.conditions ?? []).find((c: Any) => c.type === g.conditionType);
      w.write(1, `${g.conditionType} \t${cond ? cond.status : "<none>"} \n`);
    }
  }
  if (status.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\n");
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec.volumes, "");
  w.write(0, `QoS Class:\t${qosClass(p)}\n`);
  printLabels(w, "Node-Selectors", spec.nodeSelector);
  tolerations(w, "Tolerations", spec.tolerations);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

export function describePodTemplate(w: DescribeWriter, template: Any): void {
  w.write(0, "Pod Template:\n");
  if (!template) {
    w.write(1, "<unset>");
    return;
  }
  printLabels(w, "  Labels", template.metadata?.labels);
  if (template.metadata?.annotations && Object.keys(template.metadata.annotations).length) printAnnotations(w, "  Annotations", template.metadata.annotations);
  const spec = template.spec ?? {};
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers(w, "Init Containers", spec.initContainers, undefined, "  ");
  describeContainers(w, "Containers", spec.containers, undefined, "  ");
  describeVolumes(w, spec.volumes, "  ");
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabels(w, "  Node-Selectors", spec.nodeSelector);
  tolerations(w, "  Tolerations", spec.tolerations);
}

export function selectorString(selector: Any): string {
  if (!selector) return "<none>";
  const parts: string[] = [];
  for (const [k, v] of Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) parts.push(`${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(",");
    if (e.operator === "In") parts.push(`${e.key} in (${values})`);
    else if (e.operator === "NotIn") parts.push(`${e.key} notin (${values})`);
    else if (e.operator === "Exists") parts.push(e.key);
    else if (e.operator === "DoesNotExist") parts.push(`!${e.key}`);
  }
  return parts.length ? parts.sort().join(",") : "<none>";
}

function intOrPercent(v: unknown): string {
  return v === undefined || v === null ? "0" : String(v);
}

export function describeDeployment(d: KubeObject, r: Related): string {
  const x = d as Any;
  const w = new DescribeWriter();
  const spec = x.spec ?? {};
  const status = x.status ?? {};
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  printLabels(w, "Labels", d.metadata.labels);
  printAnnotations(w, "Annotations", d.metadata.annotations);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(0, `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ""}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  if (spec.strategy?.rollingUpdate) {
    w.write(0, `RollingUpdateStrategy:\t${intOrPercent(spec.strategy.rollingUpdate.maxUnavailable)} max unavailable, ${intOrPercent(spec.strategy.rollingUpdate.maxSurge)} max surge\n`);
  }
  describePodTemplate(w, spec.template);
  if (status.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ""}\n`);
  }
  const owned = (r.replicaSets ?? []).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid && o.controller));
  if (owned.length > 0 || r.replicaSets) {
    const template = JSON.stringify(stripHash(spec.template));
    const newRS = owned.filter((rs) => JSON.stringify(stripHash((rs as Any).spec?.template)) === template);
    const oldRS = owned.filter((rs) => !newRS.includes(rs) && ((rs as Any).spec?.replicas ?? 0) > 0);
    if (owned.length > 0) {
      const fmt = (list: KubeObject[]) => list.map((rs) => `${rs.metadata.name} (${(rs as Any).status?.replicas ?? 0}/${(rs as Any).spec?.replicas ?? 0} replicas created)`).join(", ") || "<none>";
      w.write(0, `OldReplicaSets:\t${fmt(oldRS)}\n`);
      w.write(0, `NewReplicaSet:\t${fmt(newRS)}\n`);
    }
  }
  describeEvents(w, r.events, r.now);
  return w.toString();
}

function stripHash(template: Any): Any {
  if (!template) return template;
  const copy = JSON.parse(JSON.stringify(template));
  if (copy.metadata?.labels) delete copy.metadata.labels["pod-template-hash"];
  return copy;
}

export function describeService(s: KubeObject, r: Related): string {
  const x = s as Any;
  const w = new DescribeWriter();
  const spec = x.spec ?? {};
  w.write(0, `Name:\t${s.metadata.name}\n`);
  w.write(0, `Namespace:\t${s.metadata.namespace}\n`);
  printLabels(w, "Labels", s.metadata.labels);
  printAnnotations(w, "Annotations", s.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type ?? ""}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(",") : "<none>"}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ""}\n`);
  w.write(0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(",") : "<none>"}\n`);
  if (spec.externalIPs?.length) w.write(0, `External IPs:\t${spec.externalIPs.join(",")}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = x.status?.loadBalancer?.ingress ?? [];
  if (ingress.length) w.write(0, `LoadBalancer Ingress:\t${ingress.map((i: Any) => i.ip || i.hostname).join(", ")}\n`);
  for (const p of spec.ports ?? []) {
    const name = p.name || "<unset>";
    w.write(0, `Port:\t${name}\t${p.port}/${p.protocol ?? "TCP"}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? "TCP"}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? "TCP"}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(r.endpointSlices ?? [], new Set([p.name ?? ""]))}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ""}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

export function describeNamespace(ns: KubeObject, r: Related & { quotas?: KubeObject[]; limitRanges?: KubeObject[] }): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  printLabels(w, "Labels", ns.metadata.labels);
  printAnnotations(w, "Annotations", ns.metadata.annotations);
  w.write(0, `Status:\t${(ns as Any).status?.phase ?? ""}\n`);
  const conditions: Any[] = (ns as Any).status?.conditions ?? [];
  if (conditions.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t------------------\t------\t-------\n");
    for (const c of conditions) w.write(1, `${c.type}\t${c.status}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ""}\t${c.message ?? ""}\n`);
  }
  if (r.quotas?.length) {
    w.write(0, "\n");
    w.write(0, "Resource Quotas\n");
    for (const q of r.quotas as Any[]) {
      w.write(1, `Name:\t${q.metadata.name}\n`);
      w.write(1, "Resource\tUsed\tHard\n");
      w.write(1, "--------\t---\t---\n");
      for (const k of Object.keys(q.status?.hard ?? q.spec?.hard ?? {}).sort()) w.write(1, `${k}\t${q.status?.used?.[k] ?? "0"}\t${(q.status?.hard ?? q.spec?.hard)[k]}\n`);
    }
  } else {
    w.write(0, "\n");
    w.write(0, "No resource quota.\n");
  }
  if (r.limitRanges?.length) {
    w.write(0, "\n");
    w.write(0, "Resource Limits\n");
    w.write(0, " Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    for (const lr of r.limitRanges as Any[]) limitRangeRows(w, lr.spec, " ");
  } else {
    w.write(0, "\n");
    w.write(0, "No LimitRange resource.\n");
  }
  return w.toString();
}

export function describeConfigMap(cm: KubeObject, r: Related): string {
  const x = cm as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${cm.metadata.name}\n`);
  w.write(0, `Namespace:\t${cm.metadata.namespace}\n`);
  printLabels(w, "Labels", cm.metadata.labels);
  printAnnotations(w, "Annotations", cm.metadata.annotations);
  w.write(0, "\nData\n====\n");
  for (const k of Object.keys(x.data ?? {}).sort()) {
    w.write(0, `${k}:\n----\n`);
    w.write(0, `${x.data[k]}\n`);
    w.write(0, "\n");
  }
  w.write(0, "\nBinaryData\n====\n");
  for (const k of Object.keys(x.binaryData ?? {}).sort()) w.write(0, `${k}: ${Buffer.from(x.binaryData[k], "base64").length} bytes\n`);
  w.write(0, "\n");
  describeEvents(w, r.events, r.now);
  return w.toString();
}

export function describeSecret(s: KubeObject): string {
  const x = s as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${s.metadata.name}\n`);
  w.write(0, `Namespace:\t${s.metadata.namespace}\n`);
  printLabels(w, "Labels", s.metadata.labels);
  printAnnotations(w, "Annotations", s.metadata.annotations);
  w.write(0, `\nType:\t${x.type ?? ""}\n`);
  w.write(0, "\nData\n====\n");
  for (const k of Object.keys(x.data ?? {}).sort()) {
    const bytes = Buffer.from(x.data[k], "base64").length;
    if (k === "token" && x.type === "kubernetes.io/service-account-token") w.write(0, `${k}:\t${Buffer.from(x.data[k], "base64").toString()}\n`);
    else w.write(0, `${k}:\t${bytes} bytes\n`);
  }
  return w.toString();
}

export function describeServiceAccount(sa: KubeObject, r: Related): string {
  const x = sa as Any;
  const w = new DescribeWriter();
  w.write(0, `Name:\t${sa.metadata.name}\n`);
  w.write(0, `Namespace:\t${sa.metadata.namespace}\n`);
  printLabels(w, "Labels", sa.metadata.labels);
  printAnnotations(w, "Annotations", sa.metadata.annotations);
  const list = (title: string, names: string[]) => {
    w.write(0, `${title}:\t`);
    if (names.length === 0) w.write(0, "<none>\n");
    else names.forEach((n, i) => w.write(0, `${i ? "\t" : ""}${n}\n`));
  };
  list("Image pull secrets", (x.imagePullSecrets ?? []).map((s: Any) => s.name));
  list("Mountable secrets", (x.secrets ?? []).map((s: Any) => s.name));
  list("Tokens", (r.secrets ?? []).map((s) => s.metadata.name!));
  describeEvents(w, r.events, r.now);
  return w.toString();
}

/** kubectl's generic describer for kinds without a dedicated one: metadata, then every field, sorted. */
export function describeGeneric(obj: KubeObject, r: Related): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${obj.metadata.name}\n`);
  w.write(0, `Namespace:\t${obj.metadata.namespace ?? ""}\n`);
  printLabels(w, "Labels", obj.metadata.labels);
  printAnnotations(w, "Annotations", obj.metadata.annotations);
  const skip = [".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"];
  printUnstructured(w, 0, obj as unknown as Record<string, unknown>, "", skip);
  describeEvents(w, r.events, r.now);
  return w.toString();
}

/** printUnstructuredContent: fields in byte order, maps and lists nested one level deeper. */
function printUnstructured(w: DescribeWriter, level: number, content: Record<string, unknown>, prefix: string, skip: string[]): void {
  for (const field of Object.keys(content).sort(byteOrder)) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (skip.includes(path)) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (isPlainObject(child)) printUnstructured(w, level + 1, child, path, skip);
        else w.write(level + 1, `${goValue(child)}\n`);
      }
    } else if (isPlainObject(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructured(w, level + 1, value, path, skip);
    } else w.write(level, `${smartLabelFor(field)}:\t${goValue(value)}\n`);
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** fmt's %v of a decoded JSON value. */
function goValue(v: unknown): string {
  return v === null || v === undefined ? "<nil>" : String(v);
}

/**
 * smartLabelFor: `apiVersion` → `API Version`; names with characters other than letters and `-`
 * stay as they are.
 */
function smartLabelFor(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  const acronyms = ["API", "URL", "UID", "OSB", "GUID"];
  return camelcaseSplit(field)
    .filter((part) => part !== "_")
    .map((part) => (acronyms.includes(part.toUpperCase()) ? part.toUpperCase() : part.charAt(0).toUpperCase() + part.slice(1)))
    .join(" ");
}

/** github.com/fatih/camelcase Split: runs of one character class, an upper-case run's last letter starting the next word. */
function camelcaseSplit(src: string): string[] {
  const classOf = (ch: string) => (/\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of src) {
    const cls = classOf(ch);
    if (cls === last) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (classOf(runs[i][0]) === 2 && classOf(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop()!);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(""));
}
