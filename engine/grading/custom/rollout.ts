import type { KubeObject } from "../../api/types";
import { clusterOf } from "../context";
import { fail, pass } from "../checks/outcome";
import { registerCustomCheck, stringParam } from "./registry";

const REVISION = "deployment.kubernetes.io/revision";

function ownedReplicaSets(items: KubeObject[], deployment: KubeObject): KubeObject[] {
  return items.filter((rs) => (rs.metadata.ownerReferences ?? []).some((o) => o.kind === "Deployment" && o.uid === deployment.metadata.uid));
}

function templateImages(obj: KubeObject): string[] {
  const spec = (obj.spec ?? {}) as { template?: { spec?: { containers?: { image?: string }[] } } };
  return (spec.template?.spec?.containers ?? []).map((c) => c.image ?? "");
}

/**
 * The Deployment went back to an earlier revision through its history: the ReplicaSet that now
 * carries the Deployment's current revision is one that existed before (so it was reused, as
 * `kubectl rollout undo` does), and its pod template has the images of that earlier revision.
 */
registerCustomCheck("deployment-rolled-back", {
  summary: "params: namespace, name, image (the image the rollback must restore)",
  run(ctx, params, clusterName) {
    const namespace = stringParam(params, "namespace", "default");
    const name = stringParam(params, "name");
    const image = stringParam(params, "image");
    const cluster = clusterOf(ctx, clusterName);
    const deployment = cluster.admin.get("apps", "deployments", namespace, name);
    if (!deployment) return fail(`deployment "${name}" in namespace "${namespace}" was not found`);
    const images = templateImages(deployment);
    if (!images.includes(image)) return fail(`deployment "${name}" runs ${images.join(", ") || "no image"}, not ${image}`);
    const current = deployment.metadata.annotations?.[REVISION];
    const sets = ownedReplicaSets(cluster.admin.list("apps", "replicasets", namespace), deployment);
    const active = sets.find((rs) => rs.metadata.annotations?.[REVISION] === current);
    if (!active) return fail(`no ReplicaSet of deployment "${name}" carries its current revision ${current ?? "(none)"}`);
    if (!active.metadata.annotations?.["deployment.kubernetes.io/revision-history"]) {
      return fail(`deployment "${name}" is at revision ${current}, made by a new rollout rather than by returning to an earlier revision`);
    }
    return pass;
  },
});
