import type { Pod, SecretProjection, ConfigMapProjection } from "kubernetes-types/core/v1";
import { clusterOf } from "../context";
import { fail, pass } from "../checks/outcome";
import { registerCustomCheck, stringParam } from "./registry";

/** The kubelet's default for projected and secret files: 0644. */
const DEFAULT_MODE = 0o644;

/**
 * The mode a key of a Secret or ConfigMap gets in a projected volume, as the kubelet writes it: the
 * item's own `mode`, else the volume's `defaultMode`, else 0644. Learners set either one; both give
 * the file the same mode.
 */
registerCustomCheck("projected-file-mode", {
  summary: "params: namespace, pod, volume, source (secret|configMap), name, key, mode (a number: 256 for 0400) — the file that key becomes has that mode",
  run(ctx, params, clusterName) {
    const namespace = stringParam(params, "namespace", "default");
    const podName = stringParam(params, "pod");
    const volumeName = stringParam(params, "volume");
    const source = stringParam(params, "source");
    const name = stringParam(params, "name");
    const key = stringParam(params, "key");
    const mode = params.mode;
    if (typeof mode !== "number") throw new Error('custom check parameter "mode" must be a number (256 for 0400)');
    const pod = clusterOf(ctx, clusterName).admin.get("", "pods", namespace, podName) as Pod | undefined;
    if (!pod) return fail(`pod "${podName}" in namespace "${namespace}" was not found`);
    const projected = (pod.spec?.volumes ?? []).find((v) => v.name === volumeName)?.projected;
    if (!projected) return fail(`pod "${podName}" has no projected volume "${volumeName}"`);
    for (const s of projected.sources ?? []) {
      const projection = (source === "secret" ? s.secret : s.configMap) as SecretProjection | ConfigMapProjection | undefined;
      if (!projection || projection.name !== name) continue;
      const items = projection.items;
      const item = items?.find((i) => i.key === key);
      if (items && items.length > 0 && !item) continue;
      const actual = item?.mode ?? projected.defaultMode ?? DEFAULT_MODE;
      if (actual !== mode) return fail(`key "${key}" is projected with mode 0${actual.toString(8)}; expected 0${mode.toString(8)}`);
      return pass;
    }
    return fail(`projected volume "${volumeName}" of pod "${podName}" has no ${source} "${name}" source with the key "${key}"`);
  },
});
