import { Environment } from "./cluster/environment";
import { SYSTEM_MASTER } from "./api/types";
import { KUBERNETES_GIT_VERSION } from "./version";

/**
 * A real smoke test of the engine for /healthz: build a throwaway environment and ask its API
 * server for the default namespace. Cheap (milliseconds) and touches every core layer.
 */
export function engineHealth(): { ok: boolean; version: string; reason?: string } {
  try {
    const env = Environment.create(undefined, { seed: 1 });
    const ns = env.cluster().clientFor(SYSTEM_MASTER).get("", "namespaces", undefined, "default");
    return ns ? { ok: true, version: KUBERNETES_GIT_VERSION } : { ok: false, version: KUBERNETES_GIT_VERSION, reason: "default namespace missing" };
  } catch (e) {
    return { ok: false, version: KUBERNETES_GIT_VERSION, reason: e instanceof Error ? e.message : String(e) };
  }
}
