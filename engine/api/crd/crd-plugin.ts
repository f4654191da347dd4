import type { Cluster, ClusterPlugin } from "../../cluster/cluster";
import type { ControllerFactory } from "../../controllers/controller";
import { setOpenApiExtraSchemas } from "../openapi/openapi-plugin";
import type { KubeObject } from "../types";
import { CRD_FINALIZER, CRD_GROUP, resourceDefinitionFor, validateCrd, type CrdSpec, type CustomResourceDefinition, type CustomResourceType } from "./definition";
import { crdOpenApiSchemas } from "./openapi";

const CRDS = "customresourcedefinitions";

/**
 * CustomResourceDefinitions: a CRD's resources are served as soon as it is stored (the
 * controller runs before the create request returns), its status reports NamesAccepted and
 * Established, its schema validates and prunes custom resources, and deleting it first deletes
 * every custom resource it served (the customresourcecleanup finalizer).
 */
export const crdPlugin: ClusterPlugin = {
  name: "customresourcedefinitions",
  install(cluster) {
    cluster.apiserver.admission.push({
      name: "CustomResourceDefinitionValidation",
      mutate(attrs) {
        if (attrs.def.group !== CRD_GROUP || attrs.def.resource !== CRDS || !attrs.object || attrs.subresource) return;
        const crd = attrs.object as CustomResourceDefinition;
        const names = crd.spec?.names;
        if (names?.kind) {
          names.singular ??= names.kind.toLowerCase();
          names.listKind ??= `${names.kind}List`;
        }
        if (crd.spec) (crd.spec as unknown as Record<string, unknown>).conversion ??= { strategy: "None" };
      },
      validate(attrs) {
        if (attrs.def.group !== CRD_GROUP || attrs.def.resource !== CRDS || !attrs.object || attrs.subresource) return;
        validateCrd(attrs.object as CustomResourceDefinition);
      },
    });
    cluster.addController("apiextensions-crd-controller", crdController(cluster));
    setOpenApiExtraSchemas(cluster, () => crdOpenApiSchemas(cluster.registry.all().filter((d) => d.custom) as CustomResourceType[]));
  },
};

function crdController(cluster: Cluster): ControllerFactory {
  return ({ client, clock, requeueAfter }) => {
    const servedTypes = new Map<string, { group: string; resource: string }>();
    const unregister = (name: string) => {
      const entry = servedTypes.get(name);
      if (entry && cluster.registry.get(entry.group, entry.resource)) cluster.registry.unregister(entry.group, entry.resource);
      servedTypes.delete(name);
    };
    const serve = (name: string, served: ReturnType<typeof servedDefinition>) => {
      if (!served) return unregister(name);
      const previous = servedTypes.get(name);
      if (previous && (previous.group !== served.group || previous.resource !== served.resource)) unregister(name);
      cluster.registry.register(served);
      servedTypes.set(name, { group: served.group, resource: served.resource });
    };
    return {
      name: "apiextensions-crd-controller",
      watches: [`${CRD_GROUP}/${CRDS}`],
      // A CRD that changes or goes may free or take names: the others of its group look again.
      keysFor: (event) => [
        event.object.metadata.name!,
        ...client
          .list(CRD_GROUP, CRDS)
          .filter((c) => c.metadata.name !== event.object.metadata.name && (c as CustomResourceDefinition).spec?.group === (event.object as CustomResourceDefinition).spec?.group)
          .map((c) => c.metadata.name!),
      ],
      // What is served lives only in the registry, so a restore rebuilds it here from the stored
      // statuses (a CRD being deleted stays served until its last resource is gone): a copy of a
      // template at rest, which reconciles nothing, serves its CRDs at once.
      resync: () => {
        const crds = client.list(CRD_GROUP, CRDS) as CustomResourceDefinition[];
        for (const crd of crds) serve(crd.metadata.name!, servedDefinition(crd));
        return crds.map((c) => c.metadata.name!);
      },
      reconcile(name) {
        const crd = client.get(CRD_GROUP, CRDS, undefined, name) as CustomResourceDefinition | undefined;
        if (!crd) {
          unregister(name);
          return;
        }
        const def = resourceDefinitionFor(crd);
        if (crd.metadata.deletionTimestamp) {
          // Delete every custom resource first; the CRD goes once its finalizer is removed.
          if (def) {
            for (const obj of cluster.store.list(`${def.group}/${def.resource}`)) {
              client.delete(def.group, def.resource, obj.metadata.namespace, obj.metadata.name!);
            }
            if (cluster.store.list(`${def.group}/${def.resource}`).length > 0) {
              // Some still have finalizers of their own; look again once they had time to go.
              requeueAfter(name, 1000);
              return;
            }
          }
          unregister(name);
          const finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== CRD_FINALIZER);
          if (finalizers.length !== (crd.metadata.finalizers ?? []).length) {
            client.update({ ...crd, metadata: { ...crd.metadata, finalizers } });
          }
          return;
        }
        if (!(crd.metadata.finalizers ?? []).includes(CRD_FINALIZER)) {
          client.update({ ...crd, metadata: { ...crd.metadata, finalizers: [...(crd.metadata.finalizers ?? []), CRD_FINALIZER] } });
          return; // the update brings this CRD back through the queue
        }
        const others = (client.list(CRD_GROUP, CRDS) as CustomResourceDefinition[]).filter((c) => c.metadata.name !== name && c.spec?.group === crd.spec.group);
        const status = crdStatus(crd, others, clock.nowRfc3339());
        if (JSON.stringify(status) !== JSON.stringify(crd.status)) {
          client.update({ ...crd, status } as KubeObject, "status");
          return; // the status update brings this CRD back through the queue, to be served
        }
        serve(name, servedDefinition(crd));
      },
    };
  };
}

