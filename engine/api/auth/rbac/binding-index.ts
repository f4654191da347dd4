import type { KubeObject, UserInfo } from "../../types";
import { serviceAccountUsername, type Subject } from "./rules";

/**
 * Which (Cluster)RoleBindings name a user, found without reading every binding on every request.
 * The index is built from the store's shared list of a binding kind and kept per that list (see
 * ObjectStore.listShared): any change of the kind gives a new list and so a new index, which keeps
 * decisions exact while a learner edits RBAC.
 */
type BindingIndex = Map<string, number[]>;

const indexes = new WeakMap<readonly KubeObject[], BindingIndex>();

/** The key a subject matches under, as subjectMatches compares it: a username or a group name. */
function subjectKey(subject: Subject, namespace: string): string | undefined {
  switch (subject.kind) {
    case "User":
      return `${namespace}\nu:${subject.name}`;
    case "Group":
      return `${namespace}\ng:${subject.name}`;
    case "ServiceAccount":
      return `${namespace}\nu:${serviceAccountUsername(subject.namespace || namespace, subject.name)}`;
    default:
      return undefined;
  }
}

function indexOf(bindings: readonly KubeObject[]): BindingIndex {
  let index = indexes.get(bindings);
  if (index) return index;
  index = new Map();
  for (let i = 0; i < bindings.length; i++) {
    const binding = bindings[i];
    const namespace = binding.metadata.namespace ?? "";
    for (const subject of (binding.subjects as Subject[] | undefined) ?? []) {
      const key = subjectKey(subject, namespace);
      if (key === undefined) continue;
      const positions = index.get(key);
      if (!positions) index.set(key, [i]);
      else if (positions[positions.length - 1] !== i) positions.push(i);
    }
  }
  indexes.set(bindings, index);
  return index;
}

/**
 * The bindings (of `bindings`, all of one kind in store order) in `namespace` (cluster-wide ones:
 * undefined) with a subject that can match `user`, in store order: the only ones an authorizer
 * walking every binding would stop at.
 */
export function bindingsNaming(bindings: readonly KubeObject[], user: UserInfo, namespace: string | undefined): KubeObject[] {
  const index = indexOf(bindings);
  const prefix = `${namespace ?? ""}\n`;
  let positions = index.get(`${prefix}u:${user.username}`) ?? [];
  let merged = false;
  for (const group of user.groups) {
    const more = index.get(`${prefix}g:${group}`);
    if (!more) continue;
    positions = positions.length === 0 ? more : positions.concat(more);
    merged = true;
  }
  if (merged) positions = [...new Set(positions)].sort((a, b) => a - b);
  return positions.map((i) => bindings[i]);
}
