import type { PodTemplateSpec } from "kubernetes-types/core/v1";
import type { ApiClient } from "../api/client";
import { ApiError } from "../api/errors";
import type { KubeObject } from "../api/types";
import { deepEqual } from "../util/json";
import { templateRevisionData } from "../util/revision-data";
import { computeHash } from "./deployment/util";
import { controllerRef, ownerRefTo } from "./pods";

export const REVISION_HASH_LABEL = "controller-revision-hash";


export function revisionsOf(client: ApiClient, owner: KubeObject): KubeObject[] {
  return client.server.store
    .list("apps/controllerrevisions", owner.metadata.namespace)
    .filter((r) => controllerRef(r)?.uid === owner.metadata.uid)
    .sort((a, b) => (a.revision as number) - (b.revision as number));
}

/**
 * The ControllerRevision for the owner's current template (creating it, or raising an old one's
 * revision number when the template returns to it): named `<owner>-<hash>`.
 */
export function currentRevision(client: ApiClient, owner: KubeObject, template: PodTemplateSpec | undefined): { name: string; hash: string; revision: number } {
  const existing = revisionsOf(client, owner);
  const data = templateRevisionData(template);
  const max = Math.max(0, ...existing.map((r) => r.revision as number));
  const match = existing.find((r) => deepEqual(r.data, data));
  if (match) {
    if ((match.revision as number) !== max) {
      try {
        client.patch("apps", "controllerrevisions", owner.metadata.namespace, match.metadata.name!, { revision: max + 1 });
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
      return { name: match.metadata.name!, hash: match.metadata.labels![REVISION_HASH_LABEL], revision: max + 1 };
    }
    return { name: match.metadata.name!, hash: match.metadata.labels![REVISION_HASH_LABEL], revision: max };
  }
  const hash = computeHash(template);
  const name = `${owner.metadata.name}-${hash}`;
  client.create({
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: { name, namespace: owner.metadata.namespace, labels: { ...(template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash }, ownerReferences: [ownerRefTo(owner)] },
    data,
    revision: max + 1,
  });
  return { name, hash, revision: max + 1 };
}

/** Drops the oldest revisions no pod uses beyond revisionHistoryLimit. */
export function pruneRevisions(client: ApiClient, owner: KubeObject, live: Set<string>, limit: number): void {
  const unused = revisionsOf(client, owner).filter((r) => !live.has(r.metadata.name!));
  for (const r of unused.slice(0, Math.max(0, unused.length - limit))) client.delete("apps", "controllerrevisions", r.metadata.namespace, r.metadata.name!);
}
