import { parse as parseYaml } from "yaml";
import type { HostFileSystem } from "../../hosts/filesystem";
import { decodeManifest } from "../resource/manifest";
import { contentHash, generate, mergeGenerated, type GeneratorArgs, type GeneratorOptions } from "./generators";
import { joinPath, RootLoader } from "./loader";
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge, type PatchEntry } from "./patches";
import { fixNameReferences } from "./references";
import { groupVersion, kindOf, KustomizeError, namespaceOf, nameOf, resId, setName, type Json, type KResource } from "./resource";
import { applyAnnotations, applyImages, applyLabels, applyNameAffixes, applyNamespace, applyReplicas, type ImageEntry, type LabelEntry } from "./transformers";

/** The kustomization.yaml fields the build understands. */
interface Kustomization {
  resources?: string[];
  bases?: string[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonLabels?: Record<string, unknown>;
  labels?: LabelEntry[];
  commonAnnotations?: Record<string, unknown>;
  images?: ImageEntry[];
  replicas?: { name?: string; count?: number }[];
  patches?: PatchEntry[];
  patchesStrategicMerge?: string[];
  patchesJson6902?: PatchEntry[];
  configMapGenerator?: GeneratorArgs[];
  secretGenerator?: GeneratorArgs[];
  generatorOptions?: GeneratorOptions;
}

const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
const KNOWN_FIELDS = new Set(["apiVersion", "kind", "metadata", "resources", "bases", "namespace", "namePrefix", "nameSuffix", "commonLabels", "labels", "commonAnnotations", "images", "replicas", "patches", "patchesStrategicMerge", "patchesJson6902", "configMapGenerator", "secretGenerator", "generatorOptions", "buildMetadata", "sortOptions"]);
/** Real kustomize fields this build does not implement: named plainly instead of ignored. */
const UNSUPPORTED_FIELDS = new Set(["components", "crds", "vars", "replacements", "transformers", "generators", "validators", "helmCharts", "helmGlobals", "helmChartInflationGenerator", "openapi", "configurations"]);

const DEPRECATED: [keyof Kustomization, string][] = [
  ["bases", "resources"],
  ["commonLabels", "labels"],
  ["patchesJson6902", "patches"],
  ["patchesStrategicMerge", "patches"],
];

const MAX_DEPTH = 20;
const MAX_RESOURCES = 5000;

export interface BuildResult {
  objects: Json[];
  /** Deprecation notes kustomize prints on stderr (`# Warning: …`), also passed to `warn` as they come. */
  warnings: string[];
}

/** The kustomization of a directory could not be read (kustomize: "couldn't make target"). */
class TargetError extends KustomizeError {
  constructor(
    readonly dir: string,
    message: string,
  ) {
    super(message);
  }
}

function loadKustomization(fs: HostFileSystem, dir: string, warnings: string[]): Kustomization {
  try {
    return readKustomization(fs, dir, warnings);
  } catch (e) {
    if (e instanceof KustomizeError && !(e instanceof TargetError)) throw new TargetError(dir, e.message);
    throw e;
  }
}

function readKustomization(fs: HostFileSystem, dir: string, warnings: string[]): Kustomization {
  const found = KUSTOMIZATION_FILES.filter((f) => fs.existsSync(`${dir}/${f}`));
  if (found.length === 0) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${dir}\n`);
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(`${dir}/${found[0]}`) ?? "") as unknown;
  } catch (e) {
    throw new KustomizeError(`invalid Kustomization: ${(e as Error).message.split("\n")[0]}`);
  }
  const k = (doc ?? {}) as Json;
  if (typeof k !== "object" || Array.isArray(k)) throw new KustomizeError("invalid Kustomization: json: cannot unmarshal array into Go value of type types.Kustomization");
  if (k.kind === "Component") throw new KustomizeError("kustomize components are not available in Kubecoach yet");
  for (const field of Object.keys(k)) {
    if (UNSUPPORTED_FIELDS.has(field)) throw new KustomizeError(`the kustomization field '${field}' is not available in Kubecoach yet`);
    if (!KNOWN_FIELDS.has(field)) throw new KustomizeError(`invalid Kustomization: json: unknown field "${field}"`);
  }
  checkStringLists(k);
  for (const [field, instead] of DEPRECATED) {
    if (k[field] !== undefined) warnings.push(`# Warning: '${field}' is deprecated. Please use '${instead}' instead. Run 'kustomize edit fix' to update your Kustomization automatically.\n`);
  }
  return k as Kustomization;
}

