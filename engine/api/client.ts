import { ApiError } from "./errors";
import { apiVersionOf, type ResourceDefinition } from "./resource";
import type { ApiServer } from "./server/apiserver";
import type { ApiResponse, KubeList, KubeObject, ResourceRoute, UserInfo } from "./types";

export type PatchKind = "strategic" | "merge" | "json";

const PATCH_CONTENT_TYPES: Record<PatchKind, string> = {
  strategic: "application/strategic-merge-patch+json",
  merge: "application/merge-patch+json",
  json: "application/json-patch+json",
};

type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RequestOptions {
  body?: unknown;
  query?: Record<string, string>;
  contentType?: string;
  accept?: string;
  handOver?: boolean;
}

// Shared by every request without a query: the server only reads a request's query.
const NO_QUERY = new URLSearchParams();
const IGNORE_UNKNOWN_FIELDS = new URLSearchParams({ fieldValidation: "Ignore" });

function isEmpty(query: Record<string, string>): boolean {
  for (const _ in query) return false;
  return true;
}

/** The REST path of a resource, as an HTTP client would send it. */
function pathOf(def: ResourceDefinition, namespace?: string, name?: string, subresource?: string): string {
  const base = def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
  const ns = def.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const n = name ? `/${encodeURIComponent(name)}` : "";
  const s = subresource ? `/${subresource}` : "";
  return `${base}${ns}/${def.resource}${n}${s}`;
}

/**
 * A typed convenience over `ApiServer.handle` for in-process callers (controllers, kubelets,
 * scenario setup, graders). It builds the same REST paths an HTTP client would, so every call
 * still goes through routing, authorization and admission. Errors are thrown as ApiError.
 */
export class ApiClient {
  constructor(
    readonly server: ApiServer,
    readonly user: UserInfo,
    private readonly userAgent = "kubecoach-engine",
    /**
     * Set for the control loops: like client-go's typed clients they can only send fields their
     * types know, so the server's unknown-field walk would find nothing; they ask it to skip the
     * walk (fieldValidation=Ignore) unless a call says otherwise. Scenario setup, graders and
     * tests send arbitrary objects and keep the server's default.
     */
    private readonly typed = false,
  ) {}

  as(user: UserInfo, userAgent = this.userAgent): ApiClient {
    return new ApiClient(this.server, user, userAgent, this.typed);
  }

  definition(group: string, resource: string): ResourceDefinition {
    const def = this.server.registry.get(group, resource);
    if (!def) throw new Error(`unknown resource ${resource}${group ? "." + group : ""}`);
    return def;
  }

  path(group: string, resource: string, namespace?: string, name?: string, subresource?: string): string {
    return pathOf(this.definition(group, resource), namespace, name, subresource);
  }

  request(method: HttpMethod, path: string, options: RequestOptions = {}): ApiResponse {
    return this.send(method, path, undefined, options);
  }

  /**
   * A request to a resource the caller named: the route is handed to the server with the path, so
   * the path the client just built is not parsed again (controllers make thousands of these).
   */
  private call(method: HttpMethod, def: ResourceDefinition, namespace: string | undefined, name: string | undefined, subresource: string | undefined, options: RequestOptions = {}): ApiResponse {
    const ns = def.namespaced && namespace ? namespace : undefined;
    const route: ResourceRoute = { type: "resource", group: def.group, version: def.version, resource: def.resource, namespace: ns, name: name || undefined, subresource: subresource || undefined };
    return this.send(method, pathOf(def, namespace, name, subresource), route, options);
  }

  private send(method: HttpMethod, path: string, route: ResourceRoute | undefined, options: RequestOptions): ApiResponse {
    const headers: Record<string, string> = { "user-agent": this.userAgent };
    if (options.contentType) headers["content-type"] = options.contentType;
    if (options.accept) headers.accept = options.accept;
    return this.server.handle({
      method,
      path,
      query: this.queryFor(method, options.query),
      headers,
      body: options.body,
      user: this.user,
      ...(route ? { route } : {}),
      ...(this.typed ? { typedClient: true } : {}),
      ...(options.handOver ? { handedOver: true } : {}),
    });
  }

