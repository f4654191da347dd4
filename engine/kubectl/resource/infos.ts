import type { KubeObject } from "../../api/types";
import type { CommandContext } from "../cli/command";
import { StatusError } from "../cli/errors";
import { resourcePath, type ResourceMapping } from "../client/discovery";
import { check } from "../client/rest";
import { buildTargets, type BuilderOptions, type Target } from "./builder";

/** One object a command works on (kubectl's resource.Info): where it lives and its current state. */
export interface Info {
  mapping: ResourceMapping;
  namespace?: string;
  name: string;
  object: KubeObject;
  /** The file it came from, for objects given with -f. */
  source?: string;
}

/**
 * The builder's `.Latest().Flatten()` walk: names are fetched, lists are listed, objects from files
 * are fetched from the server (or used as read with `local`). Fetch errors are collected, like
 * ContinueOnError, so the command can act on the rest before reporting them.
 */
/**
 * cli-runtime's selector visitor names what it listed when a list fails as a bad request or not
 * found (a type whose CRD is gone but still in the discovery cache, a field selector the server
 * refuses): "Unable to list "example.com/v1, Resource=widgets": …" or, with selectors, "Unable to
 * find … that match label selector …, field selector …: …".
 */
export function listFailure(e: unknown, mapping: ResourceMapping, labelSelector = "", fieldSelector = ""): unknown {
  if (!(e instanceof StatusError)) return e;
  const { reason, code } = e.status;
  if (reason !== "BadRequest" && reason !== "NotFound" && !(reason === undefined && code === 404)) return e;
  const gvr = `"${mapping.group}/${mapping.version}, Resource=${mapping.resource}"`;
  const detail = e.status.message ?? "";
  const message = !labelSelector && !fieldSelector ? `Unable to list ${gvr}: ${detail}` : `Unable to find ${gvr} that match label selector "${labelSelector}", field selector "${fieldSelector}": ${detail}`;
  return new StatusError({ ...e.status, message });
}

export function fetchInfos(c: CommandContext, targets: Target[], options: { local?: boolean; labelSelector?: string; fieldSelector?: string } = {}): { infos: Info[]; errors: Error[] } {
  const rest = c.factory.rest();
  const infos: Info[] = [];
  const errors: Error[] = [];
  for (const t of targets) {
    try {
      if (t.kind === "list") {
        let list: { items?: KubeObject[] };
        try {
          list = check(
            rest.request({
              method: "GET",
              path: resourcePath(t.mapping, t.namespace),
              query: { labelSelector: options.labelSelector || undefined, fieldSelector: options.fieldSelector || undefined },
            }),
          ) as { items?: KubeObject[] };
        } catch (e) {
          throw listFailure(e, t.mapping, options.labelSelector, options.fieldSelector);
        }
        for (const obj of list.items ?? []) {
          const item = { ...obj, apiVersion: obj.apiVersion ?? (t.mapping.group ? `${t.mapping.group}/${t.mapping.version}` : t.mapping.version), kind: obj.kind ?? t.mapping.kind } as KubeObject;
          infos.push({ mapping: t.mapping, namespace: obj.metadata.namespace, name: obj.metadata.name!, object: item });
        }
      } else if (t.kind === "object" && options.local) {
        infos.push({ mapping: t.mapping, namespace: t.namespace, name: t.name, object: t.object, source: t.source });
      } else {
        const obj = check(rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace, t.name) })) as KubeObject;
        infos.push({ mapping: t.mapping, namespace: t.namespace, name: t.name, object: obj, source: t.kind === "object" ? t.source : undefined });
      }
    } catch (e) {
      if (!(e instanceof StatusError)) throw e;
      errors.push(e);
    }
  }
  return { infos, errors };
}

/** The builder with the usual flags of a command (-f, -R, -l, --all, -A where the command has them). */
export function targetsFromFlags(c: CommandContext, args: string[], extra: Partial<BuilderOptions> = {}): Target[] {
  const has = (name: string) => c.flags.defs.has(name);
  return buildTargets(c.factory, {
    args,
    filenames: has("filename") ? c.flags.strings("filename") : [],
    recursive: has("recursive") ? c.flags.bool("recursive") : false,
    labelSelector: has("selector") ? c.flags.string("selector") : undefined,
    allNamespaces: has("all-namespaces") ? c.flags.bool("all-namespaces") : false,
    selectAll: has("all") ? c.flags.bool("all") : false,
    ...extra,
  });
}

/** `deployments.apps "web"`: how kubectl names an object in per-object errors. */
export function quotedResource(info: Pick<Info, "mapping" | "name">): string {
  const r = info.mapping.group ? `${info.mapping.resource}.${info.mapping.group}` : info.mapping.resource;
  return `${r} "${info.name}"`;
}
