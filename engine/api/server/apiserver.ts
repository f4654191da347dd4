import type { VirtualClock } from "../../clock/clock";
import type { SeededRandom } from "../../util/random";
import { VERSION_INFO } from "../../version";
import type { AdmissionPlugin } from "../admission/types";
import { forbiddenMessage, type AuthorizationAttributes, type Authorizer } from "../authorization";
import { ANONYMOUS } from "../auth/authenticator";
import { impersonate, wantsImpersonation } from "../auth/impersonation";
import { fieldValidationOf, validateApplyYaml, validateFields, validatePatchFields, warningHeader } from "../openapi/field-validation";
import { checkTypedDecoding } from "../openapi/typed-decoding";
import { ApiError, forbidden, internalError, methodNotAllowed, notFoundPath, unsupportedMediaType } from "../errors";
import type { ResourceDefinition } from "../resource";
import type { ResourceRegistry } from "../registry";
import type { ObjectStore } from "../store";
import type { ApiRequest, ApiResponse, KubeObject, UserInfo } from "../types";
import { decodeBody } from "./body";
import { decodePatchBody } from "../patch/patch-body";
import type { AuditEntry, ServerContext, SubresourceHandler } from "./context";
import {
  aggregatedDiscovery,
  AGGREGATED_DISCOVERY_TYPE,
  apiGroup,
  apiGroupList,
  apiVersions,
  resourceList,
  wantsAggregated,
} from "./discovery";
import {
  asList,
  createObject,
  deleteCollection,
  deleteObject,
  deleteOptions,
  getObject,
  listObjects,
  patchObject,
  patchTypeOf,
  updateObject,
  type ResourceCall,
} from "./rest";
import { scaleSubresource } from "./scale";
import { parseRoute } from "./route";
import { includeObjectPolicy, toTable, wantsTable } from "./table-response";
import { startWatch } from "./watch";

/** Serves a non-resource path (OpenAPI documents, metrics, …); returns undefined if it does not know the path. */
export type PathHandler = (request: ApiRequest) => ApiResponse | undefined;

/** Answers create on a resource that is computed rather than stored (reviews, metrics, bindings). */
export type VirtualResourceHandler = (call: ResourceCall & { method: ApiRequest["method"]; body: unknown }, server: ServerContext) => ApiResponse;

export interface ApiServerOptions {
  clock: VirtualClock;
  random: SeededRandom;
  registry: ResourceRegistry;
  store: ObjectStore;
  authorizer: Authorizer;
  serverAddress?: string;
}

const AUDIT_LIMIT = 5000;

/**
 * The Kubernetes API server: routing, authorization, admission, the REST verbs, watch, tables and
 * discovery over one store. Every caller — HTTP, emulated kubectl, controllers, graders — comes
 * through `handle`, so they all see the same behaviour and the same errors.
 */
export class ApiServer implements ServerContext {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly registry: ResourceRegistry;
  readonly store: ObjectStore;
  authorizer: Authorizer;
  readonly admission: AdmissionPlugin[] = [];
  readonly subresources = new Map<string, SubresourceHandler>();
  readonly virtualResources = new Map<string, VirtualResourceHandler>();
  readonly pathHandlers: PathHandler[] = [];
  /**
   * How a stored object of a "group/resource" reads at this moment, for gets and lists (watches see
   * what is stored): control-plane leases read as renewed while their holder runs
   * (engine/controllers/leader-election.ts), so no renewal needs writing.
   */
  readonly readViews = new Map<string, (obj: KubeObject) => KubeObject>();
  readonly audit: AuditEntry[] = [];
  serverAddress: string;
  /** What /version reports when the running kube-apiserver is another release (set after `kubeadm upgrade apply`). */
  versionInfo?: { [K in keyof typeof VERSION_INFO]: string };
  /** Called after each top-level request that wrote something: the cluster runs its controllers here. */
  afterWrite?: () => void;
  /**
   * The state under `key` that the cluster's components (event recorders) keep outside the API
   * but across snapshots, made by `init` when there is none, to change in place now. The cluster
   * points this at its plugin state (Cluster.changePluginState); a bare server keeps it here.
   */
  changeComponentState: <T>(key: string, init: () => T) => T = (key, init) => (this.componentState[key] ??= init()) as never;
  private readonly componentState: Record<string, unknown> = {};
  private depth = 0;
  private wrote = false;

