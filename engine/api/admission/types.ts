import type { ResourceDefinition, StrategyContext } from "../resource";
import type { KubeObject, UserInfo } from "../types";

export type AdmissionOperation = "CREATE" | "UPDATE" | "DELETE" | "CONNECT";

/** What an admission plugin sees about one request (k8s.io/apiserver/pkg/admission.Attributes). */
export interface AdmissionAttributes {
  operation: AdmissionOperation;
  def: ResourceDefinition;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The object being written (mutable in `mutate`); undefined for DELETE. */
  object?: KubeObject;
  oldObject?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
}

/**
 * One admission plugin. `mutate` may change attrs.object; `validate` throws an ApiError to refuse.
 * Plugins run in registration order, mutating ones first, like the real admission chain.
 */
export interface AdmissionPlugin {
  name: string;
  mutate?(attrs: AdmissionAttributes, ctx: StrategyContext): void;
  validate?(attrs: AdmissionAttributes, ctx: StrategyContext): void;
}
