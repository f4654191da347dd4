import { corePlugin } from "../../cluster/core-plugin";
import { Environment } from "../../cluster/environment";
import type { GradingContext } from "../context";
import type { ScriptRunner } from "../script-runner";
import { checkSchema, type CheckSpec } from "../schema";
import { shellUnavailable } from "../script-runner";

/**
 * A fresh default environment (controlplane, node01, node02) with only the API server's core, so
 * that these tests set the state they grade (pod phases, conditions) without controllers or
 * kubelets rewriting it; the grader reads it through the API either way.
 */
export function freshContext(runScript: ScriptRunner = shellUnavailable): GradingContext {
  const env = Environment.create(undefined, { seed: 7, plugins: [corePlugin], environmentPlugins: [] });
  // ServiceAccount admission needs a namespace's default ServiceAccount before pods can be made;
  // with no controllers running, create the one these tests use.
  env.cluster().admin.create({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace: "default" } });
  return { env, defaultCluster: "kubernetes", homeHost: "controlplane", runScript };
}

/** Parses a check written the way authors write them, so tests exercise the schema too. */
export function check(fields: Record<string, unknown>): CheckSpec {
  return checkSchema.parse({ id: "c", points: 1, description: "d", hint: "h", ...fields });
}

/**
 * A complete default environment (kubeadm files, kubeconfigs, bootstrap RBAC, controllers), for
 * checks whose state is made by programs in the shell (helm) or needs the cluster's policy.
 */
export function fullContext(runScript: ScriptRunner = shellUnavailable): GradingContext {
  return { env: Environment.create(undefined, { seed: 7 }), defaultCluster: "kubernetes", homeHost: "controlplane", runScript };
}
