import type { ApiResponse, KubeObject } from "../../api/types";
import type { Status } from "../../api/errors";
import { StatusError } from "../cli/errors";
import { resourcePath, type ResourceMapping } from "./discovery";
import { TABLE_ACCEPT, type RestRequest, type Transport } from "./transport";

export type Mapping = Pick<ResourceMapping, "group" | "version" | "resource" | "namespaced" | "kind">;

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  table?: boolean;
  includeObject?: "Object";
  resourceVersion?: string;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: string;
}

export const PATCH_TYPES = {
  strategic: "application/strategic-merge-patch+json",
  merge: "application/merge-patch+json",
  json: "application/json-patch+json",
  apply: "application/apply-patch+yaml",
} as const;

/** Throws the server's Status as a StatusError (kubectl prints `Error from server (…)`). */
export function check(response: ApiResponse): unknown {
  if (response.status >= 400) {
    const body = response.body;
    if (body && typeof body === "object" && (body as Status).kind === "Status") throw new StatusError(body as Status);
    throw new StatusError({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: typeof body === "string" ? body : "the server could not find the requested resource",
      reason: response.status === 404 ? "NotFound" : "",
      code: response.status,
    });
  }
  return response.body;
}

function writeQuery(o: WriteOptions): Record<string, string | undefined> {
  return { dryRun: o.dryRun ? "All" : undefined, fieldManager: o.fieldManager, fieldValidation: o.fieldValidation };
}

/** The REST calls kubectl's resource helper makes, with the same paths, parameters and headers. */
export class RestClient {
  constructor(readonly transport: Transport) {}

  request(req: RestRequest): ApiResponse {
    return this.transport.request(req);
  }

  get(mapping: Mapping, namespace: string | undefined, name: string, options: { table?: boolean; subresource?: string; includeObject?: "Object" } = {}): unknown {
    return check(
      this.request({
        method: "GET",
        path: resourcePath(mapping, namespace, name, options.subresource),
        query: options.includeObject ? { includeObject: options.includeObject } : undefined,
        headers: options.table ? { accept: TABLE_ACCEPT } : undefined,
      }),
    );
  }

  list(mapping: Mapping, namespace: string | undefined, options: ListOptions = {}): unknown {
    return check(
      this.request({
        method: "GET",
        path: resourcePath(mapping, namespace),
        query: {
          labelSelector: options.labelSelector || undefined,
          fieldSelector: options.fieldSelector || undefined,
          limit: options.limit !== undefined && options.limit > 0 ? String(options.limit) : undefined,
          continue: options.continue,
          includeObject: options.includeObject,
          resourceVersion: options.resourceVersion,
        },
        headers: options.table ? { accept: TABLE_ACCEPT } : undefined,
      }),
    );
  }

  /** Lists every page (kubectl follows `continue` tokens with the same chunk size). */
  listAll(mapping: Mapping, namespace: string | undefined, options: ListOptions = {}): { items: KubeObject[]; resourceVersion?: string } {
    const items: KubeObject[] = [];
    let token: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const page = this.list(mapping, namespace, { ...options, continue: token }) as { items?: KubeObject[]; metadata?: { continue?: string; resourceVersion?: string } };
      items.push(...(page.items ?? []));
      token = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion;
    } while (token);
    return { items, resourceVersion };
  }

  create(mapping: Mapping, namespace: string | undefined, obj: unknown, options: WriteOptions = {}): KubeObject {
    return check(this.request({ method: "POST", path: resourcePath(mapping, namespace), query: writeQuery(options), body: obj, headers: { "content-type": "application/json" } })) as KubeObject;
  }

  replace(mapping: Mapping, namespace: string | undefined, name: string, obj: unknown, options: WriteOptions = {}, subresource?: string): KubeObject {
    return check(
      this.request({ method: "PUT", path: resourcePath(mapping, namespace, name, subresource), query: writeQuery(options), body: obj, headers: { "content-type": "application/json" } }),
    ) as KubeObject;
  }

  patch(mapping: Mapping, namespace: string | undefined, name: string, type: keyof typeof PATCH_TYPES, patch: unknown, options: WriteOptions & { subresource?: string; force?: boolean } = {}): KubeObject {
    return check(
      this.request({
        method: "PATCH",
        path: resourcePath(mapping, namespace, name, options.subresource),
        query: { ...writeQuery(options), force: options.force ? "true" : undefined },
        body: patch,
        headers: { "content-type": PATCH_TYPES[type] },
      }),
    ) as KubeObject;
  }

  delete(mapping: Mapping, namespace: string | undefined, name: string, options: { dryRun?: boolean; gracePeriodSeconds?: number; propagationPolicy?: string; preconditions?: unknown } = {}): KubeObject {
    const body: Record<string, unknown> = {};
    if (options.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = options.gracePeriodSeconds;
    if (options.propagationPolicy) body.propagationPolicy = options.propagationPolicy;
    if (options.preconditions) body.preconditions = options.preconditions;
    if (options.dryRun) body.dryRun = ["All"];
    return check(
      this.request({
        method: "DELETE",
        path: resourcePath(mapping, namespace, name),
        body,
        headers: { "content-type": "application/json" },
      }),
    ) as KubeObject;
  }
}