  constructor(options: ApiServerOptions) {
    this.clock = options.clock;
    this.random = options.random;
    this.registry = options.registry;
    this.store = options.store;
    this.authorizer = options.authorizer;
    this.serverAddress = options.serverAddress ?? "172.30.1.2:6443";
  }

  registerSubresource(group: string, resource: string, subresource: string, handler: SubresourceHandler): void {
    this.subresources.set(`${group}/${resource}/${subresource}`, handler);
  }

  handle(request: ApiRequest): ApiResponse {
    this.depth++;
    const revisionBefore = this.store.currentRevision;
    try {
      return this.dispatch(request);
    } catch (e) {
      if (e instanceof ApiError) return { status: e.code, body: e.status };
      const message = e instanceof Error ? e.message : String(e);
      const error = internalError(message);
      return { status: 500, body: error.status };
    } finally {
      if (this.store.currentRevision !== revisionBefore) this.wrote = true;
      this.depth--;
      if (this.depth === 0 && this.wrote) {
        this.wrote = false;
        this.afterWrite?.();
      }
    }
  }

  private dispatch(request: ApiRequest): ApiResponse {
    const query = request.query ?? new URLSearchParams();
    const headers = request.headers ?? {};
    // A request without credentials runs as system:anonymous and RBAC decides (kubeadm keeps
    // --anonymous-auth on); bad credentials were already refused with 401 by the HTTP layer.
    let user: UserInfo = request.user ?? ANONYMOUS;
    if (wantsImpersonation(headers)) user = impersonate(this.authorizer, user, headers);
    const route = request.route ?? parseRoute(request.path);
    switch (route.type) {
      case "other":
        return this.nonResource(request, route.path, user);
      case "root-core":
        this.authorizeNonResource(user, request.path);
        if (wantsAggregated(headers.accept)) {
          return { status: 200, headers: { "content-type": AGGREGATED_DISCOVERY_TYPE }, body: aggregatedDiscovery(this.registry, true) };
        }
        return { status: 200, body: apiVersions(this.serverAddress) };
      case "root-groups":
        this.authorizeNonResource(user, request.path);
        if (wantsAggregated(headers.accept)) {
          return { status: 200, headers: { "content-type": AGGREGATED_DISCOVERY_TYPE }, body: aggregatedDiscovery(this.registry, false) };
        }
        return { status: 200, body: apiGroupList(this.registry) };
      case "group": {
        this.authorizeNonResource(user, request.path);
        const body = apiGroup(this.registry, route.group);
        if (!body) throw notFoundPath();
        return { status: 200, body };
      }
      case "group-version": {
        this.authorizeNonResource(user, request.path);
        const body = resourceList(this.registry, route.group, route.version);
        if (!body) throw notFoundPath();
        return { status: 200, body };
      }
      case "resource": {
        const def = this.registry.lookup(route.group, route.version, route.resource);
        if (!def) throw notFoundPath();
        const call: ResourceCall = {
          def,
          version: route.version,
          namespace: def.namespaced ? route.namespace : undefined,
          name: route.name,
          query,
          user,
          headers,
          ...(request.typedClient ? { typedClient: true } : {}),
          ...(request.handedOver ? { handedOver: true } : {}),
        };
        if (!def.namespaced && route.namespace) throw notFoundPath();
        const deprecation = def.deprecationWarnings?.[route.version];
        // Without a deprecation (nearly every request) no closure is made for the call.
        if (deprecation) return withWarning(deprecation, () => this.serveResource(request, call, route.subresource));
        return this.serveResource(request, call, route.subresource);
      }
    }
  }