type Names = CrdSpec["names"];
interface Condition {
  lastTransitionTime: string;
  message: string;
  reason: string;
  status: string;
  type: string;
}
interface CrdStatus {
  acceptedNames?: Partial<Names>;
  conditions?: Condition[];
  storedVersions?: string[];
}

/** The requested names with the defaults the strategy fills (singular, listKind). */
function requestedNames(crd: CustomResourceDefinition): Names {
  const names = crd.spec.names;
  return { ...names, singular: names.singular ?? names.kind.toLowerCase(), listKind: names.listKind ?? `${names.kind}List` };
}

/** A name is fine if this CRD already holds it or no other CRD of the group does (equalToAcceptedOrFresh). */
function nameProblem(requested: string | undefined, accepted: string | undefined, used: Set<string>): string | undefined {
  if (requested === accepted || requested === undefined || !used.has(requested)) return undefined;
  return `"${requested}" is already in use`;
}

/**
 * The naming controller: each requested name is accepted unless another CRD of the same group
 * already holds it (resource names, singulars and short names share one space, kinds and list
 * kinds another). A conflict leaves the name out of acceptedNames and sets NamesAccepted=False
 * with the reason of the last conflicting name; the CRD is Established (served) only once its
 * names are accepted, and stays so when a later spec change conflicts.
 */
function crdStatus(crd: CustomResourceDefinition, others: CustomResourceDefinition[], now: string): CrdStatus {
  const previous = (crd.status ?? {}) as CrdStatus;
  const accepted = previous.acceptedNames ?? {};
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const other of others) {
    const names = (other.status as CrdStatus | undefined)?.acceptedNames ?? {};
    for (const n of [names.plural, names.singular, ...(names.shortNames ?? [])]) if (n) resources.add(n);
    for (const n of [names.kind, names.listKind]) if (n) kinds.add(n);
  }
  const requested = requestedNames(crd);
  const next: Partial<Names> = { ...accepted };
  let conflict: { reason: string; message: string } | undefined;
  const check = (field: "plural" | "singular" | "kind" | "listKind", reason: string, used: Set<string>) => {
    const problem = nameProblem(requested[field], accepted[field], used);
    if (problem) conflict = { reason, message: problem };
    else next[field] = requested[field];
  };
  check("plural", "PluralConflict", resources);
  check("singular", "SingularConflict", resources);
  if (JSON.stringify(requested.shortNames) !== JSON.stringify(accepted.shortNames)) {
    const held = new Set(accepted.shortNames ?? []);
    const problems = (requested.shortNames ?? [])
      .filter((n) => !held.has(n) && n !== accepted.plural && n !== accepted.singular)
      .map((n) => nameProblem(n, "", resources))
      .filter((p): p is string => p !== undefined);
    // utilerrors.NewAggregate: one error as itself, several in brackets.
    if (problems.length > 0) conflict = { reason: "ShortNamesConflict", message: problems.length === 1 ? problems[0] : `[${problems.join(", ")}]` };
    else next.shortNames = requested.shortNames;
  }
  check("kind", "KindConflict", kinds);
  check("listKind", "ListKindConflict", kinds);
  next.categories = requested.categories;

  const condition = (type: string, status: string, reason: string, message: string): Condition => {
    const before = previous.conditions?.find((c) => c.type === type);
    return { lastTransitionTime: before && before.status === status ? before.lastTransitionTime : now, message, reason, status, type };
  };
  const namesAccepted = conflict
    ? condition("NamesAccepted", "False", conflict.reason, conflict.message)
    : condition("NamesAccepted", "True", "NoConflicts", "no conflicts found");
  const wasEstablished = previous.conditions?.find((c) => c.type === "Established" && c.status === "True");
  const established = wasEstablished
    ? wasEstablished
    : conflict
      ? condition("Established", "False", "NotAccepted", "not all names are accepted")
      : condition("Established", "True", "InitialNamesAccepted", "the initial names have been accepted");

  const storage = crd.spec.versions.find((v) => v.storage)?.name;
  const stored = [...(previous.storedVersions ?? [])];
  if (storage && !stored.includes(storage)) stored.push(storage);
  return { acceptedNames: orderedNames(next), conditions: [namesAccepted, established], storedVersions: stored };
}

/** acceptedNames in the field order the API writes them, empty fields left out. */
function orderedNames(names: Partial<Names>): Partial<Names> {
  return {
    ...(names.kind ? { kind: names.kind } : {}),
    ...(names.listKind ? { listKind: names.listKind } : {}),
    ...(names.plural ? { plural: names.plural } : {}),
    ...(names.shortNames?.length ? { shortNames: names.shortNames } : {}),
    ...(names.categories?.length ? { categories: names.categories } : {}),
    ...(names.singular ? { singular: names.singular } : {}),
  };
}

/** What the CRD serves: its accepted names (a later conflicting spec change does not move it), once Established. */
export function servedDefinition(crd: CustomResourceDefinition) {
  const status = crd.status as CrdStatus | undefined;
  if (!status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) return undefined;
  const names = { ...crd.spec.names, ...(status.acceptedNames ?? {}) } as Names;
  return resourceDefinitionFor({ ...crd, spec: { ...crd.spec, names } });
}
