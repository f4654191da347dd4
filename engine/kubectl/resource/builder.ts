import type { KubeObject } from "../../api/types";
import type { Factory } from "../client/factory";
import type { ResourceMapping } from "../client/discovery";
import { NoResourceMatchError } from "../cli/errors";
import { readManifests, type ManifestObject } from "./manifest";
import { kustomizeBuild } from "../kustomize/build";
import { KustomizeError } from "../kustomize/resource";

/**
 * What a command operates on, resolved from its arguments the way kubectl's resource.Builder does:
 * `TYPE NAME…`, `TYPE[,TYPE…]` with a selector, `TYPE/NAME…`, categories such as `all`, or objects
 * read from `-f` files, directories and stdin.
 */
export type Target =
  | { kind: "name"; mapping: ResourceMapping; namespace?: string; name: string }
  | { kind: "list"; mapping: ResourceMapping; namespace?: string }
  | { kind: "object"; mapping: ResourceMapping; namespace?: string; name: string; object: KubeObject; source: string };

export interface BuilderOptions {
  args: string[];
  filenames?: string[];
  /** `-k DIR`: the objects a kustomization builds stand in for files. */
  kustomize?: string;
  recursive?: boolean;
  labelSelector?: string;
  fieldSelector?: string;
  allNamespaces?: boolean;
  /** `--all`: every object of the given types. */
  selectAll?: boolean;
  /** `get` lists a bare type; `delete` insists on a name, a selector or --all. */
  allowEmptySelector?: boolean;
  /** Objects read from files keep their own namespace unless -n contradicts it. */
  enforceNamespace?: boolean;
  /** The verb name used in the "resource/name form" hint (`get`). */
  verb?: string;
}

export class BuilderError extends Error {}

function splitTypes(arg: string): string[] {
  return arg.split(",").filter((t) => t !== "");
}

function hasCombinedTypeArgs(args: string[]): boolean {
  const withSlash = args.filter((a) => a.includes("/")).length;
  if (withSlash > 0 && withSlash === args.length) return true;
  if (withSlash > 0) {
    throw new BuilderError(
      "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
    );
  }
  return false;
}

/** Expands categories (`all`) into their resource types; other names resolve through discovery. */
export function mappingsFor(factory: Factory, typeArg: string): ResourceMapping[] {
  const discovery = factory.discovery();
  const direct = discovery.tryResolve(typeArg);
  if (direct) return [direct];
  const category = discovery.category(typeArg.toLowerCase());
  if (category.length > 0) return category;
  return [discovery.resolve(typeArg)];
}

export function buildTargets(factory: Factory, options: BuilderOptions): Target[] {
  const { namespace, explicit } = factory.namespace();
  const nsFor = (mapping: ResourceMapping) => (mapping.namespaced ? (options.allNamespaces ? undefined : namespace) : undefined);
  const args = options.args;
  const filenames = options.filenames ?? [];
  const hasSelector = !!options.labelSelector || !!options.fieldSelector;
  if (filenames.length > 0 || options.kustomize) {
    if (filenames.length > 0 && options.kustomize) throw new BuilderError("only one of -f or -k can be specified");
    if (args.length > 0) throw new BuilderError("when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well");
    return fileTargets(factory, options, namespace, explicit);
  }
  if (args.length === 0) {
    throw new BuilderError("you must provide one or more resources by argument or filename (.json|.yaml|.yml|stdin)");
  }
  const targets: Target[] = [];
  if (hasCombinedTypeArgs(args)) {
    if (hasSelector) throw new BuilderError("name cannot be provided when a selector is specified");
    for (const arg of args) {
      const slash = arg.indexOf("/");
      const type = arg.slice(0, slash);
      const name = arg.slice(slash + 1);
      if (!type || !name) throw new BuilderError("arguments in resource/name form must have a single resource and name");
      const mapping = factory.discovery().resolve(type);
      if (options.allNamespaces && mapping.namespaced) throw new BuilderError("a resource cannot be retrieved by name across all namespaces");
      targets.push({ kind: "name", mapping, namespace: mapping.namespaced ? namespace : undefined, name });
    }
    return targets;
  }
  const types = splitTypes(args[0]);
  const names = args.slice(1);
  if (types.length === 0) throw new BuilderError("you must provide one or more resources by argument or filename (.json|.yaml|.yml|stdin)");
  const mappings = types.flatMap((t) => mappingsFor(factory, t));
  if (names.length > 0) {
    if (hasSelector) throw new BuilderError("name cannot be provided when a selector is specified");
    if (mappings.length > 1) throw new BuilderError("you must specify only one resource");
    const mapping = mappings[0];
    if (options.allNamespaces && mapping.namespaced) throw new BuilderError("a resource cannot be retrieved by name across all namespaces");
    for (const name of names) targets.push({ kind: "name", mapping, namespace: mapping.namespaced ? namespace : undefined, name });
    return targets;
  }
  if (!hasSelector && !options.selectAll && !options.allowEmptySelector) {
    throw new BuilderError("resource(s) were provided, but no name was specified");
  }
  for (const mapping of mappings) targets.push({ kind: "list", mapping, namespace: nsFor(mapping) });
  return targets;
}

