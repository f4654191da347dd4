import { clone } from "../../util/freeze";
import { deepEqual } from "../../util/json";
import { KUBE_NAME_ALPHABET } from "../../util/random";
import type { AdmissionAttributes, AdmissionOperation } from "../admission/types";
import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  nameMismatch,
  namespaceMismatch,
  nameUndeterminable,
  OPTIMISTIC_LOCK_MESSAGE,
  type FieldError,
} from "../errors";
import { applyJsonPatch } from "../patch/json-patch";
import { applyMergePatch } from "../patch/merge-patch";
import { applyStrategicMergePatch } from "../patch/strategic";
import { strategicPatchDecodingError } from "../openapi/patch-decoding";
import { ApplyConflictError, serverSideApply } from "../patch/apply/apply";
import { dropEmptyCollections } from "../patch/empty-collections";
import { managerOf, recordUpdate, type WriteIdentity } from "../patch/apply/managed-fields";
import { apiVersionOf, groupResource, type ResourceDefinition, type StrategyContext } from "../resource";
import { ApiError } from "../errors";
import { validateAnnotations, validateFinalizers, validateLabels, validateName, type NameRule } from "../validation/names";
import { pruneUnknownFields } from "../openapi/prune-unknown";
import type { KubeList, KubeObject, ManagedFieldsEntry, UserInfo } from "../types";
import type { ServerContext } from "./context";
import { AttachedState } from "../../cluster/attached-state";
import { asList, listObjects } from "./list";

export { asList, filterMatches, getObject, listFilter, listKind, listObjects, type ListFilter, type ListResult } from "./list";

/** The request attributes the REST handlers need once routing is done. */
export interface ResourceCall {
  def: ResourceDefinition;
  version: string;
  namespace?: string;
  name?: string;
  query: URLSearchParams;
  user: UserInfo;
  headers: Record<string, string>;
  /** Set by server-side apply: the managedFields the write stores (otherwise an Update entry is recorded). */
  managedFieldsOverride?: ManagedFieldsEntry[];
  /** Warnings a write collects (the strategy's WarningsOnCreate/Update), returned as Warning headers. */
  warnings?: string[];
  /** From an in-process typed client (ApiRequest.typedClient): body decoding checks are skipped. */
  typedClient?: boolean;
  /** The in-process caller gave the body up (ApiRequest.handedOver): a create uses it without a copy. */
  handedOver?: boolean;
}

/** Who a write's managedFields entry names, and for which version and subresource. */
function writeIdentity(server: ServerContext, call: ResourceCall, subresource?: string): WriteIdentity {
  return {
    manager: managerOf(call.query, call.headers["user-agent"]),
    apiVersion: apiVersionOf(call.def, call.version),
    time: server.clock.nowRfc3339(),
    ...(subresource ? { subresource } : {}),
  };
}

export function typeKey(def: ResourceDefinition): string {
  return def.storedAs?.typeKey ?? `${def.group}/${def.resource}`;
}

/** Contexts by server and user: one per client identity instead of four new closures on every write. */
// Not a WeakMap: V8 keeps a WeakMap's values through young-generation collections, and this one
// reaches the cluster, so dropped attempts would survive each scavenge (engine/cluster/attached-state.ts).
const strategyContexts = new AttachedState<ServerContext, WeakMap<UserInfo, StrategyContext>>("strategy contexts");

export function strategyContext(server: ServerContext, user: UserInfo): StrategyContext {
  let byUser = strategyContexts.get(server);
  if (!byUser) strategyContexts.set(server, (byUser = new WeakMap()));
  let ctx = byUser.get(user);
  if (!ctx) byUser.set(user, (ctx = newStrategyContext(server, user)));
  return ctx;
}

function newStrategyContext(server: ServerContext, user: UserInfo): StrategyContext {
  return {
    user,
    now: () => server.clock.nowRfc3339(),
    lookup: (group, resource, namespace, name) => server.store.get(`${group}/${resource}`, namespace, name),
    list: (group, resource, namespace) => server.store.list(`${group}/${resource}`, namespace),
    random: () => server.random.next(),
  };
}

