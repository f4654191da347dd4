/* eslint-disable @typescript-eslint/no-explicit-any */
import { applyStrategicMergePatch } from "../../../api/patch/strategic";
import type { KubeObject } from "../../../api/types";
import type { CommandContext } from "../../cli/command";
import { resourcePath } from "../../client/discovery";
import { check } from "../../client/rest";
import type { Info } from "../../resource/infos";
import { selectorString } from "../describe/describers";
import { podTemplateText } from "../describe/pod-template";
import { tabbed } from "../../printers/tabwriter";

/**
 * Revision history of deployments (their ReplicaSets, numbered by the revision annotation) and of
 * daemon sets and stateful sets (their ControllerRevisions), as kubectl's history viewers read it.
 */
export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const CHANGE_CAUSE_ANNOTATION = "kubernetes.io/change-cause";

type Any = any;

function listOwned(c: CommandContext, resource: string, owner: KubeObject): KubeObject[] {
  const mapping = c.factory.discovery().resolve(resource);
  const selector = selectorString((owner as Any).spec?.selector).replace(/^<none>$/, "");
  const list = check(c.factory.rest().request({ method: "GET", path: resourcePath(mapping, owner.metadata.namespace), query: { labelSelector: selector || undefined } })) as { items?: KubeObject[] };
  return (list.items ?? [])
    .filter((o) => o.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid))
    .map((o) => ({ ...o, apiVersion: "apps/v1", kind: mapping.kind }) as KubeObject);
}

/** A deployment's ReplicaSets by revision number. */
export function deploymentRevisions(c: CommandContext, deployment: KubeObject): Map<number, KubeObject> {
  const byRevision = new Map<number, KubeObject>();
  for (const rs of listOwned(c, "replicasets.apps", deployment)) {
    const v = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
    if (!Number.isInteger(v) || rs.metadata.annotations?.[REVISION_ANNOTATION] === undefined) continue;
    byRevision.set(v, rs);
  }
  return byRevision;
}

/** A daemon set's or stateful set's ControllerRevisions by revision number. */
export function controllerRevisions(c: CommandContext, owner: KubeObject): Map<number, KubeObject> {
  const byRevision = new Map<number, KubeObject>();
  for (const r of listOwned(c, "controllerrevisions.apps", owner)) byRevision.set(Number((r as Any).revision), r);
  return byRevision;
}

/** The owner as it was at a revision: its ControllerRevision's patch applied to it. */
export function atRevision(owner: KubeObject, revision: KubeObject): KubeObject {
  return applyStrategicMergePatch(JSON.parse(JSON.stringify(owner)), (revision as Any).data ?? {}, String(owner.kind)) as KubeObject;
}

function sorted(m: Map<number, unknown>): number[] {
  return [...m.keys()].sort((a, b) => a - b);
}

/** kubectl's tabbedString (padding 2). */
function table(header: string, rows: string[]): string {
  return tabbed([header, ...rows].map((r) => r + "\n").join(""));
}

/** What `rollout history` prints for one object (without its name line), or throws kubectl's error. */
export function historyText(c: CommandContext, info: Info, revision: number): string {
  const kind = `${info.mapping.group}/${info.mapping.kind}`;
  if (kind === "apps/Deployment") {
    const revisions = deploymentRevisions(c, info.object);
    if (revisions.size === 0) return "No rollout history found.";
    if (revision > 0) {
      const rs = revisions.get(revision);
      if (!rs) throw new Error("unable to find the specified revision");
      return podTemplateText(withChangeCause((rs as Any).spec?.template, rs));
    }
    return table("REVISION\tCHANGE-CAUSE", sorted(revisions).map((r) => `${r}\t${revisions.get(r)!.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || "<none>"}`));
  }
  if (kind === "apps/DaemonSet" || kind === "apps/StatefulSet") {
    const revisions = controllerRevisions(c, info.object);
    if (revisions.size === 0) return "No rollout history found.";
    if (revision > 0) {
      const r = revisions.get(revision);
      if (!r) throw new Error("unable to find the specified revision");
      return podTemplateText((atRevision(info.object, r) as Any).spec?.template);
    }
    return table("REVISION\tCHANGE-CAUSE", sorted(revisions).map((r) => `${r}\t${revisions.get(r)!.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] || "<none>"}`));
  }
  throw noVisitor("history", info);
}

/** kubectl's GroupKindElement visitor refusing kinds without rollout support. */
export function noVisitor(what: "history" | "rollbacker", info: Info): Error {
  const groupKind = info.mapping.group ? `${info.mapping.kind}.${info.mapping.group}` : info.mapping.kind;
  return new Error(`error retrieving ${what} for "${groupKind}", no visitor method exists for {${info.mapping.group} ${info.mapping.kind}}`);
}

/** The objects `rollout history -o …` prints: ReplicaSets, or the owner at each revision. */
export function historyObjects(c: CommandContext, info: Info, revision: number): KubeObject[] {
  const kind = `${info.mapping.group}/${info.mapping.kind}`;
  let byRevision: Map<number, KubeObject>;
  if (kind === "apps/Deployment") byRevision = deploymentRevisions(c, info.object);
  else if (kind === "apps/DaemonSet" || kind === "apps/StatefulSet") {
    byRevision = new Map([...controllerRevisions(c, info.object)].map(([r, rev]) => [r, atRevision(info.object, rev)]));
  } else throw noVisitor("history", info);
  if (revision > 0) {
    const one = byRevision.get(revision);
    if (!one) throw new Error(`unable to find the specified revision`);
    return [one];
  }
  return sorted(byRevision).map((r) => byRevision.get(r)!);
}

function withChangeCause(template: Any, rs: KubeObject): Any {
  const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
  if (!cause) return template;
  return { ...template, metadata: { ...(template?.metadata ?? {}), annotations: { ...(template?.metadata?.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: cause } } };
}
