import type { Cluster } from "../../cluster/cluster";
import { badRequest, invalid, notFound, serviceUnavailable, type FieldError } from "../errors";
import type { SubresourceHandler } from "../server/context";
import type { KubeObject } from "../types";
import { clusterAuthKeys } from "./pki";
import { API_AUDIENCES, issueBoundToken, type BoundObject } from "./service-account-tokens";

const DEFAULT_EXPIRATION_SECONDS = 3600;
const MIN_EXPIRATION_SECONDS = 600;
const MAX_EXPIRATION_SECONDS = 2 ** 32;

interface TokenRequestSpec {
  audiences?: string[] | null;
  expirationSeconds?: number | null;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string } | null;
}

/**
 * `POST serviceaccounts/<name>/token` (TokenRequest, what `kubectl create token` calls): a signed,
 * expiring, audience-bound token for the service account, optionally bound to a Pod or Secret so
 * that it stops working when that object goes.
 */
export function tokenRequestSubresource(cluster: Cluster): SubresourceHandler {
  return {
    handle(request, server) {
      if (request.method !== "POST") throw badRequest("the server does not allow this method on the requested resource");
      const namespace = request.namespace!;
      const sa = server.store.get("/serviceaccounts", namespace, request.name);
      if (!sa) throw notFound({ group: "", resource: "serviceaccounts" }, request.name);
      const body = (request.body ?? {}) as { spec?: TokenRequestSpec; metadata?: KubeObject["metadata"] };
      const spec = body.spec ?? {};
      const expirationSeconds = spec.expirationSeconds ?? DEFAULT_EXPIRATION_SECONDS;
      const audiences = spec.audiences && spec.audiences.length > 0 ? spec.audiences : API_AUDIENCES;
      const errors: FieldError[] = [];
      if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
        errors.push({ type: "FieldValueInvalid", field: "spec.expirationSeconds", value: expirationSeconds, detail: "may not specify a duration less than 10 minutes" });
      } else if (expirationSeconds > MAX_EXPIRATION_SECONDS) {
        errors.push({ type: "FieldValueInvalid", field: "spec.expirationSeconds", value: expirationSeconds, detail: "may not specify a duration larger than 2^32 seconds" });
      }
      if (errors.length > 0) throw invalid("TokenRequest", "authentication.k8s.io", request.name, errors);
      const bound = spec.boundObjectRef ? boundObject(server.store, namespace, spec.boundObjectRef) : undefined;
      const keys = clusterAuthKeys(cluster);
      if (!keys) throw serviceUnavailable("the service account token signer is not configured on this cluster (no PKI was seeded)");
      const now = server.clock.now();
      const token = issueBoundToken(keys.serviceAccountKeyPem, {
        namespace,
        serviceAccount: { name: request.name, uid: sa.metadata.uid! },
        audiences,
        expirationSeconds,
        boundObject: bound,
        jti: server.random.uuid(),
        now,
      });
      const expiration = new Date(Math.floor(now / 1000) * 1000 + expirationSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
      return {
        status: 201,
        body: {
          kind: "TokenRequest",
          apiVersion: "authentication.k8s.io/v1",
          metadata: { name: request.name, namespace, creationTimestamp: null },
          spec: { audiences, expirationSeconds, boundObjectRef: spec.boundObjectRef ?? null },
          status: { token, expirationTimestamp: expiration },
        },
      };
    },
  };
}

function boundObject(store: Cluster["store"], namespace: string, ref: NonNullable<TokenRequestSpec["boundObjectRef"]>): BoundObject {
  const kind = ref.kind ?? "";
  if (kind !== "Pod" && kind !== "Secret") {
    throw invalid("TokenRequest", "authentication.k8s.io", "", [
      { type: "FieldValueNotSupported", field: "spec.boundObjectRef.kind", value: kind, allowed: ["Pod", "Secret"] },
    ]);
  }
  const resource = kind === "Pod" ? "pods" : "secrets";
  const obj = store.get(`/${resource}`, namespace, ref.name ?? "");
  if (!obj) throw notFound({ group: "", resource }, ref.name ?? "");
  if (ref.uid && ref.uid !== obj.metadata.uid) {
    throw conflictingUid(ref.uid);
  }
  const out: BoundObject = { kind, name: obj.metadata.name!, uid: obj.metadata.uid! };
  const nodeName = kind === "Pod" ? (obj.spec as { nodeName?: string } | undefined)?.nodeName : undefined;
  const node = nodeName ? store.get("/nodes", undefined, nodeName) : undefined;
  if (node) out.node = { name: node.metadata.name!, uid: node.metadata.uid! };
  return out;
}

function conflictingUid(uid: string) {
  return badRequest(`the UID in the bound object reference (${uid}) does not match the UID in record. The object might have been deleted and then recreated`);
}