  private serveResource(request: ApiRequest, call: ResourceCall, subresource: string | undefined): ApiResponse {
    return subresource ? this.subresource(request, call, subresource) : this.resource(request, call);
  }

  private nonResource(request: ApiRequest, path: string, user: UserInfo): ApiResponse {
    if (!isPublicPath(path)) this.authorizeNonResource(user, path);
    if (path === "/version") return { status: 200, body: this.versionInfo ?? VERSION_INFO, rawJson: true };
    if (path === "/healthz" || path === "/livez" || path === "/readyz") {
      return { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "ok" };
    }
    for (const handler of this.pathHandlers) {
      const response = handler({ ...request, path });
      if (response) return response;
    }
    throw notFoundPath();
  }

  private authorizeNonResource(user: UserInfo, path: string): void {
    const attrs: AuthorizationAttributes = { user, verb: "get", path, resourceRequest: false };
    if (!this.authorizer.authorize(attrs).allowed) throw forbidden(forbiddenMessage(attrs));
  }

  private authorize(call: ResourceCall, verb: string, subresource?: string): void {
    const attrs: AuthorizationAttributes = {
      user: call.user,
      verb,
      group: call.def.group,
      resource: call.def.resource,
      subresource,
      // As the apiserver's RequestInfoFactory: /api/v1/namespaces/{name} is "in" namespace {name},
      // so a RoleBinding there can grant `get` on its own namespace.
      namespace: call.namespace ?? (call.def.group === "" && call.def.resource === "namespaces" ? call.name : undefined),
      name: call.name,
      resourceRequest: true,
    };
    const decision = this.authorizer.authorize(attrs);
    if (!decision.allowed) {
      const reason = decision.reason ? `: ${decision.reason}` : "";
      throw forbidden(forbiddenMessage(attrs) + reason, { group: call.def.group, resource: call.def.resource }, call.name);
    }
  }

  private verbFor(request: ApiRequest, call: ResourceCall): string {
    const watch = call.query.get("watch");
    switch (request.method) {
      case "GET":
      case "HEAD":
        if (watch === "true" || watch === "1") return "watch";
        return call.name ? "get" : "list";
      case "POST":
        return "create";
      case "PUT":
        return "update";
      case "PATCH":
        return "patch";
      case "DELETE":
        return call.name ? "delete" : "deletecollection";
      default:
        throw methodNotAllowed();
    }
  }