/** Converts a stored object to the version the client asked for. */
export function toVersion(def: ResourceDefinition, version: string, obj: KubeObject): KubeObject {
  if (def.storedAs) obj = def.storedAs.fromStorage(obj);
  if (version === def.version) return obj;
  const conversion = def.otherVersions?.find((v) => v.version === version);
  return conversion ? conversion.fromStorage(obj) : obj;
}

function fromVersion(def: ResourceDefinition, version: string, obj: KubeObject): KubeObject {
  const conversion = version === def.version ? undefined : def.otherVersions?.find((v) => v.version === version);
  const converted = conversion ? conversion.toStorage(obj) : obj;
  return def.storedAs ? def.storedAs.toStorage(converted) : converted;
}

function isDryRun(query: URLSearchParams): boolean {
  // has() first: nearly no request asks for a dry run, and getAll makes an array every write.
  return query.has("dryRun") && query.getAll("dryRun").includes("All");
}

// ---------- reads ----------

// ---------- writes ----------

/**
 * The body with its apiVersion and kind checked and set, as a new top level and metadata the
 * write may change. A body handed over (built by the engine for this request alone) that already
 * names its kind is that object itself: copying it would give the same fields in the same order.
 */
function checkKind(def: ResourceDefinition, version: string, obj: unknown, handedOver = false): KubeObject {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw badRequest("the body of the request was in an unknown format");
  const o = obj as KubeObject;
  const expectedApiVersion = apiVersionOf(def, version);
  if (o.kind && o.kind !== def.kind) {
    throw badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${expectedApiVersion})`);
  }
  if (o.apiVersion && o.apiVersion !== expectedApiVersion) {
    throw badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${expectedApiVersion})`);
  }
  if (handedOver && o.apiVersion && o.kind && o.metadata && !Object.isFrozen(o.metadata)) return o;
  return { ...o, apiVersion: expectedApiVersion, kind: def.kind, metadata: { ...(o.metadata ?? {}) } };
}

/**
 * A written object as the server decodes it into the kind's Go struct: checkKind, fields the
 * struct lacks pruned, empty maps dropped. In-process controllers write only known fields, so
 * their bodies skip the pruning walk.
 */
function decodeWritten(call: ResourceCall, obj: unknown): KubeObject {
  const { def, version } = call;
  const decoded = checkKind(def, version, obj, call.handedOver);
  return dropEmptyCollections(def, version, call.typedClient ? decoded : pruneUnknownFields(def, version, decoded));
}

export function metadataErrors(def: ResourceDefinition, obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const name = obj.metadata.name;
  if (!name) {
    errors.push({ type: "FieldValueRequired", field: "metadata.name", detail: "name or generateName is required" });
  } else {
    errors.push(...validateName(name, nameRule(def)));
  }
  if (def.namespaced && !obj.metadata.namespace) {
    errors.push({ type: "FieldValueRequired", field: "metadata.namespace", detail: "" });
  }
  errors.push(...validateLabels(obj.metadata.labels, "metadata.labels"));
  errors.push(...validateAnnotations(obj.metadata.annotations, "metadata.annotations"));
  // CRDs, custom resources and APIServices are validated by the generic apimachinery rules only.
  const genericMeta = def.custom || def.group === "apiextensions.k8s.io" || def.group === "apiregistration.k8s.io";
  errors.push(...validateFinalizers(obj.metadata.finalizers, !genericMeta));
  return errors;
}

/** Which name rule a kind's names follow (most are DNS subdomains; a few are labels). */
function nameRule(def: ResourceDefinition): NameRule {
  if (def.nameRule) return def.nameRule;
  if (def.group === "" && (def.resource === "namespaces")) return "label";
  if (def.group === "" && def.resource === "services") return "dns1035";
  if (def.group === "rbac.authorization.k8s.io") return "path-segment";
  return "subdomain";
}

