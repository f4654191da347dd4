import type { KubeObject } from "../../../api/types";

/**
 * kubectl diff's Masker: a Secret's data values never reach the terminal. Keys on both sides with
 * different values read `*** (before)` / `*** (after)`, all others `***`. A Secret that does not
 * exist yet prints as `null` (the masker hands the printer an empty object, not nothing).
 */
export function maskSecrets(live: KubeObject | null, merged: KubeObject | null): { live: unknown; merged: unknown; secret: boolean } {
  const isSecret = (o: KubeObject | null) => o?.kind === "Secret" && (o.apiVersion === "v1" || o.apiVersion === undefined);
  if (!isSecret(live) && !isSecret(merged)) return { live, merged, secret: false };
  const from = live ? (JSON.parse(JSON.stringify(live)) as KubeObject) : null;
  const to = merged ? (JSON.parse(JSON.stringify(merged)) as KubeObject) : null;
  const fromData = (from?.data ?? {}) as Record<string, string>;
  const toData = (to?.data ?? {}) as Record<string, string>;
  for (const key of Object.keys(fromData)) {
    if (key in toData && fromData[key] !== toData[key]) {
      fromData[key] = "*** (before)";
      toData[key] = "*** (after)";
    } else fromData[key] = "***";
  }
  for (const key of Object.keys(toData)) if (!toData[key].startsWith("*** (")) toData[key] = "***";
  return { live: from, merged: to, secret: true };
}
