import { createHash } from "node:crypto";
import { parse } from "yaml";
import type { ApiClient } from "../api/client";
import { GO_YAML_OPTIONS } from "../api/go-yaml";
import type { KubeObject } from "../api/types";
import type { HostFileSystem } from "../hosts/filesystem";
import { MIRROR_ANNOTATION } from "./pod-worker";
import { ContentCache } from "../cluster/content-cache";

/** The kubelet re-reads its manifests on every sync; each text is parsed once (frozen, shared). */
const manifestYaml = new ContentCache<unknown>();

/**
 * Static pods: the kubelet runs every Pod manifest in its staticPodPath and publishes a mirror pod
 * named `<name>-<node>` so the API shows it. A changed file is a new pod (new hash); a removed
 * file stops the pod; a file that does not decode is logged and skipped, as the kubelet does.
 */
export interface StaticManifest {
  file: string;
  hash: string;
  pod: KubeObject;
}

export interface StaticScan {
  manifests: StaticManifest[];
  errors: { file: string; message: string }[];
}

export function scanStaticPods(fs: HostFileSystem, dir: string | undefined, nodeName: string): StaticScan {
  const scan: StaticScan = { manifests: [], errors: [] };
  if (!dir || !fs.isDirectorySync(dir)) return scan;
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(".")) continue;
    const file = `${dir}/${name}`;
    if (!fs.isFileSync(file)) continue;
    const text = fs.readFileSync(file) ?? "";
    let doc: unknown;
    try {
      doc = manifestYaml.get(text, () => parse(text, GO_YAML_OPTIONS));
    } catch (e) {
      const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
      scan.errors.push({ file, message: `${file}: couldn't parse as pod(${why.replace(/ at line (\d+), column \d+:?/, ": line $1")}), please check config file` });
      continue;
    }
    const obj = doc as KubeObject | null;
    if (!obj || typeof obj !== "object" || obj.kind !== "Pod" || !obj.metadata?.name) {
      scan.errors.push({ file, message: `${file}: invalid pod: ${!obj || typeof obj !== "object" ? "Object 'Kind' is missing" : obj.kind !== "Pod" ? `expected kind Pod, got ${String(obj.kind)}` : "metadata.name: Required value: name or generateName is required"}` });
      continue;
    }
    const containers = (obj.spec as { containers?: unknown[] } | undefined)?.containers;
    if (!Array.isArray(containers) || containers.length === 0) {
      scan.errors.push({ file, message: `${file}: invalid pod: [spec.containers: Required value]` });
      continue;
    }
    const hash = createHash("md5").update(`${nodeName}\n${text}`).digest("hex");
    scan.manifests.push({ file, hash, pod: obj });
  }
  return scan;
}

export function mirrorPodFor(manifest: StaticManifest, nodeName: string, nodeUid: string | undefined, seen: string): KubeObject {
  const pod = JSON.parse(JSON.stringify(manifest.pod)) as KubeObject;
  const spec = (pod.spec ?? {}) as Record<string, unknown>;
  spec.nodeName = nodeName;
  // The kubelet makes static pods tolerate everything NoExecute so they are never evicted.
  const tolerations = (spec.tolerations as unknown[] | undefined) ?? [];
  if (!tolerations.some((t) => JSON.stringify(t) === JSON.stringify({ effect: "NoExecute", operator: "Exists" }))) tolerations.push({ effect: "NoExecute", operator: "Exists" });
  spec.tolerations = tolerations;
  delete (pod as { status?: unknown }).status;
  return {
    ...pod,
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...pod.metadata,
      name: `${pod.metadata.name}-${nodeName}`,
      namespace: pod.metadata.namespace ?? "default",
      creationTimestamp: undefined,
      annotations: {
        ...(pod.metadata.annotations ?? {}),
        "kubernetes.io/config.hash": manifest.hash,
        [MIRROR_ANNOTATION]: manifest.hash,
        "kubernetes.io/config.seen": seen,
        "kubernetes.io/config.source": "file",
      },
      ...(nodeUid ? { ownerReferences: [{ apiVersion: "v1", controller: true, kind: "Node", name: nodeName, uid: nodeUid }] } : {}),
    },
    spec,
  };
}

/** Mirror pods this node currently has in the API, by their manifest hash. */
export function mirrorPods(client: ApiClient, nodeName: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const pod of client.server.store.list("/pods")) {
    if ((pod.spec as { nodeName?: string }).nodeName === nodeName && pod.metadata.annotations?.[MIRROR_ANNOTATION]) out.push(pod);
  }
  return out;
}