function runAdmission(server: ServerContext, attrs: AdmissionAttributes, ctx: StrategyContext): void {
  runMutatingAdmission(server, attrs, ctx);
  runValidatingAdmission(server, attrs, ctx);
}

// As in the real apiserver, mutating admission runs before the strategy's PrepareForCreate/Update and
// validation (so e.g. LimitRanger's defaults count towards a pod's QoS class), validating admission after.
function runMutatingAdmission(server: ServerContext, attrs: AdmissionAttributes, ctx: StrategyContext): void {
  for (const plugin of server.admission) plugin.mutate?.(attrs, ctx);
}

function runValidatingAdmission(server: ServerContext, attrs: AdmissionAttributes, ctx: StrategyContext): void {
  for (const plugin of server.admission) plugin.validate?.(attrs, ctx);
}

function admissionAttributes(
  call: ResourceCall,
  operation: AdmissionOperation,
  object: KubeObject | undefined,
  oldObject: KubeObject | undefined,
  subresource?: string,
): AdmissionAttributes {
  return {
    operation,
    def: call.def,
    namespace: call.namespace,
    name: object?.metadata.name ?? call.name,
    subresource,
    object,
    oldObject,
    user: call.user,
    dryRun: isDryRun(call.query),
  };
}

function hasStatus(def: ResourceDefinition): boolean {
  return def.subresources?.includes("status") ?? false;
}

function specOf(obj: KubeObject): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...obj };
  delete rest.metadata;
  delete rest.status;
  delete rest.apiVersion;
  delete rest.kind;
  return rest;
}

const SERVER_OWNED_METADATA = ["uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"] as const;