function goTypeOf(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value === "boolean" ? "bool" : typeof value === "object" ? "object" : typeof value;
}

/** Lists of strings must hold strings; the error reads like encoding/json's UnmarshalTypeError. */
function checkStringList(value: unknown, goField: string): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${goTypeOf(value)} into Go struct field ${goField} of type []string`);
  for (const item of value) {
    if (typeof item !== "string") throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${goTypeOf(item)} into Go struct field ${goField} of type string`);
  }
}

function checkStringLists(k: Json): void {
  for (const field of ["resources", "bases", "patchesStrategicMerge"]) checkStringList(k[field], `Kustomization.${field}`);
  const generators: [string, string][] = [["configMapGenerator", "ConfigMapArgs"], ["secretGenerator", "SecretArgs"]];
  for (const [field, struct] of generators) {
    const list = k[field];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${goTypeOf(list)} into Go struct field Kustomization.${field} of type []types.${struct}`);
    for (const g of list as Json[]) {
      if (!g || typeof g !== "object" || Array.isArray(g)) throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${goTypeOf(g)} into Go struct field Kustomization.${field} of type types.${struct}`);
      for (const source of ["literals", "files", "envs"]) checkStringList(g[source], `${struct}.${field}.GeneratorArgs.KvPairSources.${source}`);
    }
  }
}

function isRemote(path: string): boolean {
  return /^[a-z]+:\/\//i.test(path) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(path) || path.startsWith("git@");
}

class Builder {
  private readonly warnings: string[] = [];

  constructor(
    private readonly fs: HostFileSystem,
    private readonly warn: (warning: string) => void,
  ) {}

  private addResource(list: KResource[], r: KResource, from: string, dirNote: string): void {
    const id = resId(r.obj);
    if (list.some((x) => resId(x.obj) === id)) {
      throw new KustomizeError(`accumulating resources: accumulation err='merging resources from '${from}': may not add resource with an already registered id: ${id}': ${dirNote}`);
    }
    if (list.length >= MAX_RESOURCES) throw new KustomizeError(`a kustomization may produce at most ${MAX_RESOURCES} objects in Kubecoach`);
    list.push(r);
  }

