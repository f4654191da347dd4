import type { StreamUpgrade } from "../kubelet/streaming/session";

/**
 * Shapes shared by everything that talks to the API server. Objects are kept loosely typed
 * (a KubeObject is JSON) because the server stores every kind, including custom resources, the
 * same way; typed views come from `kubernetes-types` where code needs a particular kind.
 */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: "Apply" | "Update";
  apiVersion?: string;
  time?: string;
  fieldsType?: "FieldsV1";
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: ManagedFieldsEntry[];
  selfLink?: string;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface KubeList<T = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** Who is making a request, as the authenticator resolved it. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export const SYSTEM_ADMIN: UserInfo = {
  username: "kubernetes-admin",
  groups: ["kubeadm:cluster-admins", "system:authenticated"],
};

/** The identity controllers and the grader use: a member of system:masters, never denied. */
export const SYSTEM_MASTER: UserInfo = {
  username: "system:apiserver",
  groups: ["system:masters", "system:authenticated"],
};

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS";

/**
 * One request to the API server: the same whether it came over HTTP from the real kubectl or
 * in-process from the emulated kubectl, a controller or a grader (DESIGN.md §3 "one path").
 * Header names are lower-case. `body` is raw text from HTTP, or an already-parsed object in process.
 */
export interface ApiRequest {
  method: HttpMethod;
  path: string;
  query?: URLSearchParams;
  headers?: Record<string, string>;
  body?: unknown;
  user?: UserInfo;
  /** Set by the HTTP layer when the request was not authenticated. */
  anonymous?: boolean;
  /**
   * Set only by in-process typed clients (the control loops): their bodies are built by engine code
   * from typed data, so the decoding checks a JSON body needs (Go types of every field) cannot fail
   * and are skipped. The HTTP layer never sets it.
   */
  typedClient?: boolean;
  /**
   * Set only by in-process callers that built `body` for this one request and never read or change
   * it afterwards (event recorders): a create stores its parts instead of a deep copy. The HTTP
   * layer never sets it.
   */
  handedOver?: boolean;
  /**
   * Set only by in-process clients that resolved the resource themselves (ApiClient): the route
   * `path` names, so the server does not parse the path again. The HTTP layer never sets it.
   */
  route?: ResourceRoute;
}

/** A parsed resource path: /api(s)/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]. */
export interface ResourceRoute {
  type: "resource";
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: unknown;
}

/** A live stream of events (watch) or text chunks (logs -f); `close` ends it from the client side. */
export interface ApiStream<T> {
  onData(listener: (chunk: T) => void): void;
  onEnd(listener: () => void): void;
  close(): void;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  /** A JSON-able object, or text (logs, OpenAPI documents already serialised). */
  body?: unknown;
  /** The body is a non-API object the apiserver writes with WriteRawJSON (/version): always indented. */
  rawJson?: true;
  watch?: ApiStream<WatchEvent>;
  textStream?: ApiStream<string>;
  /** Status 101: the connection becomes a stream session (pods/exec, attach, portforward; engine/kubelet/streaming). */
  upgrade?: StreamUpgrade;
}
