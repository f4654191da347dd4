import type { ApiClient } from "../api/client";
import type { KubeObject } from "../api/types";
import { controllerRef, ownerRefTo } from "./pods";

/**
 * ClaimObjects (controller_ref_manager.go): of the objects in the owner's namespace, keep those it
 * controls and still selects, adopt orphans it selects, and release those it no longer selects.
 * Adoption and release are patches of metadata.ownerReferences, as the real manager sends.
 */
export function claimObjects(
  client: ApiClient,
  owner: KubeObject,
  candidates: KubeObject[],
  selects: (obj: KubeObject) => boolean,
  resource: { group: string; resource: string },
): KubeObject[] {
  const claimed: KubeObject[] = [];
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  for (const obj of candidates) {
    const ref = controllerRef(obj);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (selects(obj)) {
        claimed.push(obj);
      } else if (!obj.metadata.deletionTimestamp && !ownerDeleting) {
        const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
        tryPatch(client, resource, obj, { metadata: { ownerReferences: refs.length > 0 ? refs : null, uid: obj.metadata.uid } });
      }
      continue;
    }
    if (!selects(obj) || obj.metadata.deletionTimestamp || ownerDeleting) continue;
    const adopted = tryPatch(client, resource, obj, {
      metadata: { ownerReferences: [...(obj.metadata.ownerReferences ?? []), ownerRefTo(owner)], uid: obj.metadata.uid },
    });
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function tryPatch(client: ApiClient, r: { group: string; resource: string }, obj: KubeObject, patch: unknown): KubeObject | undefined {
  try {
    return client.patch(r.group, r.resource, obj.metadata.namespace, obj.metadata.name!, patch);
  } catch {
    return undefined;
  }
}
