import type { ResourceStrategy } from "../resource";

/** Namespaces: the `kubernetes` finalizer, phase Active, and the immutable metadata.name label. */
export const namespaceStrategy: ResourceStrategy = {
  defaults(obj) {
    const spec = (obj.spec ?? {}) as { finalizers?: string[] };
    if (!spec.finalizers) spec.finalizers = ["kubernetes"];
    obj.spec = spec;
    obj.metadata.labels = { ...(obj.metadata.labels ?? {}), "kubernetes.io/metadata.name": obj.metadata.name ?? "" };
  },
  prepareForCreate(obj) {
    obj.status = { phase: "Active" };
  },
};
