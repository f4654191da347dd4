import { clone } from "../../util/freeze";
import { deepEqual } from "../../util/json";
import type { ClusterPlugin } from "../../cluster/cluster";
import { conflict, invalid, methodNotAllowed, notFound, OPTIMISTIC_LOCK_MESSAGE, unsupportedMediaType } from "../errors";
import type { FieldError } from "../errors";
import { recordUpdate, managerOf } from "../patch/apply/managed-fields";
import { duplicate, forbidden, notFound as fieldNotFound, Path, required } from "../validation/field";
import { validateDNS1123Label } from "../validation/values";
import type { KubeObject } from "../types";
import type { SubresourceHandler, SubresourceRequest, ServerContext } from "./context";
import { applyPatchDocument, patchTypeOf, strategyContext } from "./rest";

/**
 * pods/{name}/ephemeralcontainers (EphemeralContainersREST, v1.33): GET reads the pod; PUT and
 * PATCH (strategic, merge, JSON patch) may change only spec.ephemeralContainers, and there only
 * add containers (ValidatePodEphemeralContainersUpdate): existing ones may not be changed or
 * removed, names are unique across every container of the pod, a target must be a regular or init
 * container, and the fields that serve a pod's workload (ports, probes, lifecycle, resources) are
 * refused. The pod is written with its other fields as stored.
 */
type Json = Record<string, unknown>;

/** The fields of EphemeralContainerCommon an ephemeral container may not set (validateFieldAllowList). */
const NOT_ALLOWED = ["ports", "resources", "resizePolicy", "restartPolicy", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle"];

/** Go's zero value: absent, or an object or list with nothing set in it. */
function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.values(value as Json).some(isSet);
  return true;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

function validateNewContainers(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const others = new Set([...list(spec.containers), ...list(spec.initContainers)].map((c) => String(c.name)));
  const all = new Set(others);
  list(spec.ephemeralContainers).forEach((ec, i) => {
    const path = Path.root("spec", "ephemeralContainers").index(i);
    const name = typeof ec.name === "string" ? ec.name : "";
    if (!name) errs.push(required(path.child("name")));
    else errs.push(...validateDNS1123Label(name, path.child("name")));
    if (!ec.image) errs.push(required(path.child("image")));
    if (name && all.has(name)) errs.push(duplicate(path.child("name"), name));
    else all.add(name);
    if (typeof ec.targetContainerName === "string" && ec.targetContainerName && !others.has(ec.targetContainerName)) {
      errs.push(fieldNotFound(path.child("targetContainerName"), ec.targetContainerName));
    }
    for (const field of NOT_ALLOWED) {
      if (isSet(ec[field])) errs.push(forbidden(path.child(field), "cannot be set for an Ephemeral Container"));
    }
    list(ec.volumeMounts).forEach((vm, j) => {
      for (const field of ["subPath", "subPathExpr"]) {
        if (vm[field]) errs.push(forbidden(path.child("volumeMounts").index(j).child(field), "cannot be set for an Ephemeral Container"));
      }
    });
  });
  return errs;
}

/** Part 2 of ValidatePodEphemeralContainersUpdate: what was there stays, unchanged. */
function validateKept(next: Json[], prev: Json[]): FieldError[] {
  const errs: FieldError[] = [];
  const path = Path.root("spec", "ephemeralContainers");
  const byName = new Map(next.map((c) => [String(c.name), c]));
  for (const old of prev) {
    const now = byName.get(String(old.name));
    if (!now) errs.push(forbidden(path, `existing ephemeral containers "${String(old.name)}" may not be removed\n`));
    else if (!deepEqual(old, now)) errs.push(forbidden(path.key(String(old.name)), `existing ephemeral containers "${String(old.name)}" may not be changed\n`));
  }
  return errs;
}

function write(server: ServerContext, request: SubresourceRequest, stored: KubeObject, incoming: KubeObject): KubeObject {
  const def = server.registry.get("", "pods")!;
  const name = stored.metadata.name!;
  if (incoming.metadata?.resourceVersion && incoming.metadata.resourceVersion !== stored.metadata.resourceVersion) {
    throw conflict({ group: "", resource: "pods" }, name, OPTIMISTIC_LOCK_MESSAGE);
  }
  const next = clone(stored) as KubeObject & { spec: Json };
  const ephemeral = list((incoming.spec as Json | undefined)?.ephemeralContainers);
  if (ephemeral.length > 0) next.spec.ephemeralContainers = clone(ephemeral);
  else delete next.spec.ephemeralContainers;
  def.strategy?.defaults?.(next, strategyContext(server, request.user));
  const prev = list((stored.spec as Json).ephemeralContainers);
  if (stored.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined) {
    throw invalid("Pod", "", name, [forbidden(Path.root(""), "static pods do not support ephemeral containers")]);
  }
  const errors = [...validateNewContainers(next.spec), ...validateKept(list(next.spec.ephemeralContainers), prev)];
  if (errors.length > 0) throw invalid("Pod", "", name, errors);
  if (deepEqual(next.spec.ephemeralContainers, (stored.spec as Json).ephemeralContainers)) return stored;
  next.metadata.managedFields = recordUpdate(stored, next, {
    manager: managerOf(request.query, request.headers["user-agent"]),
    apiVersion: "v1",
    time: server.clock.nowRfc3339(),
    subresource: "ephemeralcontainers",
  });
  return server.store.update("/pods", next);
}

export const ephemeralContainersSubresource: SubresourceHandler = {
  handle(request, server) {
    const stored = server.store.get("/pods", request.namespace, request.name);
    if (!stored) throw notFound({ group: "", resource: "pods" }, request.name);
    switch (request.method) {
      case "GET":
        return { status: 200, body: stored };
      case "PUT":
        return { status: 200, body: write(server, request, stored, (request.body ?? {}) as KubeObject) };
      case "PATCH": {
        const type = patchTypeOf(request.headers["content-type"]);
        if (!type || type === "apply") throw unsupportedMediaType(request.headers["content-type"] ?? "");
        const def = server.registry.get("", "pods")!;
        const patched = applyPatchDocument(def, type, stored, request.body) as KubeObject;
        return { status: 200, body: write(server, request, stored, patched) };
      }
      default:
        throw methodNotAllowed();
    }
  },
};

export const ephemeralContainersPlugin: ClusterPlugin = {
  name: "ephemeral-containers",
  install(cluster) {
    cluster.apiserver.registerSubresource("", "pods", "ephemeralcontainers", ephemeralContainersSubresource);
  },
};