export function createObject(server: ServerContext, call: ResourceCall, body: unknown): KubeObject {
  const { def } = call;
  const ctx = strategyContext(server, call.user);
  // A body handed over by an in-process caller is not read again by it: no copy to protect it from
  // defaulting and admission (an event recorder builds one per Scheduled event).
  let obj = decodeWritten(call, call.handedOver ? body : clone(body));
  obj = fromVersion(def, call.version, obj);
  if (def.namespaced) {
    if (obj.metadata.namespace && call.namespace && obj.metadata.namespace !== call.namespace) {
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    obj.metadata.namespace = call.namespace ?? obj.metadata.namespace;
  } else {
    delete obj.metadata.namespace;
  }
  if (!obj.metadata.name && obj.metadata.generateName) {
    obj.metadata.name = obj.metadata.generateName + server.random.string(5, KUBE_NAME_ALPHABET);
  }
  // Fields the server owns are reset whatever the client sent. Only present keys are deleted: a
  // delete turns the object into a slow dictionary for every later step of the write.
  for (const field of SERVER_OWNED_METADATA) {
    if (field in obj.metadata) delete obj.metadata[field];
  }
  if ("status" in obj && hasStatus(def)) delete obj.status;
  // The create handler fills uid and creationTimestamp before admission and the strategy see the
  // object (a Job's generated selector is made from its uid).
  obj.metadata.uid = server.random.uuid();
  obj.metadata.creationTimestamp = server.clock.nowRfc3339();
  def.strategy?.defaults?.(obj, ctx);
  // The create handler records the writer's fields before admission: what a mutating admission
  // plugin adds (a service account's token volume, default tolerations, a default storage class)
  // is owned by no manager, as `--show-managed-fields` shows on a real cluster.
  const managedFields = call.managedFieldsOverride ?? recordUpdate(undefined, obj, writeIdentity(server, call));
  const attrs = admissionAttributes(call, "CREATE", obj, undefined);
  runMutatingAdmission(server, attrs, ctx);
  obj = attrs.object!;
  def.strategy?.prepareForCreate?.(obj, ctx);
  const errors = [...metadataErrors(def, obj), ...(def.strategy?.validate?.(obj, ctx) ?? [])];
  if (errors.length > 0) throw invalid(def.kind, def.group, obj.metadata.name ?? "", errors);
  call.warnings?.push(...(def.strategy?.warnings?.(obj, undefined, ctx) ?? []));
  runValidatingAdmission(server, attrs, ctx);
  obj = attrs.object!;
  if (server.store.get(typeKey(def), obj.metadata.namespace, obj.metadata.name!)) {
    throw alreadyExists(groupResource(def), obj.metadata.name!);
  }
  // The stored object is decoded (and so defaulted) again, which fills defaults for what
  // PrepareForCreate added, e.g. a Job's labels copied from its generated template labels.
  def.strategy?.defaults?.(obj, ctx);
  obj.metadata.managedFields = managedFields;
  if (isDryRun(call.query)) return toVersion(def, call.version, { ...obj, metadata: { ...obj.metadata } });
  // `obj` is this request's own copy (checkKind made it): the store keeps it rather than copying it.
  return toVersion(def, call.version, server.store.create(typeKey(def), obj, true));
}

/** Shared tail of update and patch: server-owned fields, strategy, admission, validation, write. */
export function updateExisting(
  server: ServerContext,
  call: ResourceCall,
  old: KubeObject,
  incoming: KubeObject,
  opts: { subresource?: "status"; checkResourceVersion: boolean },
): KubeObject {
  const { def } = call;
  const ctx = strategyContext(server, call.user);
  const name = old.metadata.name!;
  let obj = incoming;
  if (obj.metadata.name && obj.metadata.name !== name) {
    throw nameMismatch(obj.metadata.name, name);
  }
  if (opts.checkResourceVersion && obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(groupResource(def), name, OPTIMISTIC_LOCK_MESSAGE);
  }
  obj.metadata = {
    ...obj.metadata,
    name,
    namespace: old.metadata.namespace,
    uid: old.metadata.uid,
    creationTimestamp: old.metadata.creationTimestamp,
    ...(old.metadata.deletionTimestamp ? { deletionTimestamp: old.metadata.deletionTimestamp } : {}),
    ...(old.metadata.deletionGracePeriodSeconds !== undefined ? { deletionGracePeriodSeconds: old.metadata.deletionGracePeriodSeconds } : {}),
  };
  if (!def.namespaced) delete obj.metadata.namespace;
  if (old.metadata.generation !== undefined) obj.metadata.generation = old.metadata.generation;
  if (opts.subresource === "status") {
    // A status write changes only status (and keeps everything else as stored).
    obj = { ...clone(old), status: obj.status };
  } else if (hasStatus(def)) {
    obj.status = clone(old.status);
    if (obj.status === undefined) delete obj.status;
  }
  def.strategy?.defaults?.(obj, ctx);
  const attrs = admissionAttributes(call, "UPDATE", obj, old, opts.subresource);
  runMutatingAdmission(server, attrs, ctx);
  obj = attrs.object!;
  if (opts.subresource !== "status") def.strategy?.prepareForUpdate?.(obj, old, ctx);
  if (old.metadata.generation !== undefined && opts.subresource !== "status" && !deepEqual(specOf(obj), specOf(old))) {
    obj.metadata.generation = (old.metadata.generation ?? 0) + 1;
  }
  const strategyErrors =
    opts.subresource === "status"
      ? (def.strategy?.validateStatusUpdate?.(obj, old, ctx) ?? [])
      : (def.strategy?.validateUpdate?.(obj, old, ctx) ?? def.strategy?.validate?.(obj, ctx) ?? []);
  const errors = [...metadataErrors(def, obj), ...strategyErrors];
  if (errors.length > 0) throw invalid(def.kind, def.group, name, errors);
  if (opts.subresource !== "status") call.warnings?.push(...(def.strategy?.warnings?.(obj, old, ctx) ?? []));
  runValidatingAdmission(server, attrs, ctx);
  obj = attrs.object!;
  // An update that changes nothing is not written (no new resourceVersion), as with etcd3 GuaranteedUpdate.
  const sameContent = deepEqual(
    { ...obj, metadata: { ...obj.metadata, resourceVersion: undefined, managedFields: undefined } },
    { ...old, metadata: { ...old.metadata, resourceVersion: undefined, managedFields: undefined } },
  );
  obj.metadata.managedFields =
    call.managedFieldsOverride ?? (sameContent ? old.metadata.managedFields : recordUpdate(old, obj, writeIdentity(server, call, opts.subresource)));
  if (obj.metadata.managedFields === undefined) delete obj.metadata.managedFields;
  const unchanged = sameContent && deepEqual(obj.metadata.managedFields, old.metadata.managedFields);
  if (unchanged || isDryRun(call.query)) return toVersion(def, call.version, unchanged ? old : obj);
  const stored = server.store.update(typeKey(def), obj);
  return toVersion(def, call.version, finishDeletionIfDone(server, def, stored));
}

export function updateObject(server: ServerContext, call: ResourceCall, body: unknown, subresource?: "status"): KubeObject {
  const { def } = call;
  const old = server.store.get(typeKey(def), call.namespace, call.name!);
  let incoming = decodeWritten(call, clone(body));
  incoming = fromVersion(def, call.version, incoming);
  checkName(incoming, call.name!, call.namespace);
  if (!old) {
    // PUT to a missing object creates it for kinds that allow create-on-update; the common kinds do not.
    throw notFound(groupResource(def), call.name!);
  }
  if (!incoming.metadata.resourceVersion && !allowUnconditionalUpdate(def)) {
    throw invalid(def.kind, def.group, call.name!, [
      { type: "FieldValueInvalid", field: "metadata.resourceVersion", value: "", detail: "must be specified for an update" },
    ]);
  }
  return updateExisting(server, call, old, incoming, { subresource, checkResourceVersion: true });
}

/**
 * The update handler's checkName (apiserver handlers/rest.go), before the object is looked up: a
 * PUT's body must name the object its URL names, and may leave out the namespace but not differ.
 */
export function checkName(incoming: Pick<KubeObject, "metadata">, urlName: string, urlNamespace: string | undefined): void {
  const name = incoming.metadata?.name;
  if (!name) throw nameUndeterminable(urlName);
  if (name !== urlName) throw nameMismatch(name, urlName);
  const namespace = incoming.metadata.namespace;
  if (urlNamespace && namespace && namespace !== urlNamespace) throw namespaceMismatch(namespace, urlNamespace);
}

function allowUnconditionalUpdate(def: ResourceDefinition): boolean {
  // Most built-in strategies allow it; a few (e.g. services, PVs) need the resourceVersion.
  return !(def.group === "" && (def.resource === "services" || def.resource === "persistentvolumes"));
}

export type PatchType = "json" | "merge" | "strategic" | "apply";

export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  // Every write asks (a binding's body is decoded by it): no array made for the parameters.
  const full = contentType ?? "";
  const semicolon = full.indexOf(";");
  const type = (semicolon < 0 ? full : full.slice(0, semicolon)).trim();
  switch (type) {
    case "application/json-patch+json":
      return "json";
    case "application/merge-patch+json":
      return "merge";
    case "application/strategic-merge-patch+json":
      return "strategic";
    case "application/apply-patch+yaml":
    case "application/apply-patch+cbor":
      return "apply";
    default:
      return undefined;
  }
}

