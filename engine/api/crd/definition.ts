import { invalid, type FieldError } from "../errors";
import { STANDARD_VERBS, type ResourceDefinition, type VersionConversion } from "../resource";
import type { KubeObject } from "../types";
import { customResourcePrinter, type PrinterColumn } from "./printer";
import { applyDefaults, prune, validateValue, type JSONSchemaProps } from "./structural-schema";

export const CRD_GROUP = "apiextensions.k8s.io";
export const CRD_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  subresources?: { status?: object; scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string } };
  additionalPrinterColumns?: PrinterColumn[];
}

export interface CrdSpec {
  group: string;
  scope: "Namespaced" | "Cluster";
  names: { plural: string; singular?: string; kind: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  versions: CrdVersion[];
}

export interface CustomResourceDefinition extends KubeObject {
  spec: CrdSpec;
}

/** A served custom resource type, with the schema strict field validation checks bodies against. */
export interface CustomResourceType extends ResourceDefinition {
  crdSchema?: JSONSchemaProps;
  crdName: string;
}

const pathOf = (jsonPath: string) => jsonPath.replace(/^\./, "").split(".");

/** A version other than the storage one: with conversion strategy None only apiVersion changes. */
function noneConversion(group: string, from: string, storage: string): VersionConversion {
  const retag = (version: string) => (obj: KubeObject): KubeObject => ({ ...obj, apiVersion: `${group}/${version}` });
  return { version: from, toStorage: retag(storage), fromStorage: retag(from) };
}

/** The registry entry a CRD serves (storage version first, other served versions convertible). */
export function resourceDefinitionFor(crd: CustomResourceDefinition): CustomResourceType | undefined {
  const { spec } = crd;
  const served = spec.versions.filter((v) => v.served);
  const storage = spec.versions.find((v) => v.storage) ?? served[0];
  if (!storage || served.length === 0) return undefined;
  const schema = storage.schema?.openAPIV3Schema;
  const scale = storage.subresources?.scale;
  const kind = spec.names.kind;
  return {
    group: spec.group,
    version: storage.name,
    otherVersions: served.filter((v) => v.name !== storage.name).map((v) => noneConversion(spec.group, v.name, storage.name)),
    resource: spec.names.plural,
    kind,
    singular: spec.names.singular ?? kind.toLowerCase(),
    namespaced: spec.scope === "Namespaced",
    ...(spec.names.shortNames?.length ? { shortNames: spec.names.shortNames } : {}),
    ...(spec.names.categories?.length ? { categories: spec.names.categories } : {}),
    verbs: STANDARD_VERBS,
    subresources: [...(storage.subresources?.scale ? ["scale"] : []), ...(storage.subresources?.status ? ["status"] : [])],
    ...(scale
      ? { scale: { specReplicasPath: pathOf(scale.specReplicasPath), statusReplicasPath: pathOf(scale.statusReplicasPath), ...(scale.labelSelectorPath ? { labelSelectorPath: pathOf(scale.labelSelectorPath) } : {}) } }
      : {}),
    printer: customResourcePrinter(storage.additionalPrinterColumns),
    custom: true,
    crdName: crd.metadata.name!,
    ...(schema ? { crdSchema: schema } : {}),
    strategy: {
      defaults(obj) {
        if (!schema) return;
        // Pruning and defaulting, as the apiextensions decoder does before anything else sees the object.
        const cleaned = applyDefaults(prune(obj, schema, "", [], true), schema) as KubeObject;
        for (const key of Object.keys(obj)) delete (obj as Record<string, unknown>)[key];
        Object.assign(obj, cleaned);
      },
      validate(obj) {
        if (!schema) return [];
        const errors: FieldError[] = [];
        validateValue(obj, schema, "", errors);
        return errors;
      },
    },
  };
}

/** Unknown-field paths of a custom resource body (for `fieldValidation=Strict|Warn`). */
export function customUnknownFields(def: ResourceDefinition, body: unknown): string[] {
  const schema = (def as CustomResourceType).crdSchema;
  if (!schema) return [];
  const pruned: string[] = [];
  prune(body, schema, "", pruned, true);
  return pruned;
}

/** The checks the apiextensions strategy makes on a CRD before it is stored. */
export function validateCrd(crd: CustomResourceDefinition): void {
  const errors: FieldError[] = [];
  const spec = crd.spec ?? ({} as CrdSpec);
  const name = crd.metadata.name ?? "";
  if (!spec.group) errors.push({ type: "FieldValueRequired", field: "spec.group", detail: "" });
  if (!spec.names?.plural) errors.push({ type: "FieldValueRequired", field: "spec.names.plural", detail: "" });
  if (!spec.names?.kind) errors.push({ type: "FieldValueRequired", field: "spec.names.kind", detail: "" });
  if (spec.group && spec.names?.plural && name !== `${spec.names.plural}.${spec.group}`) {
    errors.push({ type: "FieldValueInvalid", field: "metadata.name", value: name, detail: 'must be spec.names.plural+"."+spec.group' });
  }
  if (spec.scope !== "Namespaced" && spec.scope !== "Cluster") {
    errors.push({ type: "FieldValueNotSupported", field: "spec.scope", value: spec.scope ?? "", allowed: ["Cluster", "Namespaced"] });
  }
  const versions = spec.versions ?? [];
  if (versions.length === 0) errors.push({ type: "FieldValueRequired", field: "spec.versions", detail: "must have exactly one version marked as storage version" });
  else if (versions.filter((v) => v.storage).length !== 1) {
    errors.push({ type: "FieldValueInvalid", field: "spec.versions", value: versions, detail: "must have exactly one version marked as storage version" });
  }
  versions.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema) errors.push({ type: "FieldValueRequired", field: `spec.versions[${i}].schema.openAPIV3Schema`, detail: "schemas are required" });
  });
  if (errors.length > 0) throw invalid("CustomResourceDefinition", CRD_GROUP, name, errors);
}