  /** Most calls send no query: they share one empty (or fieldValidation=Ignore) query, which the server only reads. */
  private queryFor(method: HttpMethod, query: Record<string, string> | undefined): URLSearchParams {
    const typedWrite = this.typed && method !== "GET" && method !== "DELETE";
    if (!query || isEmpty(query)) return typedWrite ? IGNORE_UNKNOWN_FIELDS : NO_QUERY;
    const params = new URLSearchParams(query);
    if (typedWrite && !params.has("fieldValidation")) params.set("fieldValidation", "Ignore");
    return params;
  }

  private expect<T>(response: ApiResponse): T {
    if (response.status >= 400) throw new ApiError(response.body as ApiError["status"]);
    return response.body as T;
  }

  /** Returns the object, or undefined when it does not exist. */
  get(group: string, resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const response = this.call("GET", this.definition(group, resource), namespace, name, undefined);
    if (response.status === 404) return undefined;
    return this.expect<KubeObject>(response);
  }

  list(group: string, resource: string, namespace?: string, query: Record<string, string> = {}): KubeObject[] {
    return this.expect<KubeList>(this.call("GET", this.definition(group, resource), namespace, undefined, undefined, { query })).items;
  }

  /** `handOver`: `obj` was built for this call alone and the caller will not touch it again (the server skips copying it). */
  create(obj: KubeObject, query: Record<string, string> = {}, handOver = false): KubeObject {
    const def = this.definitionFor(obj);
    return this.expect<KubeObject>(this.call("POST", def, obj.metadata.namespace, undefined, undefined, { body: obj, query, contentType: "application/json", handOver }));
  }

  update(obj: KubeObject, subresource?: string): KubeObject {
    const def = this.definitionFor(obj);
    return this.expect<KubeObject>(
      this.call("PUT", def, obj.metadata.namespace, obj.metadata.name, subresource, { body: obj, contentType: "application/json" }),
    );
  }

  patch(group: string, resource: string, namespace: string | undefined, name: string, patch: unknown, kind: PatchKind = "merge", subresource?: string): KubeObject {
    return this.expect<KubeObject>(
      this.call("PATCH", this.definition(group, resource), namespace, name, subresource, { body: patch, contentType: PATCH_CONTENT_TYPES[kind] }),
    );
  }

  patchStatus(group: string, resource: string, namespace: string | undefined, name: string, status: unknown): KubeObject {
    return this.patch(group, resource, namespace, name, { status }, "merge", "status");
  }

  /** Deletes; a missing object is not an error here (controllers race with users). */
  delete(group: string, resource: string, namespace: string | undefined, name: string, options: Record<string, unknown> = {}): KubeObject | undefined {
    const response = this.call("DELETE", this.definition(group, resource), namespace, name, undefined, { body: { kind: "DeleteOptions", apiVersion: "v1", ...options }, contentType: "application/json" });
    if (response.status === 404) return undefined;
    return this.expect<KubeObject>(response);
  }

  subresource(method: "POST" | "PUT" | "GET", group: string, resource: string, namespace: string | undefined, name: string, subresource: string, body?: unknown): unknown {
    return this.expect<unknown>(this.call(method, this.definition(group, resource), namespace, name, subresource, { body, contentType: "application/json" }));
  }

  definitionFor(obj: KubeObject): ResourceDefinition {
    const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
    const def = this.server.registry.byKind(group, obj.kind);
    if (!def) throw new Error(`no resource for ${obj.kind} in ${obj.apiVersion}`);
    void version;
    return def;
  }

  apiVersion(group: string, resource: string): string {
    return apiVersionOf(this.definition(group, resource));
  }
}