export function applyPatchDocument(def: ResourceDefinition, type: PatchType, current: KubeObject, patch: unknown): unknown {
  switch (type) {
    case "json":
      return applyJsonPatch(current, patch);
    case "merge":
      return applyMergePatch(clone(current), patch);
    case "strategic":
      if (def.custom) {
        throw new ApiError({
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Failure",
          message: "strategic merge patch is not supported for custom resources; use --type=merge or --type=json",
          reason: "UnsupportedMediaType",
          code: 415,
        });
      }
      return applyStrategicMergePatch(clone(current), patch, def.kind);
    case "apply":
      // Apply patches need the field managers; patchObject sends them to applyObject.
      throw badRequest("apply patches are handled by server-side apply");
  }
}

export function patchObject(
  server: ServerContext,
  call: ResourceCall,
  body: unknown,
  type: PatchType,
  subresource?: "status",
  /** Sees the patched document before it is decoded (field validation reads it there, as the patcher does). */
  inspectPatched?: (patched: unknown) => void,
): KubeObject {
  const { def } = call;
  if (type === "apply") return applyObject(server, call, body, subresource);
  const stored = server.store.get(typeKey(def), call.namespace, call.name!);
  if (!stored) {
    throw notFound(groupResource(def), call.name!);
  }
  const current = toVersion(def, call.version, stored);
  const patched = applyPatchDocument(def, type, current, body);
  inspectPatched?.(patched);
  if (type === "strategic" && !call.typedClient) {
    const decodeError = strategicPatchDecodingError(def, call.version, body);
    if (decodeError) throw decodeError;
  }
  let incoming = decodeWritten(call, patched);
  incoming = fromVersion(def, call.version, incoming);
  return updateExisting(server, call, stored, incoming, { subresource, checkResourceVersion: true });
}