  private accumulateResources(dir: string, entries: string[], depth: number, stack: string[]): KResource[] {
    const list: KResource[] = [];
    for (const entry of entries) {
      if (isRemote(entry)) throw new KustomizeError(`accumulating resources: remote resource '${entry}' is not available in Kubecoach yet`);
      const full = joinPath(dir, entry);
      if (!this.fs.existsSync(full)) {
        const why = `evalsymlink failure on '${full}' : lstat ${full}: no such file or directory`;
        throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': ${why}': must build at directory: not a valid directory: ${why}`);
      }
      if (this.fs.isDirectorySync(full)) {
        if (stack.includes(full)) throw new KustomizeError(`accumulating resources: cycle detected: candidate root '${full}' contains visited root '${stack[stack.length - 1]}'`);
        let sub: KResource[];
        try {
          sub = this.accumulate(full, depth + 1, [...stack, full]);
        } catch (e) {
          if (!(e instanceof KustomizeError)) throw e;
          const why = e instanceof TargetError && e.dir === full ? `couldn't make target for path '${full}'` : `recursed accumulation of path '${full}'`;
          throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': '${full}' must resolve to a file': ${why}: ${e.message}`);
        }
        for (const r of sub) this.addResource(list, r, entry, `must build at directory: '${full}': file is not directory`);
        continue;
      }
      if (!full.startsWith(`${dir}/`)) throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': security; file '${full}' is not in or below '${dir}'': must build at directory: '${full}': file is not directory`);
      let objects: Json[];
      try {
        objects = decodeManifest(this.fs.readFileSync(full) ?? "", entry) as unknown as Json[];
      } catch (e) {
        throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': ${(e as Error).message}': must build at directory: '${full}': file is not directory`);
      }
      for (const obj of objects) {
        if (!obj.kind) throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${entry}': missing Resource metadata': must build at directory: '${full}': file is not directory`);
        this.addResource(list, { obj, names: [nameOf(obj)], needsHash: false }, entry, `must build at directory: '${full}': file is not directory`);
      }
    }
    return list;
  }

  private generate(k: Kustomization, loader: RootLoader, resources: KResource[]): void {
    const global = k.generatorOptions ?? {};
    const specs: ["ConfigMap" | "Secret", GeneratorArgs][] = [
      ...(k.configMapGenerator ?? []).map((g) => ["ConfigMap", g] as ["ConfigMap", GeneratorArgs]),
      ...(k.secretGenerator ?? []).map((g) => ["Secret", g] as ["Secret", GeneratorArgs]),
    ];
    for (const [kind, args] of specs) {
      const made = generate(kind, args, global, loader);
      const id = resId(made.obj);
      const existing = resources.find((r) => kindOf(r.obj) === kind && r.names.includes(args.name!) && (!args.namespace || namespaceOf(r.obj) === args.namespace));
      if (made.behavior === "merge" || made.behavior === "replace") {
        if (!existing) throw new KustomizeError(`id ${JSON.stringify(id)} does not exist; cannot merge or replace`);
        mergeGenerated(existing, made);
        continue;
      }
      if (made.behavior !== "create") throw new KustomizeError(`unknown generation behavior '${made.behavior}'`);
      if (existing) throw new KustomizeError(`cannot add resource with an already registered id: ${id}; behavior must be merge or replace`);
      resources.push(made);
    }
  }

  /** One kustomization directory: its resources, generators and transformers (kustomize's AccumulateTarget). */
  accumulate(dir: string, depth: number, stack: string[]): KResource[] {
    if (depth > MAX_DEPTH) throw new KustomizeError(`kustomizations nest deeper than ${MAX_DEPTH} levels`);
    const before = this.warnings.length;
    const k = loadKustomization(this.fs, dir, this.warnings);
    // kustomize prints its deprecation notes as it reads each kustomization, even if the build fails later.
    for (const w of this.warnings.slice(before)) this.warn(w);
    const loader = new RootLoader(this.fs, dir);
    const resources = this.accumulateResources(dir, [...(k.resources ?? []), ...(k.bases ?? [])], depth, stack);
    this.generate(k, loader, resources);
    applyPatchesStrategicMerge(resources, k.patchesStrategicMerge, loader);
    applyPatches(resources, k.patches, loader);
    applyNamespace(resources, k.namespace);
    applyNameAffixes(resources, k.namePrefix, k.nameSuffix);
    applyLabels(resources, k.commonLabels, k.labels);
    applyAnnotations(resources, k.commonAnnotations);
    applyPatchesJson6902(resources, k.patchesJson6902, loader);
    applyReplicas(resources, k.replicas);
    applyImages(resources, k.images);
    return resources;
  }

  build(dir: string): BuildResult {
    const resources = this.accumulate(dir, 0, [dir]);
    for (const r of resources) {
      if (r.needsHash) setName(r, `${nameOf(r.obj)}-${contentHash(r.obj)}`);
    }
    fixNameReferences(resources);
    return { objects: legacySort(resources.map((r) => r.obj)), warnings: this.warnings };
  }
}

const ORDER_FIRST = [
  "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy", "Role", "ClusterRole",
  "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume",
  "PersistentVolumeClaim", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
];
const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

function typeOrder(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

function gvkSortString(obj: Json): string {
  const { group, version } = groupVersion(obj);
  return [group || "~G", version || "~V", kindOf(obj) || "~K"].join("_");
}

/** kubectl kustomize's output order (kustomize's legacy sort): by kind rank, then group/version/kind, namespace, name. */
export function legacySort(objects: Json[]): Json[] {
  const key = (o: Json) => `${gvkSortString(o)}|${namespaceOf(o) || "~X"}|${nameOf(o) || "~N"}`;
  return [...objects].sort((a, b) => {
    const ra = typeOrder(kindOf(a));
    const rb = typeOrder(kindOf(b));
    if (ra !== rb) return ra - rb;
    const ga = gvkSortString(a);
    const gb = gvkSortString(b);
    if (ga !== gb) return ga < gb ? -1 : 1;
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/**
 * `kustomize build` over the workstation's filesystem: the directory's kustomization, its bases
 * and overlays, generators, transformers, patches and content hashes, in kubectl's output order.
 */
export function kustomizeBuild(fs: HostFileSystem, cwd: string, target: string, warn: (warning: string) => void = () => undefined): BuildResult {
  if (isRemote(target)) throw new KustomizeError(`building a kustomization from a URL (${target}) is not available in Kubecoach yet`);
  const dir = joinPath(cwd, target);
  if (!fs.existsSync(dir)) throw new KustomizeError(`must build at directory: not a valid directory: evalsymlink failure on '${target}' : lstat ${dir}: no such file or directory`);
  if (!fs.isDirectorySync(dir)) throw new KustomizeError(`must build at directory: '${dir}': file is not directory`);
  return new Builder(fs, warn).build(dir);
}
