import type { KubeObject } from "../types";
import { isCreateOf } from "./forbidden";
import type { AdmissionPlugin } from "./types";

/**
 * DefaultStorageClass and DefaultIngressClass (plugin/pkg/admission/storage/storageclass/setdefault,
 * plugin/pkg/admission/network/defaultingressclass, v1.33): a claim or ingress that names no class
 * gets the cluster's default one; with several defaults, the most recently created wins.
 */

type Json = Record<string, unknown>;

function newestDefault(classes: KubeObject[], annotation: string, betaAnnotation?: string): KubeObject | undefined {
  const defaults = classes.filter((c) => c.metadata.annotations?.[annotation] === "true" || (betaAnnotation && c.metadata.annotations?.[betaAnnotation] === "true"));
  return defaults.sort((a, b) => {
    const at = Date.parse(a.metadata.creationTimestamp ?? "") || 0;
    const bt = Date.parse(b.metadata.creationTimestamp ?? "") || 0;
    if (at !== bt) return bt - at;
    return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
  })[0];
}

export const defaultStorageClass: AdmissionPlugin = {
  name: "DefaultStorageClass",
  mutate(attrs, ctx) {
    if (!isCreateOf(attrs, "", "persistentvolumeclaims")) return;
    const pvc = attrs.object!;
    const spec = (pvc.spec ??= {}) as Json;
    // An explicit "" means "no class"; only a missing class is defaulted.
    if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
    if (pvc.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] !== undefined) return;
    const cls = newestDefault(ctx.list("storage.k8s.io", "storageclasses"), "storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class");
    if (cls) spec.storageClassName = cls.metadata.name;
  },
};

export const defaultIngressClass: AdmissionPlugin = {
  name: "DefaultIngressClass",
  mutate(attrs, ctx) {
    if (!isCreateOf(attrs, "networking.k8s.io", "ingresses")) return;
    const ing = attrs.object!;
    const spec = (ing.spec ??= {}) as Json;
    if (spec.ingressClassName !== undefined && spec.ingressClassName !== null) return;
    if (ing.metadata.annotations?.["kubernetes.io/ingress.class"] !== undefined) return;
    const cls = newestDefault(ctx.list("networking.k8s.io", "ingressclasses"), "ingressclass.kubernetes.io/is-default-class");
    if (cls) spec.ingressClassName = cls.metadata.name;
  },
};
