import type { VirtualClock } from "../../clock/clock";
import type { SeededRandom } from "../../util/random";
import type { AdmissionPlugin } from "../admission/types";
import type { Authorizer } from "../authorization";
import type { ResourceRegistry } from "../registry";
import type { ObjectStore } from "../store";
import type { ApiRequest, ApiResponse, UserInfo } from "../types";

/** A handler for one subresource (pods/log, pods/eviction, …); `status` and `scale` are built in. */
export interface SubresourceHandler {
  handle(request: SubresourceRequest, server: ServerContext): ApiResponse;
}

export interface SubresourceRequest {
  method: ApiRequest["method"];
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name: string;
  subresource: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  user: UserInfo;
}

/** An entry of the audit log the grader reads ("the pods were evicted by a drain, not deleted"). */
export interface AuditEntry {
  time: string;
  user: string;
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  code: number;
  userAgent?: string;
}

/** What the pieces of the API server share. */
export interface ServerContext {
  clock: VirtualClock;
  random: SeededRandom;
  registry: ResourceRegistry;
  store: ObjectStore;
  admission: AdmissionPlugin[];
  authorizer: Authorizer;
  subresources: Map<string, SubresourceHandler>;
  /** Handles a nested request (subresource handlers write through the same path). */
  handle(request: ApiRequest): ApiResponse;
}
