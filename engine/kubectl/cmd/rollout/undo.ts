/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { templateRevisionData } from "../../../util/revision-data";
import { deepEqual } from "../../../util/json";
import type { CommandContext } from "../../cli/command";
import { resourcePath } from "../../client/discovery";
import { check, PATCH_TYPES } from "../../client/rest";
import type { Info } from "../../resource/infos";
import { podTemplateText } from "../describe/pod-template";
import type { DryRun } from "../options";
import { atRevision, controllerRevisions, noVisitor, deploymentRevisions, REVISION_ANNOTATION } from "./history";

/**
 * kubectl's rollbackers. A deployment gets its old ReplicaSet's template back through a JSON patch
 * of spec.template and metadata.annotations (the client-side template restore kubectl does since
 * the server's rollback endpoint went away); daemon sets and stateful sets get their
 * ControllerRevision's strategic patch. Returns the operation text kubectl prints after the name.
 */
type Any = any;

const HASH_LABEL = "pod-template-hash";

/** Deployment annotations kept from the deployment rather than copied from the ReplicaSet. */
const KEPT_ANNOTATIONS = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION_ANNOTATION,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

function notFound(revision: number): Error {
  return new Error(`unable to find specified revision ${revision} in history`);
}

function withoutHash(template: Any): Any {
  const copy = JSON.parse(JSON.stringify(template ?? {}));
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[HASH_LABEL];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

function rollbackDeployment(c: CommandContext, info: Info, toRevision: number, dryRun: DryRun): string {
  const rest = c.factory.rest();
  const deployment = check(rest.request({ method: "GET", path: resourcePath(info.mapping, info.namespace, info.name) })) as Any;
  const revisions = deploymentRevisions(c, deployment);
  let target: KubeObject | undefined;
  if (toRevision > 0) {
    target = revisions.get(toRevision);
    if (!target) throw notFound(toRevision);
  } else {
    const numbers = [...revisions.keys()].sort((a, b) => b - a);
    if (numbers.length < 2) throw new Error(`no rollout history found for deployment "${info.name}"`);
    target = revisions.get(numbers[1]);
  }
  const template = (target as Any).spec?.template;
  if (dryRun === "client") return podTemplateText(template);
  if (deployment.spec?.paused) throw new Error("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
  if (deepEqual(withoutHash(template), withoutHash(deployment.spec?.template))) return `skipped rollback (current template already matches revision ${toRevision})`;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries((deployment.metadata.annotations ?? {}) as Record<string, string>)) if (KEPT_ANNOTATIONS.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(target!.metadata.annotations ?? {})) if (!KEPT_ANNOTATIONS.has(k)) annotations[k] = v;
  const restored = JSON.parse(JSON.stringify(template ?? {}));
  if (restored.metadata?.labels) delete restored.metadata.labels[HASH_LABEL];
  const patch = [
    { op: "replace", path: "/spec/template", value: restored },
    { op: "replace", path: "/metadata/annotations", value: annotations },
  ];
  const response = rest.request({
    method: "PATCH",
    path: resourcePath(info.mapping, info.namespace, info.name),
    query: { dryRun: dryRun === "server" ? "All" : undefined },
    body: patch,
    headers: { "content-type": PATCH_TYPES.json },
  });
  try {
    check(response);
  } catch (e) {
    throw new Error(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return "rolled back";
}

function rollbackFromHistory(c: CommandContext, info: Info, toRevision: number, dryRun: DryRun): string {
  const rest = c.factory.rest();
  const owner = check(rest.request({ method: "GET", path: resourcePath(info.mapping, info.namespace, info.name) })) as Any;
  const revisions = controllerRevisions(c, owner);
  if (toRevision === 0 && revisions.size <= 1) throw new Error("no last revision to roll back to");
  const numbers = [...revisions.keys()].sort((a, b) => a - b);
  const history = toRevision === 0 ? revisions.get(numbers[numbers.length - 2]) : revisions.get(toRevision);
  if (!history) throw notFound(toRevision);
  if (dryRun === "client") return `will roll back to ${podTemplateText((atRevision(owner, history) as Any).spec?.template)}`;
  const current = templateRevisionData(owner.spec?.template);
  if (deepEqual(current, (history as Any).data)) return `skipped rollback (current template already matches revision ${toRevision})`;
  try {
    check(
      rest.request({
        method: "PATCH",
        path: resourcePath(info.mapping, info.namespace, info.name),
        query: { dryRun: dryRun === "server" ? "All" : undefined },
        body: (history as Any).data,
        headers: { "content-type": PATCH_TYPES.strategic },
      }),
    );
  } catch (e) {
    throw new Error(`failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return "rolled back";
}

export function rollback(c: CommandContext, info: Info, toRevision: number, dryRun: DryRun): string {
  if (toRevision < 0) throw notFound(toRevision);
  const kind = `${info.mapping.group}/${info.mapping.kind}`;
  if (kind === "apps/Deployment") return rollbackDeployment(c, info, toRevision, dryRun);
  if (kind === "apps/DaemonSet" || kind === "apps/StatefulSet") return rollbackFromHistory(c, info, toRevision, dryRun);
  throw noVisitor("rollbacker", info);
}
