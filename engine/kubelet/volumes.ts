import type { ApiClient } from "../api/client";
import type { KubeObject } from "../api/types";
import type { HostFileSystem } from "../hosts/filesystem";
import type { Mount } from "./container-fs";
import { podField, resourceField } from "./config-refs";
import type { ContainerSpec, PodSpec, VolumeSpec } from "./pod-types";

/**
 * Volume set-up as the kubelet's volume manager does it: each volume becomes a directory on the node
 * under /var/lib/kubelet/pods/<uid>/volumes/<plugin>/<name> (or the host path itself), filled from
 * the API for configMap, secret, projected and downwardAPI volumes. Failures carry the messages of
 * the FailedMount events a learner sees in `kubectl describe pod`.
 */
export type VolumeSetup = { ok: true; dirs: Record<string, { hostPath: string; readOnly: boolean }> } | { ok: false; message: string; volume: string };

const PLUGIN: Record<string, string> = {
  emptyDir: "kubernetes.io~empty-dir",
  configMap: "kubernetes.io~configmap",
  secret: "kubernetes.io~secret",
  projected: "kubernetes.io~projected",
  downwardAPI: "kubernetes.io~downward-api",
};

function writeKeys(fs: HostFileSystem, dir: string, data: Record<string, string>, items: { key: string; path: string }[] | undefined, decode: boolean, mode: number): string | undefined {
  const pick = items ?? Object.keys(data).map((k) => ({ key: k, path: k }));
  for (const item of pick) {
    if (!(item.key in data)) return item.key;
    const value = decode ? Buffer.from(data[item.key], "base64").toString("utf8") : data[item.key];
    if (fs.readFileSync(`${dir}/${item.path}`) !== value) fs.writeFileSync(`${dir}/${item.path}`, value, { mode });
  }
  return undefined;
}

function sourceData(obj: KubeObject): Record<string, string> {
  return { ...((obj.data ?? {}) as Record<string, string>) };
}

