import type { KubeObject, WatchEvent } from "../../api/types";
import type { CommandContext } from "../cli/command";
import { resourcePath, type ResourceMapping } from "./discovery";
import { check } from "./rest";

/** How long one wait step lets the simulation run; small enough that output follows events closely. */
export const WAIT_STEP_MS = 1000;

export class WaitTimeout extends Error {
  constructor() {
    super("timed out waiting for the condition");
  }
}

/** Ctrl-C while waiting: the command ends quietly with the shell's interrupt status. */
export class Interrupted extends Error {
  constructor() {
    super("");
  }
}

/**
 * client-go's watchtools.UntilWithSync on one object: lists it by name (the informer's first
 * request), then watches from the list's resourceVersion, calling `handle` for the listed object
 * and every event until it answers true. Waiting lets the simulation advance through ctx.sleep;
 * the time spent counts against `timeoutMs` (0 = no limit) even where sleeping does not move
 * the clock.
 */
export async function untilWithSync(
  c: CommandContext,
  mapping: ResourceMapping,
  namespace: string | undefined,
  name: string,
  handle: (event: { type: WatchEvent["type"]; object: KubeObject }) => boolean,
  timeoutMs: number,
): Promise<void> {
  const rest = c.factory.rest();
  const fieldSelector = `metadata.name=${name}`;
  const list = check(rest.request({ method: "GET", path: resourcePath(mapping, namespace), query: { fieldSelector, limit: "500", resourceVersion: "0" } })) as {
    items?: KubeObject[];
    metadata?: { resourceVersion?: string };
  };
  let done = false;
  let failure: unknown;
  const deliver = (type: WatchEvent["type"], object: KubeObject) => {
    if (done) return;
    try {
      if (handle({ type, object })) done = true;
    } catch (e) {
      failure = e;
      done = true;
    }
  };
  for (const item of list.items ?? []) deliver("ADDED", { ...item, apiVersion: item.apiVersion ?? apiVersionOf(mapping), kind: item.kind ?? mapping.kind } as KubeObject);
  if (failure) throw failure;
  if (done) return;
  const response = rest.request({
    method: "GET",
    path: resourcePath(mapping, namespace),
    query: { allowWatchBookmarks: "true", fieldSelector, resourceVersion: list.metadata?.resourceVersion ?? "0", timeoutSeconds: "544", watch: "true" },
  });
  check(response);
  const stream = response.watch;
  stream?.onData((event) => {
    if (event.type === "ADDED" || event.type === "MODIFIED" || event.type === "DELETED") deliver(event.type, event.object as KubeObject);
  });
  try {
    let waited = 0;
    while (!done) {
      if (c.ctx.signal.aborted) throw new Interrupted();
      if (timeoutMs > 0 && waited >= timeoutMs) throw new WaitTimeout();
      const step = timeoutMs > 0 ? Math.min(WAIT_STEP_MS, timeoutMs - waited) : WAIT_STEP_MS;
      await c.ctx.sleep(step);
      waited += step;
    }
  } finally {
    stream?.close();
  }
  if (failure) throw failure;
}

export function apiVersionOf(mapping: Pick<ResourceMapping, "group" | "version">): string {
  return mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version;
}
