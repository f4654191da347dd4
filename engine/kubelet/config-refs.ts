import type { ApiClient } from "../api/client";
import { parseQuantity } from "../api/quantity";
import type { KubeObject } from "../api/types";
import type { ContainerSpec, PodSpec } from "./pod-types";

/**
 * A container's environment as the kubelet builds it: service links, envFrom, env values and
 * references to ConfigMaps, Secrets, pod fields and resources — failing with the kubelet's own
 * messages (CreateContainerConfigError) when a referenced object or key is missing.
 */
export type EnvResult = { ok: true; env: Record<string, string> } | { ok: false; message: string };

const b64 = (s: string) => Buffer.from(s, "base64").toString("utf8");

function serviceLinks(client: ApiClient, namespace: string): Record<string, string> {
  const env: Record<string, string> = {};
  const services = [...client.server.store.list("/services", namespace)];
  if (namespace !== "default") {
    const k = client.server.store.get("/services", "default", "kubernetes");
    if (k) services.push(k);
  }
  for (const svc of services) {
    const spec = (svc.spec ?? {}) as { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[]; type?: string };
    if (!spec.clusterIP || spec.clusterIP === "None" || spec.type === "ExternalName") continue;
    const name = svc.metadata.name!.toUpperCase().replace(/-/g, "_");
    const ports = spec.ports ?? [];
    if (ports.length === 0) continue;
    env[`${name}_SERVICE_HOST`] = spec.clusterIP;
    env[`${name}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) if (p.name) env[`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, "_")}`] = String(p.port);
    const proto = (ports[0].protocol ?? "TCP").toLowerCase();
    env[`${name}_PORT`] = `${proto}://${spec.clusterIP}:${ports[0].port}`;
    for (const p of ports) {
      const pr = (p.protocol ?? "TCP").toUpperCase();
      const prefix = `${name}_PORT_${p.port}_${pr}`;
      env[prefix] = `${pr.toLowerCase()}://${spec.clusterIP}:${p.port}`;
      env[`${prefix}_PROTO`] = pr.toLowerCase();
      env[`${prefix}_PORT`] = String(p.port);
      env[`${prefix}_ADDR`] = spec.clusterIP;
    }
  }
  return env;
}

/** The value of a downward-API field path, or undefined if the path is not supported. */
export function podField(pod: KubeObject, path: string, ips: { podIP?: string; hostIP?: string }): string | undefined {
  const spec = pod.spec as PodSpec;
  const label = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  if (label) return (pod.metadata[label[1] as "labels" | "annotations"] ?? {})[label[2]] ?? "";
  const map = (m: Record<string, string> | undefined) => Object.entries(m ?? {}).map(([k, v]) => `${k}="${v}"`).join("\n");
  switch (path) {
    case "metadata.name":
      return pod.metadata.name;
    case "metadata.namespace":
      return pod.metadata.namespace;
    case "metadata.uid":
      return pod.metadata.uid;
    case "metadata.labels":
      return map(pod.metadata.labels);
    case "metadata.annotations":
      return map(pod.metadata.annotations);
    case "spec.nodeName":
      return spec.nodeName ?? "";
    case "spec.serviceAccountName":
      return spec.serviceAccountName ?? "default";
    case "status.hostIP":
    case "status.hostIPs":
      return ips.hostIP ?? "";
    case "status.podIP":
    case "status.podIPs":
      return ips.podIP ?? "";
  }
  return undefined;
}

/** resourceFieldRef: limits fall back to node allocatable; cpu rounds up to the divisor (default 1 core). */
export function resourceField(pod: KubeObject, containerName: string, resource: string, divisor = "1"): string {
  const spec = pod.spec as PodSpec;
  const container = [...spec.containers, ...(spec.initContainers ?? [])].find((c) => c.name === containerName);
  const [kind, name] = resource.split(".") as ["limits" | "requests", string];
  const raw = container?.resources?.[kind]?.[name] ?? container?.resources?.limits?.[name];
  const fallback = name === "cpu" ? (kind === "limits" ? "2" : "0") : name === "memory" ? (kind === "limits" ? "3903472Ki" : "0") : "0";
  const ratio = parseQuantity(raw ?? fallback).asApproximateFloat64() / parseQuantity(divisor).asApproximateFloat64();
  return String(Math.ceil(ratio));
}

/** Memory in MiB from a quantity string (limits.memory), or undefined. */
export function mebibytes(q: string | undefined): number | undefined {
  if (!q) return undefined;
  try {
    return parseQuantity(q).asApproximateFloat64() / (1024 * 1024);
  } catch {
    return undefined;
  }
}

export function resolveEnv(client: ApiClient, pod: KubeObject, container: ContainerSpec, image: { env?: Record<string, string> }, ips: { podIP?: string; hostIP?: string }, hostname: string): EnvResult {
  const namespace = pod.metadata.namespace!;
  const spec = pod.spec as PodSpec;
  const env: Record<string, string> = {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    ...(image.env ?? {}),
    HOSTNAME: hostname,
  };
  if (spec.enableServiceLinks !== false) Object.assign(env, serviceLinks(client, namespace));
  else Object.assign(env, serviceLinks(client, "__none__"));
  const getObj = (resource: "configmaps" | "secrets", name: string) => client.server.store.get(`/${resource}`, namespace, name);
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    if (!ref) continue;
    const isSecret = !!from.secretRef;
    const obj = getObj(isSecret ? "secrets" : "configmaps", ref.name);
    if (!obj) {
      if (ref.optional) continue;
      return { ok: false, message: `${isSecret ? "secret" : "configmap"} "${ref.name}" not found` };
    }
    const data = (obj.data ?? {}) as Record<string, string>;
    for (const [k, v] of Object.entries(data)) env[`${from.prefix ?? ""}${k}`] = isSecret ? b64(v) : v;
  }
  for (const e of container.env ?? []) {
    if (e.valueFrom?.configMapKeyRef || e.valueFrom?.secretKeyRef) {
      const isSecret = !!e.valueFrom.secretKeyRef;
      const ref = (e.valueFrom.configMapKeyRef ?? e.valueFrom.secretKeyRef)!;
      const obj = getObj(isSecret ? "secrets" : "configmaps", ref.name);
      if (!obj) {
        if (ref.optional) continue;
        return { ok: false, message: `${isSecret ? "secret" : "configmap"} "${ref.name}" not found` };
      }
      const data = (obj.data ?? {}) as Record<string, string>;
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        return { ok: false, message: `couldn't find key ${ref.key} in ${isSecret ? "Secret" : "ConfigMap"} ${namespace}/${ref.name}` };
      }
      env[e.name] = isSecret ? b64(data[ref.key]) : data[ref.key];
    } else if (e.valueFrom?.fieldRef) {
      env[e.name] = podField(pod, e.valueFrom.fieldRef.fieldPath, ips) ?? "";
    } else if (e.valueFrom?.resourceFieldRef) {
      const r = e.valueFrom.resourceFieldRef;
      env[e.name] = resourceField(pod, r.containerName ?? container.name, r.resource, r.divisor);
    } else {
      // $(VAR) in a value refers to variables defined earlier in the list.
      env[e.name] = (e.value ?? "").replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n: string | undefined) => (m === "$$" ? "$" : n && n in env ? env[n] : m));
    }
  }
  return { ok: true, env };
}
