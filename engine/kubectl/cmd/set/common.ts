/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import type { CommandContext } from "../../cli/command";
import { AggregateError } from "../../cli/errors";
import { kindPrefix, resourcePath } from "../../client/discovery";
import { check, PATCH_TYPES } from "../../client/rest";
import { isEmptyPatch, twoWayMergePatch } from "../../client/two-way-patch";
import { fetchInfos, targetsFromFlags, type Info } from "../../resource/infos";
import { dryRunStrategy, printerFor, type DryRun } from "../options";
import { typedRoundTrip } from "../../resource/typed";

/**
 * What every `kubectl set` subcommand shares: the builder (server objects, or only files with
 * --local), kubectl's CalculatePatches (mutate a copy, diff it into a strategic merge patch), and
 * the PATCH or the printed object, with the `… image updated` style success line.
 */
type Any = any;

export const LOCAL_RESOURCE_ERROR =
  "you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'";

/** `deployments/web`: info.ObjectName(), the resource plural and name. */
export function objectName(info: Info): string {
  return `${info.mapping.resource}/${info.name}`;
}

/** Validation kubectl runs before the builder (--local with server dry-run, --all with -l). */
export function commonChecks(c: CommandContext): DryRun {
  const dryRun = dryRunStrategy(c);
  if (c.flags.bool("local") && dryRun === "server") throw new Error("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
  return dryRun;
}

/** The objects to change: files only with --local, otherwise the builder's server objects. */
export function setInfos(c: CommandContext, resources: string[]): Info[] {
  if (c.flags.bool("local")) {
    if (resources.length > 0) throw new Error(LOCAL_RESOURCE_ERROR);
    const targets = targetsFromFlags(c, [], { allowEmptySelector: true });
    return fetchInfos(c, targets, { local: true }).infos.map((i) => ({ ...i, object: typedRoundTrip(i.object) }));
  }
  const targets = targetsFromFlags(c, resources, { allowEmptySelector: false });
  const { infos, errors } = fetchInfos(c, targets, { labelSelector: c.flags.has("selector") ? c.flags.string("selector") : undefined });
  if (errors.length > 0) throw new AggregateError(errors);
  return infos;
}

/** The pod spec inside an object (polymorphichelpers.UpdatePodSpecForObject), or undefined for kinds without one. */
export function podSpecOf(obj: Any): Any | undefined {
  switch (obj.kind) {
    case "Pod":
      return (obj.spec ??= {});
    case "ReplicationController":
    case "Deployment":
    case "DaemonSet":
    case "ReplicaSet":
    case "StatefulSet":
    case "Job":
      obj.spec ??= {};
      obj.spec.template ??= {};
      return (obj.spec.template.spec ??= {});
    case "CronJob":
      obj.spec ??= {};
      obj.spec.jobTemplate ??= {};
      obj.spec.jobTemplate.spec ??= {};
      obj.spec.jobTemplate.spec.template ??= {};
      return (obj.spec.jobTemplate.spec.template.spec ??= {});
    default:
      return undefined;
  }
}

export function notPodTemplate(obj: KubeObject): string {
  return `the object is not a pod or does not have a pod template: *${goType(obj)}`;
}

function goType(obj: KubeObject): string {
  const apiVersion = String(obj.apiVersion ?? "v1");
  const version = apiVersion.includes("/") ? apiVersion.split("/")[1] : apiVersion;
  return `${version}.${obj.kind}`;
}

/** Go's filepath.Match for container selectors (`*`, `?`, `[…]`). */
export function globMatch(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return new RegExp(`^${re}$`).test(name);
}

export interface PatchResult {
  info: Info;
  /** kubectl's per-object error, printed among the aggregate's lines. */
  error?: string;
}

/**
 * Runs `mutate` on a copy of each object; objects that changed are printed (--local,
 * --dry-run=client) or PATCHed with a strategic merge patch and printed with `operation`.
 */
export interface PatchOptions {
  /** The success line's operation: `image updated`. */
  operation: string;
  /** Prefix of a failed PATCH's error: `failed to patch image update to pod template`. */
  failurePrefix: string;
  /** Errors gathered while mutating, reported with the others. */
  errors?: Error[];
  /** `set serviceaccount` sends its patch even when nothing changes. */
  alwaysPatch?: boolean;
}

export function applyPatches(c: CommandContext, infos: Info[], dryRun: DryRun, options: PatchOptions, mutate: (obj: Any, info: Info) => string | undefined): void {
  const { operation, failurePrefix, errors = [] } = options;
  const local = c.flags.bool("local");
  // set decodes into typed objects (the builder has the scheme), local files and dry runs alike.
  const printer = printerFor(c, { typed: true });
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  const print = (info: Info, obj: KubeObject) => c.out(printer ? printer.print(obj) : `${kindPrefix(info.mapping)}/${info.name} ${operation}${suffix}\n`);
  for (const info of infos) {
    const modified = JSON.parse(JSON.stringify(info.object)) as Any;
    const problem = mutate(modified, info);
    if (problem !== undefined) {
      errors.push(new Error(`error: ${objectName(info)} ${problem}\n`));
      continue;
    }
    const patch = twoWayMergePatch(info.object, modified, String(info.object.kind));
    if (isEmptyPatch(patch) && !options.alwaysPatch) continue;
    if (local || dryRun === "client") {
      print(info, modified);
      continue;
    }
    try {
      const actual = check(
        c.factory.rest().request({
          method: "PATCH",
          path: resourcePath(info.mapping, info.namespace, info.name),
          query: { dryRun: dryRun === "server" ? "All" : undefined, fieldManager: c.flags.string("field-manager") || "kubectl-set" },
          body: patch,
          headers: { "content-type": PATCH_TYPES.strategic },
        }),
      ) as KubeObject;
      print(info, actual);
    } catch (e) {
      errors.push(new Error(`${failurePrefix}: ${(e as Error).message}`));
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
}

/** cmdutil.GetResourcesAndPairs: resource words first, then `key=value` pairs (an error if they mix). */
export function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let foundPair = false;
  for (const s of args) {
    const isPair = s.includes("=") && s !== "=";
    if (isPair) {
      foundPair = true;
      pairs.push(s);
    } else if (!foundPair) resources.push(s);
    else throw new Error(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return { resources, pairs };
}
