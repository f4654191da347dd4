import { badRequest, notFound } from "../api/errors";
import type { SubresourceHandler } from "../api/server/context";
import type { ApiResponse } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import { PushStream } from "../util/stream";
import { containerLogPath, parseLogFile, renderLogs, type LogOptions } from "./logs";
import type { PodSpec } from "./pod-types";
import { runtimeUid } from "./pod-worker";
import { readKubeletStates } from "./state";

/**
 * pods/log: the API server asks the pod's kubelet for a container's log file, with kubectl logs'
 * options (container, previous, tailLines, sinceSeconds/sinceTime, timestamps, limitBytes, follow).
 * Errors are the API server's and kubelet's own texts.
 */
export function podLogSubresource(cluster: Cluster): SubresourceHandler {
  return {
    handle(request): ApiResponse {
      if (request.method !== "GET") throw badRequest("the server does not allow this method on the requested resource");
      const pod = cluster.store.get("/pods", request.namespace, request.name);
      if (!pod) throw notFound({ group: "", resource: "pods" }, request.name);
      const spec = pod.spec as PodSpec;
      const q = request.query;
      const names = spec.containers.map((c) => c.name);
      const initNames = (spec.initContainers ?? []).map((c) => c.name);
      let container = q.get("container") ?? undefined;
      if (!container) {
        if (names.length !== 1) {
          const init = initNames.length ? ` or one of the init containers: [${initNames.join(" ")}]` : "";
          throw badRequest(`a container name must be specified for pod ${request.name}, choose one of: [${names.join(" ")}]${init}`);
        }
        container = names[0];
      }
      if (!names.includes(container) && !initNames.includes(container)) throw badRequest(`container ${container} is not valid for pod ${request.name}`);
      const node = spec.nodeName;
      const state = node ? readKubeletStates(cluster)[node] : undefined;
      const rec = state?.pods[runtimeUid(pod)];
      const c = rec?.containers[container];
      const previous = q.get("previous") === "true";
      const host = node ? cluster.hosts.get(node) : undefined;
      if (!rec || !c || !host || (!c.id && !previous)) {
        const reason = c?.reason ?? "ContainerCreating";
        const why = reason === "ErrImagePull" || reason === "ImagePullBackOff" ? "trying and failing to pull image" : reason === "PodInitializing" || (!c && initNames.length > 0) ? "PodInitializing" : reason;
        throw badRequest(`container "${container}" in pod "${request.name}" is waiting to start: ${why}`);
      }
      let restart = c.restartCount;
      if (previous) {
        const lastRestart = c.state === "running" || c.state === "waiting" ? c.restartCount - 1 : c.restartCount - 1;
        if (!c.last || lastRestart < 0) throw badRequest(`previous terminated container "${container}" in pod "${request.name}" not found`);
        restart = lastRestart;
      } else if (c.state === "waiting" && c.last && c.reason !== "ContainerCreating") {
        // In CrashLoopBackOff the current log is the last run's.
        restart = c.restartCount - 1 >= 0 && !host.fs.existsSync(containerLogPath(rec.namespace, rec.name, rec.uid, container, c.restartCount)) ? c.restartCount - 1 : c.restartCount;
      }
      const path = containerLogPath(rec.namespace, rec.name, rec.uid, container, restart);
      const options: LogOptions = {
        timestamps: q.get("timestamps") === "true",
        ...(q.get("tailLines") !== null ? { tailLines: Number(q.get("tailLines")) } : {}),
        ...(q.get("limitBytes") !== null ? { limitBytes: Number(q.get("limitBytes")) } : {}),
      };
      if (q.get("sinceSeconds") !== null) options.sinceMs = cluster.clock.now() - Number(q.get("sinceSeconds")) * 1000;
      if (q.get("sinceTime") !== null) options.sinceMs = Date.parse(q.get("sinceTime")!);
      const content = host.fs.readFileSync(path);
      const text = renderLogs(parseLogFile(content), options);
      if (q.get("follow") !== "true" || previous) return { status: 200, headers: { "content-type": "text/plain" }, body: text };

      const stream = new PushStream<string>();
      if (text) stream.push(text);
      let seen = parseLogFile(content).length;
      const running = () => {
        const now = readKubeletStates(cluster)[node!]?.pods[rec.uid]?.containers[container!];
        return now?.state === "running" && now.restartCount === restart;
      };
      const unsubscribe = host.fs.onChange((changed) => {
        if (changed !== path) {
          if (!running()) stream.end();
          return;
        }
        const entries = parseLogFile(host.fs.readFileSync(path));
        const fresh = entries.slice(seen);
        seen = entries.length;
        if (fresh.length) stream.push(renderLogs(fresh, { timestamps: options.timestamps }));
        if (!running()) stream.end();
      });
      stream.onClose(unsubscribe);
      if (!running()) stream.end();
      return { status: 200, headers: { "content-type": "text/plain" }, textStream: stream };
    },
  };
}