function fileTargets(factory: Factory, options: BuilderOptions, namespace: string, explicit: boolean): Target[] {
  const ctx = factory.ctx;
  const objects = options.kustomize ? kustomizeObjects(factory, options.kustomize) : readManifests(options.filenames ?? [], { fs: ctx.host.fs, cwd: ctx.cwd, stdin: ctx.stdin, recursive: !!options.recursive });
  const targets: Target[] = [];
  for (const { object, source } of objects) {
    const missing = [!object.apiVersion ? "apiVersion not set" : "", !object.kind ? "kind not set" : ""].filter(Boolean);
    if (missing.length > 0) {
      const what = missing.length === 1 ? missing[0] : `[${missing.join(", ")}]`;
      throw new BuilderError(`error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`);
    }
    const mapping = factory.discovery().forKind(String(object.apiVersion), String(object.kind));
    const name = object.metadata?.name ?? "";
    if (!mapping) {
      const objNs = object.metadata?.namespace ?? "";
      throw new BuilderError(
        `resource mapping not found for name: "${name}" namespace: "${objNs}" from "${source}": no matches for kind "${object.kind}" in version "${object.apiVersion}"\nensure CRDs are installed first`,
      );
    }
    let ns: string | undefined;
    if (mapping.namespaced) {
      const own = object.metadata?.namespace;
      if (own && explicit && options.enforceNamespace !== false && own !== namespace) {
        throw new BuilderError(`the namespace from the provided object "${own}" does not match the namespace "${namespace}". You must pass '--namespace=${own}' to perform this operation.`);
      }
      ns = own || namespace;
    }
    if (options.labelSelector && !matchesSelector(object.metadata?.labels ?? {}, options.labelSelector)) continue;
    targets.push({ kind: "object", mapping, namespace: ns, name, object, source });
  }
  if (targets.length === 0 && objects.length === 0) throw new BuilderError("no objects passed to apply");
  return targets;
}

/** `-k DIR`: builds the kustomization (its deprecation notes on stderr); errors read as kubectl prints them. */
function kustomizeObjects(factory: Factory, dir: string): ManifestObject[] {
  try {
    const { objects } = kustomizeBuild(factory.ctx.host.fs, factory.ctx.cwd, dir, (w) => factory.ctx.stderr(w));
    return objects.map((object) => ({ object: object as unknown as KubeObject, source: dir }));
  } catch (e) {
    if (e instanceof KustomizeError) throw new BuilderError(e.message);
    throw e;
  }
}

/** Equality-based selectors for objects read from files (`create -l app=x -f dir/`). */
function matchesSelector(labels: Record<string, string>, selector: string): boolean {
  for (const term of selector.split(",").map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^!=]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (m) {
      const equal = labels[m[1].trim()] === m[3].trim();
      if (m[2] === "!=" ? equal : !equal) return false;
    } else if (term.startsWith("!")) {
      if (term.slice(1) in labels) return false;
    } else if (!(term in labels)) return false;
  }
  return true;
}

export { NoResourceMatchError };
