import type { ResourceDefinition } from "../resource";
import { coreToEventsV1, eventsV1ToCore } from "./events";
import { FIELD_SELECTORS } from "./field-selectors";
import { hpaToV1, hpaToV2 } from "./hpa";

/**
 * What the catalog's plain entries gain when the core plugin registers them: field selectors,
 * extra served versions with their conversions, and shared storage.
 */
export const KIND_EXTRAS: Record<string, Partial<ResourceDefinition>> = {
  "autoscaling/horizontalpodautoscalers": {
    otherVersions: [{ version: "v1", toStorage: hpaToV2, fromStorage: hpaToV1 }],
  },
  "events.k8s.io/events": {
    storedAs: { typeKey: "/events", toStorage: eventsV1ToCore, fromStorage: coreToEventsV1 },
  },
};

for (const [key, selectors] of Object.entries(FIELD_SELECTORS)) {
  KIND_EXTRAS[key] = { ...(KIND_EXTRAS[key] ?? {}), fieldSelectors: selectors };
}
