import { ApiError, badRequest, notFound } from "../../api/errors";
import type { SubresourceHandler, SubresourceRequest } from "../../api/server/context";
import type { ApiResponse, KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster/cluster";
import type { Environment } from "../../cluster/environment";
import type { PodSpec } from "../pod-types";
import { runtimeUid } from "../pod-worker";
import { kubeletStates } from "../state";
import { attachSession } from "./attach-session";
import { containerTarget } from "./container-target";
import { ExecSession } from "./exec-session";
import { PodPortForward } from "./portforward-session";

/**
 * pods/exec, pods/attach and pods/portforward: the API server checks the request as the real one
 * and the kubelet do (pod, node, container, streams), answering errors with their texts, then
 * upgrades the connection to a session (status 101, `upgrade`) the caller drives.
 */
const truthy = (v: string | null) => v === "true" || v === "1";

function podFor(cluster: Cluster, request: SubresourceRequest): KubeObject {
  if (request.method !== "GET" && request.method !== "POST") throw badRequest("the server does not allow this method on the requested resource");
  const pod = cluster.store.get("/pods", request.namespace, request.name);
  if (!pod) throw notFound({ group: "", resource: "pods" }, request.name);
  if (!(pod.spec as PodSpec).nodeName) throw badRequest(`pod ${request.name} does not have a host assigned`);
  return pod;
}

function containerFor(pod: KubeObject, query: URLSearchParams): string {
  const spec = pod.spec as PodSpec;
  const names = spec.containers.map((c) => c.name);
  const all = [...names, ...(spec.initContainers ?? []).map((c) => c.name), ...((spec as { ephemeralContainers?: { name: string }[] }).ephemeralContainers ?? []).map((c) => c.name)];
  const name = query.get("container");
  if (!name) {
    if (names.length === 1) return names[0];
    throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(" ")}]`);
  }
  if (!all.includes(name)) throw badRequest(`container ${name} is not valid for pod ${pod.metadata.name}`);
  return name;
}

function streamsOf(query: URLSearchParams): { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean } {
  const streams = { stdin: truthy(query.get("stdin")), stdout: truthy(query.get("stdout")), stderr: truthy(query.get("stderr")), tty: truthy(query.get("tty")) };
  if (!streams.stdin && !streams.stdout && !streams.stderr) throw badRequest("you must specify at least 1 of stdin, stdout, stderr");
  // With a tty the terminal merges stderr into stdout.
  if (streams.tty) streams.stderr = false;
  return streams;
}

/** The kubelet's answer for a container that is not running (yet, or any more). */
function notRunning(name: string): ApiError {
  return badRequest(`container not found ("${name}")`);
}

function upgraded(upgrade: ApiResponse["upgrade"]): ApiResponse {
  return { status: 101, upgrade };
}

export function execSubresource(env: Environment, cluster: Cluster): SubresourceHandler {
  return {
    handle(request) {
      const pod = podFor(cluster, request);
      const container = containerFor(pod, request.query);
      const argv = request.query.getAll("command");
      if (argv.length === 0) throw badRequest("you must specify at least 1 command");
      const streams = streamsOf(request.query);
      const target = containerTarget(cluster, pod, container);
      if (!target) throw notRunning(container);
      return upgraded(new ExecSession(env, target, { argv, ...streams }));
    },
  };
}

export function attachSubresource(env: Environment, cluster: Cluster): SubresourceHandler {
  return {
    handle(request) {
      const pod = podFor(cluster, request);
      const container = containerFor(pod, request.query);
      const streams = streamsOf(request.query);
      const target = containerTarget(cluster, pod, container);
      if (!target) throw notRunning(container);
      return upgraded(attachSession(env, target, streams));
    },
  };
}

export function portForwardSubresource(env: Environment, cluster: Cluster): SubresourceHandler {
  return {
    handle(request) {
      const pod = podFor(cluster, request);
      const node = (pod.spec as PodSpec).nodeName!;
      const record = kubeletStates(cluster)[node]?.pods[runtimeUid(pod)];
      const phase = (pod.status as { phase?: string } | undefined)?.phase;
      if (!record?.sandboxId || phase !== "Running") throw badRequest(`pod ${pod.metadata.name} is not running`);
      const ports = request.query.getAll("ports").flatMap((p) => p.split(",")).filter(Boolean).map(Number);
      if (ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) throw badRequest(`invalid port: ${request.query.getAll("ports").join(",")}`);
      return upgraded(new PodPortForward(cluster, pod, record.sandboxId, env.network, ports));
    },
  };
}
