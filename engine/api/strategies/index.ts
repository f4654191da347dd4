import type { ResourceStrategy } from "../resource";
import { namespaceStrategy } from "./namespace";

/** Per-resource behaviour, keyed by "group/resource". Kinds without an entry get generic handling. */
export const STRATEGIES: Record<string, ResourceStrategy> = {
  "/namespaces": namespaceStrategy,
};