  private resource(request: ApiRequest, call: ResourceCall): ApiResponse {
    const verb = this.verbFor(request, call);
    if (!call.def.verbs?.includes(verb)) {
      throw methodNotAllowed();
    }
    if (verb === "create" && call.name) throw methodNotAllowed();
    this.authorize(call, verb);
    const virtual = this.virtualResources.get(`${call.def.group}/${call.def.resource}`);
    if (virtual) {
      const body = decodeBody(request.body, call.headers["content-type"]);
      return this.audited(call, verb, undefined, () => virtual({ ...call, method: request.method, body }, this));
    }
    if (call.def.virtual) throw methodNotAllowed(`${call.def.resource} are not served by this Kubecoach cluster`);
    const accept = call.headers.accept;
    switch (verb) {
      case "get": {
        const view = this.readViews.get(`${call.def.group}/${call.def.resource}`);
        const obj = view ? view(getObject(this, call)) : getObject(this, call);
        if (wantsTable(accept)) {
          return { status: 200, body: toTable(call.def, [obj], { now: this.clock.now(), include: includeObjectPolicy(call.query), resourceVersion: obj.metadata.resourceVersion }) };
        }
        return { status: 200, body: obj };
      }
      case "list": {
        const view = this.readViews.get(`${call.def.group}/${call.def.resource}`);
        const listed = listObjects(this, call);
        const result = view ? { ...listed, items: listed.items.map(view) } : listed;
        if (wantsTable(accept)) {
          return {
            status: 200,
            body: toTable(call.def, result.items, {
              now: this.clock.now(),
              include: includeObjectPolicy(call.query),
              resourceVersion: result.resourceVersion,
              continueToken: result.continueToken,
              remaining: result.remaining,
            }),
          };
        }
        return { status: 200, body: asList(call.def, call.version, result) };
      }
      case "watch": {
        const stream = startWatch(this, call, wantsTable(accept) ? { table: { include: includeObjectPolicy(call.query) } } : {});
        return { status: 200, watch: stream };
      }
      case "create": {
        const body = decodeBody(request.body, call.headers["content-type"]);
        return this.audited(call, verb, undefined, () => {
          if (!call.typedClient) checkTypedDecoding(call.def, call.version, body);
          const raw = { body: request.body, contentType: call.headers["content-type"] };
          const warnings = (call.warnings = validateFields(call.def, call.version, body, call.query, { raw }));
          const created = createObject(this, call, body);
          return { status: 201, headers: warningHeader(warnings), body: created };
        });
      }
      case "update": {
        const body = decodeBody(request.body, call.headers["content-type"]);
        return this.audited(call, verb, undefined, () => {
          if (!call.typedClient) checkTypedDecoding(call.def, call.version, body);
          const raw = { body: request.body, contentType: call.headers["content-type"] };
          const warnings = (call.warnings = validateFields(call.def, call.version, body, call.query, { raw }));
          const updated = updateObject(this, call, body);
          return { status: 200, headers: warningHeader(warnings), body: updated };
        });
      }
      case "patch": {
        const type = patchTypeOf(call.headers["content-type"]);
        if (!type) throw unsupportedMediaType(call.headers["content-type"] ?? "");
        const body = type === "apply" ? decodeBody(request.body, "application/yaml") : decodePatchBody(type, request.body, fieldValidationOf(call.query));
        return this.audited(call, verb, undefined, () => {
          // JSON patches name paths, not fields; the other patch types mirror the object's shape.
          const raw = { body: request.body, contentType: type === "apply" ? "application/yaml" : "application/json" };
          const warnings: string[] = (call.warnings = []);
          if (type === "apply") warnings.push(...validateApplyYaml(call.query, raw), ...validateFields(call.def, call.version, body, call.query, { patch: true }));
          const patched = patchObject(this, call, body, type, undefined, (result) => {
            if (type !== "apply") warnings.push(...validatePatchFields(call.def, call.version, type, body, result, call.query, raw));
          });
          return { status: 200, headers: warningHeader(warnings), body: patched };
        });
      }
      case "delete": {
        const body = decodeBody(request.body, call.headers["content-type"]);
        return this.audited(call, verb, undefined, () => ({ status: 200, body: deleteObject(this, call, deleteOptions(call.query, body)) }));
      }
      case "deletecollection": {
        const body = decodeBody(request.body, call.headers["content-type"]);
        return this.audited(call, verb, undefined, () => ({ status: 200, body: deleteCollection(this, call, deleteOptions(call.query, body)) }));
      }
      default:
        throw methodNotAllowed();
    }
  }

  private subresource(request: ApiRequest, call: ResourceCall, subresource: string): ApiResponse {
    const { def } = call;
    if (!call.name || !def.subresources?.includes(subresource)) throw notFoundPath();
    // Streaming connections (exec, attach, portforward) need `create` whatever the method: the
    // WebSocket upgrade is a GET, and the apiserver checks create for it (AuthorizePodWebsocketUpgradeCreatePermission).
    const connect = def.group === "" && def.resource === "pods" && (subresource === "exec" || subresource === "attach" || subresource === "portforward");
    const verb = connect ? "create" : request.method === "GET" ? "get" : this.verbFor(request, call);
    this.authorize(call, verb, subresource);
    const custom = this.subresources.get(`${def.group}/${def.resource}/${subresource}`);
    if (custom) {
      const body = decodeBody(request.body, patchTypeOf(call.headers["content-type"]) ? "application/json" : call.headers["content-type"]);
      return this.audited(call, verb, subresource, () =>
        custom.handle(
          {
            method: request.method,
            group: def.group,
            version: call.version,
            resource: def.resource,
            namespace: call.namespace,
            name: call.name!,
            subresource,
            query: call.query,
            headers: call.headers,
            body,
            user: call.user,
          },
          this,
        ),
      );
    }
    if (subresource === "status") return this.audited(call, verb, subresource, () => this.statusSubresource(request, call));
    if (subresource === "scale" && def.scale) return this.audited(call, verb, subresource, () => scaleSubresource(this, request, call));
    throw methodNotAllowed(`the ${subresource} subresource of ${def.resource} is not available in this Kubecoach cluster`);
  }

