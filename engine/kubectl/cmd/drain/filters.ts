/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import type { CommandContext } from "../../cli/command";
import { resourcePath } from "../../client/discovery";
import { check } from "../../client/rest";

/**
 * kubectl drain's pod filters (pkg/drain/filters.go), in their order: recently deleted pods are
 * skipped, DaemonSet pods refused or ignored, mirror (static) pods skipped, emptyDir data and
 * pods without a controller refused unless the matching flag allows them. The first filter that
 * keeps a pod decides its fate; otherwise the last filter's verdict stands.
 */
type Any = any;

export interface PodDelete {
  pod: Any;
  delete: boolean;
  status: "okay" | "skip" | "warning" | "error";
  message: string;
}

const DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
const LOCAL_STORAGE_WARNING = "deleting Pods with local storage";
const UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING = "deleting Pods that declare no controller";
const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

type Verdict = Omit<PodDelete, "pod">;
const okay: Verdict = { delete: true, status: "okay", message: "" };
const skip: Verdict = { delete: false, status: "skip", message: "" };
const warn = (del: boolean, message: string): Verdict => ({ delete: del, status: "warning", message });
const fail = (message: string): Verdict => ({ delete: false, status: "error", message });

function finished(pod: Any): boolean {
  return pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
}

function controllerOf(pod: Any): Any | undefined {
  return (pod.metadata.ownerReferences ?? []).find((r: Any) => r.controller);
}

export function podsForDeletion(c: CommandContext, node: string): PodDelete[] {
  const rest = c.factory.rest();
  const pods = c.factory.discovery().resolve("pods");
  const list = check(
    rest.request({
      method: "GET",
      path: resourcePath(pods),
      query: { fieldSelector: `spec.nodeName=${node}`, labelSelector: c.flags.string("pod-selector") || undefined, limit: String(c.flags.int("chunk-size") || 500) },
    }),
  ) as { items?: KubeObject[] };
  const skipAfter = c.flags.int("skip-wait-for-delete-timeout");
  const now = c.ctx.environment.clock.now();
  const force = c.flags.bool("force");
  const filters: ((pod: Any) => Verdict)[] = [
    (pod) => (skipAfter > 0 && pod.metadata.deletionTimestamp && (now - Date.parse(pod.metadata.deletionTimestamp)) / 1000 > skipAfter ? skip : okay),
    (pod) => {
      const ref = controllerOf(pod);
      if (!ref || ref.kind !== "DaemonSet" || finished(pod)) return okay;
      const ds = rest.request({ method: "GET", path: resourcePath(c.factory.discovery().resolve("daemonsets.apps"), pod.metadata.namespace, ref.name) });
      if (ds.status >= 400) {
        const message = (ds.body as { message?: string })?.message ?? "";
        return ds.status === 404 && force ? warn(true, message) : fail(message);
      }
      return c.flags.bool("ignore-daemonsets") ? warn(false, DAEMONSET_WARNING) : fail(DAEMONSET_FATAL);
    },
    (pod) => (pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined ? skip : okay),
    (pod) => {
      if (!(pod.spec?.volumes ?? []).some((v: Any) => v.emptyDir) || finished(pod)) return okay;
      return c.flags.bool("delete-emptydir-data") ? warn(true, LOCAL_STORAGE_WARNING) : fail(LOCAL_STORAGE_FATAL);
    },
    (pod) => {
      if (finished(pod) || controllerOf(pod)) return okay;
      return force ? warn(true, UNMANAGED_WARNING) : fail(UNMANAGED_FATAL);
    },
  ];
  return (list.items ?? []).map((pod) => {
    let verdict = okay;
    // The last filter run decides (kubectl drops a warning that a later filter answers "okay" to);
    // a filter that keeps the pod ends the chain.
    for (const filter of filters) {
      verdict = filter(pod);
      if (!verdict.delete) break;
    }
    return { pod, ...verdict };
  });
}