export function setUpVolumes(client: ApiClient, pod: KubeObject, fs: HostFileSystem, ips: { podIP?: string; hostIP?: string }): VolumeSetup {
  const spec = pod.spec as PodSpec;
  const uid = pod.metadata.uid!;
  const namespace = pod.metadata.namespace!;
  const dirs: Record<string, { hostPath: string; readOnly: boolean }> = {};
  const get = (resource: string, name: string) => client.server.store.get(`/${resource}`, namespace, name);
  for (const vol of spec.volumes ?? []) {
    const kind = Object.keys(PLUGIN).find((k) => (vol as Record<string, unknown>)[k] !== undefined);
    const dir = `/var/lib/kubelet/pods/${uid}/volumes/${kind ? PLUGIN[kind] : "kubernetes.io~unknown"}/${vol.name}`;
    const fail = (message: string): VolumeSetup => ({ ok: false, volume: vol.name, message: `MountVolume.SetUp failed for volume "${vol.name}" : ${message}` });
    if (vol.emptyDir) {
      fs.mkdirSync(dir, { recursive: true });
      dirs[vol.name] = { hostPath: dir, readOnly: false };
    } else if (vol.configMap) {
      const cm = get("configmaps", vol.configMap.name);
      if (!cm) {
        if (!vol.configMap.optional) return fail(`configmap "${vol.configMap.name}" not found`);
        fs.mkdirSync(dir, { recursive: true });
      } else {
        const missing = writeKeys(fs, dir, sourceData(cm), vol.configMap.items, false, vol.configMap.defaultMode ?? 0o644);
        if (missing) return fail(`configmap references non-existent config key: ${missing}`);
      }
      dirs[vol.name] = { hostPath: dir, readOnly: true };
    } else if (vol.secret) {
      const secret = get("secrets", vol.secret.secretName);
      if (!secret) {
        if (!vol.secret.optional) return fail(`secret "${vol.secret.secretName}" not found`);
        fs.mkdirSync(dir, { recursive: true });
      } else {
        const missing = writeKeys(fs, dir, sourceData(secret), vol.secret.items, true, vol.secret.defaultMode ?? 0o644);
        if (missing) return fail(`references non-existent secret key: ${missing}`);
      }
      dirs[vol.name] = { hostPath: dir, readOnly: true };
    } else if (vol.hostPath) {
      const path = vol.hostPath.path;
      const type = vol.hostPath.type ?? "";
      if (type === "DirectoryOrCreate" && !fs.existsSync(path)) fs.mkdirSync(path, { recursive: true });
      if (type === "FileOrCreate" && !fs.existsSync(path)) fs.writeFileSync(path, "");
      if (type === "Directory" && !fs.isDirectorySync(path)) return fail(`hostPath type check failed: ${path} is not a directory`);
      if (type === "File" && !fs.isFileSync(path)) return fail(`hostPath type check failed: ${path} is not a file`);
      if (type === "" && !fs.existsSync(path)) fs.mkdirSync(path, { recursive: true });
      dirs[vol.name] = { hostPath: path, readOnly: false };
    } else if (vol.persistentVolumeClaim) {
      const claim = get("persistentvolumeclaims", vol.persistentVolumeClaim.claimName);
      const volumeName = (claim?.spec as { volumeName?: string } | undefined)?.volumeName;
      const phase = (claim?.status as { phase?: string } | undefined)?.phase;
      if (!claim || !volumeName || phase !== "Bound") {
        return { ok: false, volume: vol.name, message: `Unable to attach or mount volumes: unmounted volumes=[${vol.name}], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition` };
      }
      const pv = client.server.store.get("/persistentvolumes", undefined, volumeName);
      const pvSpec = (pv?.spec ?? {}) as { hostPath?: { path: string }; local?: { path: string } };
      const path = pvSpec.hostPath?.path ?? pvSpec.local?.path ?? `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~csi/${volumeName}/mount`;
      if (!fs.existsSync(path)) fs.mkdirSync(path, { recursive: true });
      dirs[vol.name] = { hostPath: path, readOnly: !!vol.persistentVolumeClaim.readOnly };
    } else if (vol.downwardAPI) {
      for (const item of vol.downwardAPI.items ?? []) {
        const value = item.fieldRef ? (podField(pod, item.fieldRef.fieldPath, ips) ?? "") : item.resourceFieldRef ? resourceField(pod, item.resourceFieldRef.containerName ?? "", item.resourceFieldRef.resource, item.resourceFieldRef.divisor) : "";
        fs.writeFileSync(`${dir}/${item.path}`, value);
      }
      fs.mkdirSync(dir, { recursive: true });
      dirs[vol.name] = { hostPath: dir, readOnly: true };
    } else if (vol.projected) {
      fs.mkdirSync(dir, { recursive: true });
      for (const source of vol.projected.sources ?? []) {
        if (source.configMap) {
          const cm = get("configmaps", source.configMap.name);
          if (!cm) {
            if (!source.configMap.optional) return fail(`configmap "${source.configMap.name}" not found`);
          } else writeKeys(fs, dir, sourceData(cm), source.configMap.items, false, 0o644);
        } else if (source.secret) {
          const secret = get("secrets", source.secret.name);
          if (!secret) {
            if (!source.secret.optional) return fail(`secret "${source.secret.name}" not found`);
          } else writeKeys(fs, dir, sourceData(secret), source.secret.items, true, 0o644);
        } else if (source.downwardAPI) {
          for (const item of source.downwardAPI.items ?? []) fs.writeFileSync(`${dir}/${item.path}`, item.fieldRef ? (podField(pod, item.fieldRef.fieldPath, ips) ?? "") : "");
        } else if (source.serviceAccountToken) {
          // The kubelet requests a token once and refreshes it long before it expires (not every sync).
          if (fs.existsSync(`${dir}/${source.serviceAccountToken.path}`)) continue;
          const token = requestToken(client, pod, source.serviceAccountToken.expirationSeconds ?? 3607, source.serviceAccountToken.audience);
          if (token === undefined) return fail(`failed to fetch token: serviceaccounts "${spec.serviceAccountName ?? "default"}" not found`);
          fs.writeFileSync(`${dir}/${source.serviceAccountToken.path}`, token, { mode: 0o600 });
        }
      }
      dirs[vol.name] = { hostPath: dir, readOnly: true };
    } else {
      // Volume types with no node-side behaviour here (nfs, csi, …) mount as an empty directory.
      fs.mkdirSync(dir, { recursive: true });
      dirs[vol.name] = { hostPath: dir, readOnly: false };
    }
  }
  return { ok: true, dirs };
}

/** The kubelet asks the API for a bound service-account token, as TokenRequest projection does. */
function requestToken(client: ApiClient, pod: KubeObject, expirationSeconds: number, audience: string | undefined): string | undefined {
  const sa = (pod.spec as PodSpec).serviceAccountName ?? "default";
  const def = client.server.registry.get("", "serviceaccounts");
  if (!def?.subresources?.includes("token")) return undefined;
  const response = client.request("POST", client.path("", "serviceaccounts", pod.metadata.namespace, sa, "token"), {
    contentType: "application/json",
    body: {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { expirationSeconds, ...(audience ? { audiences: [audience] } : {}), boundObjectRef: { apiVersion: "v1", kind: "Pod", name: pod.metadata.name, uid: pod.metadata.uid } },
    },
  });
  if (response.status >= 400) return undefined;
  return (response.body as { status?: { token?: string } }).status?.token;
}

/** A container's mounts: its volumeMounts plus the files the kubelet and runtime add to every container. */
export function containerMounts(container: ContainerSpec, dirs: Record<string, { hostPath: string; readOnly: boolean }>, extra: Mount[]): Mount[] {
  const mounts: Mount[] = [...extra];
  for (const vm of container.volumeMounts ?? []) {
    const dir = dirs[vm.name];
    if (!dir) continue;
    mounts.push({ containerPath: vm.mountPath, hostPath: vm.subPath ? `${dir.hostPath}/${vm.subPath}` : dir.hostPath, readOnly: dir.readOnly || !!vm.readOnly });
  }
  return mounts;
}

export type { VolumeSpec };