// ---------- deletes ----------

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Orphan" | "Background" | "Foreground";
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export function deleteOptions(query: URLSearchParams, body: unknown): DeleteOptions {
  const opts: DeleteOptions = body && typeof body === "object" ? { ...(body as DeleteOptions) } : {};
  const grace = query.get("gracePeriodSeconds");
  if (grace !== null) opts.gracePeriodSeconds = Number(grace);
  const policy = query.get("propagationPolicy");
  if (policy) opts.propagationPolicy = policy as DeleteOptions["propagationPolicy"];
  if (query.get("orphanDependents") === "true") opts.propagationPolicy = "Orphan";
  return opts;
}

/**
 * Graceful deletion: objects with finalizers, pods on a node with a grace period, and foreground or
 * orphan deletions get a deletionTimestamp and stay until their finalizers (or the kubelet) let go.
 */
export function deleteObject(server: ServerContext, call: ResourceCall, opts: DeleteOptions): KubeObject {
  const { def } = call;
  const key = typeKey(def);
  const existing = server.store.get(key, call.namespace, call.name!);
  if (!existing) throw notFound(groupResource(def), call.name!);
  const gr = groupResource(def);
  if (opts.preconditions?.uid && opts.preconditions.uid !== existing.metadata.uid) {
    throw conflict(gr, call.name!, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${existing.metadata.uid}`);
  }
  if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== existing.metadata.resourceVersion) {
    throw conflict(gr, call.name!, `Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${existing.metadata.resourceVersion}`);
  }
  const ctx = strategyContext(server, call.user);
  runAdmission(server, admissionAttributes(call, "DELETE", undefined, existing), ctx);
  const dryRun = isDryRun(call.query) || (opts.dryRun ?? []).includes("All");
  if (dryRun) return toVersion(def, call.version, existing);

  const finalizers = [...(existing.metadata.finalizers ?? [])];
  if (opts.propagationPolicy === "Foreground" && !finalizers.includes("foregroundDeletion")) finalizers.push("foregroundDeletion");
  if (opts.propagationPolicy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");
  const grace = gracePeriod(def, existing, opts);
  const isNamespace = def.group === "" && def.resource === "namespaces";

  if (finalizers.length === 0 && grace === 0 && !isNamespace) {
    return toVersion(def, call.version, server.store.delete(key, call.namespace, call.name!)!);
  }
  if (existing.metadata.deletionTimestamp) {
    // Already terminating: a shorter grace period may still be requested (kubectl delete --force).
    if (grace === 0 && finalizers.length === 0) return toVersion(def, call.version, server.store.delete(key, call.namespace, call.name!)!);
    return toVersion(def, call.version, existing);
  }
  const updated = clone(existing);
  updated.metadata.deletionTimestamp = new Date(server.clock.now() + grace * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  updated.metadata.deletionGracePeriodSeconds = grace;
  if (finalizers.length > 0) updated.metadata.finalizers = finalizers;
  if (isNamespace) {
    updated.status = { ...((updated.status as object) ?? {}), phase: "Terminating" };
  }
  if (updated.metadata.generation !== undefined) updated.metadata.generation = (updated.metadata.generation ?? 0) + 1;
  return toVersion(def, call.version, server.store.update(key, updated));
}

function gracePeriod(def: ResourceDefinition, obj: KubeObject, opts: DeleteOptions): number {
  if (!(def.group === "" && def.resource === "pods")) return 0;
  const spec = (obj.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const status = (obj.status ?? {}) as { phase?: string };
  // Pods that never reached a node, or have finished, go at once (pkg/registry/core/pod/strategy.go).
  if (!spec.nodeName || status.phase === "Succeeded" || status.phase === "Failed") return 0;
  const requested = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, requested);
}

/** Removes an object whose deletion was pending once its last finalizer is gone (and no grace remains). */
export function finishDeletionIfDone(server: ServerContext, def: ResourceDefinition, obj: KubeObject): KubeObject {
  if (!obj.metadata.deletionTimestamp) return obj;
  if ((obj.metadata.finalizers ?? []).length > 0) return obj;
  if (def.group === "" && def.resource === "pods" && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0) return obj;
  if (def.group === "" && def.resource === "namespaces") {
    const spec = (obj.spec ?? {}) as { finalizers?: string[] };
    if ((spec.finalizers ?? []).length > 0) return obj;
  }
  return server.store.delete(typeKey(def), obj.metadata.namespace, obj.metadata.name!) ?? obj;
}

export function deleteCollection(server: ServerContext, call: ResourceCall, opts: DeleteOptions): KubeList {
  const result = listObjects(server, { ...call, query: withoutPaging(call.query) });
  const deleted: KubeObject[] = [];
  for (const item of result.items) {
    deleted.push(deleteObject(server, { ...call, namespace: item.metadata.namespace, name: item.metadata.name }, opts));
  }
  return asList(call.def, call.version, { items: deleted, resourceVersion: String(server.store.currentRevision) });
}

function withoutPaging(query: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams(query);
  q.delete("limit");
  q.delete("continue");
  return q;
}

// ---------- server-side apply ----------

/**
 * PATCH with application/apply-patch+yaml: merges the configuration into the live object (or
 * creates it), tracking field ownership; a conflict with another manager is a 409 listing the
 * fields and managers, unless `force=true`.
 */
function applyObject(server: ServerContext, call: ResourceCall, body: unknown, subresource?: "status"): KubeObject {
  const { def } = call;
  if (!call.query.get("fieldManager")) throw badRequest("fieldManager is required for apply requests");
  const config = checkKind(def, call.version, clone(body));
  if (config.metadata.name && config.metadata.name !== call.name) {
    throw nameMismatch(config.metadata.name, call.name!);
  }
  config.metadata.name = call.name;
  const stored = server.store.get(typeKey(def), call.namespace, call.name!);
  const live = stored ? toVersion(def, call.version, stored) : undefined;
  let result;
  try {
    result = serverSideApply(live, config, writeIdentity(server, call, subresource), call.query.get("force") === "true");
  } catch (e) {
    if (!(e instanceof ApplyConflictError)) throw e;
    throw new ApiError({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: e.message,
      reason: "Conflict",
      details: { causes: e.causes.map((c) => ({ reason: "FieldManagerConflict", message: c.message, field: c.field })) },
      code: 409,
    });
  }
  const applyCall: ResourceCall = { ...call, managedFieldsOverride: result.managedFields };
  if (!stored) return createObject(server, applyCall, result.object);
  const incoming = fromVersion(def, call.version, decodeWritten(call, result.object));
  return updateExisting(server, applyCall, stored, incoming, { subresource, checkResourceVersion: true });
}