  private statusSubresource(request: ApiRequest, call: ResourceCall): ApiResponse {
    switch (request.method) {
      case "GET":
        return { status: 200, body: getObject(this, call) };
      case "PUT":
        return { status: 200, body: updateObject(this, call, decodeBody(request.body, call.headers["content-type"]), "status") };
      case "PATCH": {
        const type = patchTypeOf(call.headers["content-type"]);
        if (!type) throw unsupportedMediaType(call.headers["content-type"] ?? "");
        const body = type === "apply" ? decodeBody(request.body, "application/json") : decodePatchBody(type, request.body, fieldValidationOf(call.query));
        return { status: 200, body: patchObject(this, call, body, type, "status") };
      }
      default:
        throw methodNotAllowed();
    }
  }

  /** Runs a write and records it in the audit log with its outcome. */
  private audited(call: ResourceCall, verb: string, subresource: string | undefined, run: () => ApiResponse): ApiResponse {
    let code = 500;
    // Like the real audit log's objectRef, a create records the name the object got.
    let createdName: string | undefined;
    try {
      const response = run();
      code = response.status;
      if (!call.name && verb === "create") createdName = (response.body as { metadata?: { name?: string } } | undefined)?.metadata?.name;
      return response;
    } catch (e) {
      if (e instanceof ApiError) code = e.code;
      throw e;
    } finally {
      if (!isSystemUser(call.user)) {
        this.audit.push({
          time: this.clock.nowRfc3339(),
          user: call.user.username,
          verb,
          group: call.def.group,
          resource: call.def.resource,
          ...(subresource ? { subresource } : {}),
          ...(call.namespace ? { namespace: call.namespace } : {}),
          ...(call.name ?? createdName ? { name: call.name ?? createdName } : {}),
          code,
          ...(call.headers["user-agent"] ? { userAgent: call.headers["user-agent"] } : {}),
        });
        if (this.audit.length > AUDIT_LIMIT) this.audit.splice(0, this.audit.length - AUDIT_LIMIT);
      }
    }
  }

  /** Finds the definition for a group and kind (used by clients that hold an object and want its endpoint). */
  definitionForKind(group: string, kind: string): ResourceDefinition | undefined {
    return this.registry.byKind(group, kind);
  }
}

function isSystemUser(user: UserInfo): boolean {
  return user.username.startsWith("system:") && !user.username.startsWith("system:serviceaccount:");
}

/** Paths an anonymous client may read on a kubeadm cluster (system:public-info-viewer). */
function isPublicPath(path: string): boolean {
  return ["/healthz", "/livez", "/readyz", "/version"].includes(path.replace(/\/+$/, ""));
}

/** The deprecation Warning is added before the request is served, so errors carry it too. */
function withWarning(warning: string, serve: () => ApiResponse): ApiResponse {
  const header = warningHeader([warning]).warning;
  const add = (response: ApiResponse): ApiResponse => {
    const existing = response.headers?.warning;
    return { ...response, headers: { ...(response.headers ?? {}), warning: existing ? `${header}, ${existing}` : header } };
  };
  try {
    return add(serve());
  } catch (e) {
    if (e instanceof ApiError) return add({ status: e.code, body: e.status });
    throw e;
  }
}
