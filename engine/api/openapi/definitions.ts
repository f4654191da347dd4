import data from "./definitions.json";

/** One property or item schema, as generate-definitions.ts writes it ($ref holds a bare OpenAPI name). */
export interface PropertySchema {
  type?: string;
  format?: string;
  description?: string;
  $ref?: string;
  items?: PropertySchema;
  additionalProperties?: PropertySchema;
}

export interface DefinitionSchema {
  description?: string;
  type: string;
  format?: string;
  required?: string[];
  properties?: Record<string, PropertySchema>;
}

export type Definitions = Record<string, DefinitionSchema>;

/** Every built-in type's schema, keyed by its OpenAPI name (io.k8s.api.apps.v1.Deployment, …). */
export const DEFINITIONS = data as Definitions;

/** The OpenAPI name of a built-in kind. */
export function definitionName(group: string, version: string, kind: string): string {
  if (group === "apiextensions.k8s.io") return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${kind}`;
  if (group === "apiregistration.k8s.io") return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}.${kind}`;
  const short = group === "" ? "core" : group.replace(/\.k8s\.io$/, "").replace(/\.authorization$/, "").replace(/\.apiserver$/, "");
  return `io.k8s.api.${short}.${version}.${kind}`;
}
