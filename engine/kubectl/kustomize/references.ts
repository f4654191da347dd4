import { CLUSTER_SCOPED_KINDS, kindOf, namespaceOf, nameOf, type Json, type KResource } from "./resource";

/** Replaces a name that refers to an object of `kind` by that object's current name (after prefixes and hashes). */
type Rename = (kind: string, value: unknown, namespace?: string) => string | undefined;
/** The object a reference resolves to, if the build holds it. */
type Referent = (kind: string, value: unknown, namespace?: string) => KResource | undefined;

function podSpecOf(obj: Json): Json | undefined {
  const spec = obj.spec as Json | undefined;
  if (!spec) return undefined;
  switch (kindOf(obj)) {
    case "Pod":
      return spec;
    case "CronJob":
      return ((((spec.jobTemplate as Json | undefined)?.spec as Json | undefined)?.template as Json | undefined)?.spec as Json | undefined) ?? undefined;
    default:
      return ((spec.template as Json | undefined)?.spec as Json | undefined) ?? undefined;
  }
}

function each(list: unknown, visit: (item: Json) => void): void {
  if (Array.isArray(list)) for (const item of list) if (item && typeof item === "object") visit(item as Json);
}

function setField(holder: Json | undefined, field: string, kind: string, rename: Rename, ns: string): void {
  if (!holder || typeof holder[field] !== "string") return;
  const renamed = rename(kind, holder[field], ns);
  if (renamed !== undefined) holder[field] = renamed;
}

function fixPodSpec(spec: Json, rename: Rename, ns: string): void {
  each(spec.volumes, (v) => {
    setField(v.configMap as Json, "name", "ConfigMap", rename, ns);
    setField(v.secret as Json, "secretName", "Secret", rename, ns);
    setField(v.persistentVolumeClaim as Json, "claimName", "PersistentVolumeClaim", rename, ns);
    each((v.projected as Json | undefined)?.sources, (s) => {
      setField(s.configMap as Json, "name", "ConfigMap", rename, ns);
      setField(s.secret as Json, "name", "Secret", rename, ns);
    });
  });
  for (const list of [spec.containers, spec.initContainers]) {
    each(list, (c) => {
      each(c.env, (e) => {
        const from = e.valueFrom as Json | undefined;
        setField(from?.configMapKeyRef as Json, "name", "ConfigMap", rename, ns);
        setField(from?.secretKeyRef as Json, "name", "Secret", rename, ns);
      });
      each(c.envFrom, (e) => {
        setField(e.configMapRef as Json, "name", "ConfigMap", rename, ns);
        setField(e.secretRef as Json, "name", "Secret", rename, ns);
      });
    });
  }
  each(spec.imagePullSecrets, (s) => setField(s, "name", "Secret", rename, ns));
  setField(spec, "serviceAccountName", "ServiceAccount", rename, ns);
  setField(spec, "serviceAccount", "ServiceAccount", rename, ns);
}

function fixIngress(obj: Json, rename: Rename, ns: string): void {
  const spec = obj.spec as Json | undefined;
  if (!spec) return;
  setField((spec.defaultBackend as Json | undefined)?.service as Json, "name", "Service", rename, ns);
  each(spec.rules, (rule) => each((rule.http as Json | undefined)?.paths, (p) => setField((p.backend as Json | undefined)?.service as Json, "name", "Service", rename, ns)));
  each(spec.tls, (t) => setField(t, "secretName", "Secret", rename, ns));
}

function fixReferrer(r: KResource, rename: Rename, referent: Referent): void {
  const obj = r.obj;
  const ns = namespaceOf(obj);
  const kind = kindOf(obj);
  const pod = podSpecOf(obj);
  if (pod) fixPodSpec(pod, rename, ns);
  if (kind === "StatefulSet") setField(obj.spec as Json, "serviceName", "Service", rename, ns);
  if (kind === "Ingress") fixIngress(obj, rename, ns);
  if (kind === "HorizontalPodAutoscaler") {
    const ref = (obj.spec as Json | undefined)?.scaleTargetRef as Json | undefined;
    if (ref && typeof ref.kind === "string") setField(ref, "name", ref.kind, rename, ns);
  }
  if (kind === "RoleBinding" || kind === "ClusterRoleBinding") {
    const roleRef = obj.roleRef as Json | undefined;
    if (roleRef && typeof roleRef.kind === "string") setField(roleRef, "name", roleRef.kind, rename, ns);
    each(obj.subjects, (s) => {
      if (s.kind !== "ServiceAccount") return;
      // A subject naming a ServiceAccount of the build takes its name and namespace.
      const sa = referent("ServiceAccount", s.name, s.namespace === undefined ? undefined : String(s.namespace));
      if (!sa) return;
      s.name = nameOf(sa.obj);
      if (namespaceOf(sa.obj)) s.namespace = namespaceOf(sa.obj);
    });
  }
}

/**
 * After names change (prefix, suffix, content hashes), references to the renamed objects follow:
 * a reference matches an object of the referred kind that once had that name, in the same namespace.
 */
export function fixNameReferences(resources: KResource[]): void {
  const referent: Referent = (kind, value, ns) => {
    const candidates = resources.filter((r) => kindOf(r.obj) === kind && r.names.includes(String(value)));
    const scoped = CLUSTER_SCOPED_KINDS.has(kind) || ns === undefined ? candidates : candidates.filter((r) => namespaceOf(r.obj) === ns);
    return scoped.find((r) => nameOf(r.obj) === value) ?? scoped[0];
  };
  const rename: Rename = (kind, value, ns) => {
    const chosen = referent(kind, value, ns ?? "");
    return chosen ? nameOf(chosen.obj) : undefined;
  };
  for (const r of resources) fixReferrer(r, rename, referent);
}
