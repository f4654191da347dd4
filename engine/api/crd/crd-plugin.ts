import type { Cluster, ClusterPlugin } from "../../cluster/cluster";
import type { ControllerFactory } from "../../controllers/controller";
import { setOpenApiExtraSchemas } from "../openapi/openapi-plugin";
import type { KubeObject } from "../types";
import { CRD_FINALIZER, CRD_GROUP, resourceDefinitionFor, validateCrd, type CustomResourceDefinition, type CustomResourceType } from "./definition";
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
    const served = new Map<string, { group: string; resource: string }>();
    const unregister = (name: string) => {
      const entry = served.get(name);
      if (entry && cluster.registry.get(entry.group, entry.resource)) cluster.registry.unregister(entry.group, entry.resource);
      served.delete(name);
    };
    return {
      name: "apiextensions-crd-controller",
      watches: [`${CRD_GROUP}/${CRDS}`],
      resync: () => client.list(CRD_GROUP, CRDS).map((c) => c.metadata.name!),
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
        if (def) {
          const previous = served.get(name);
          if (previous && (previous.group !== def.group || previous.resource !== def.resource)) unregister(name);
          cluster.registry.register(def);
          served.set(name, { group: def.group, resource: def.resource });
        }
        const status = crdStatus(crd, clock.nowRfc3339());
        if (JSON.stringify(status) !== JSON.stringify(crd.status)) {
          client.update({ ...crd, status } as KubeObject, "status");
        }
      },
    };
  };
}

/** NamesAccepted and Established as the naming and establishing controllers set them. */
function crdStatus(crd: CustomResourceDefinition, now: string): Record<string, unknown> {
  const previous = (crd.status ?? {}) as { conditions?: { type: string; lastTransitionTime: string }[]; storedVersions?: string[] };
  const since = (type: string) => previous.conditions?.find((c) => c.type === type)?.lastTransitionTime ?? now;
  const names = crd.spec.names;
  const storage = crd.spec.versions.find((v) => v.storage)?.name;
  const stored = [...(previous.storedVersions ?? [])];
  if (storage && !stored.includes(storage)) stored.push(storage);
  return {
    acceptedNames: {
      kind: names.kind,
      listKind: names.listKind ?? `${names.kind}List`,
      plural: names.plural,
      ...(names.shortNames?.length ? { shortNames: names.shortNames } : {}),
      ...(names.categories?.length ? { categories: names.categories } : {}),
      singular: names.singular ?? names.kind.toLowerCase(),
    },
    conditions: [
      { lastTransitionTime: since("NamesAccepted"), message: "no conflicts found", reason: "NoConflicts", status: "True", type: "NamesAccepted" },
      { lastTransitionTime: since("Established"), message: "the initial names have been accepted", reason: "InitialNamesAccepted", status: "True", type: "Established" },
    ],
    storedVersions: stored,
  };
}
