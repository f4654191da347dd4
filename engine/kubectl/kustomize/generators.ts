import { createHash } from "node:crypto";
import { goJson, KustomizeError, type Json, type KResource } from "./resource";
import type { RootLoader } from "./loader";

/** A configMapGenerator/secretGenerator entry as kustomization.yaml spells it. */
export interface GeneratorArgs {
  name?: string;
  namespace?: string;
  behavior?: string;
  literals?: string[];
  files?: string[];
  envs?: string[];
  env?: string;
  type?: string;
  options?: GeneratorOptions;
}

export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** kustomize's hasher: sha256 of a small JSON encoding, its first 10 hex digits with 0,1,3,a,e swapped out. */
export function contentHash(obj: Json): string {
  const kind = String(obj.kind);
  const encoded: Json =
    kind === "Secret"
      ? { data: obj.data ?? {}, kind: "Secret", name: "", type: obj.type ?? "" }
      : // A ConfigMap without data hashes its data as "" (what kustomize's encoder yields for the missing field).
        { ...(obj.binaryData && Object.keys(obj.binaryData as Json).length > 0 ? { binaryData: obj.binaryData } : {}), data: obj.data ?? "", kind: "ConfigMap", name: "" };
  const sorted = (v: unknown): unknown =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v as Json).sort().map((k) => [k, sorted((v as Json)[k])])) : v;
  const hex = createHash("sha256").update(goJson(sorted(encoded))).digest("hex");
  const swap: Record<string, string> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join("");
}

/** `KEY=VALUE`, surrounding quotes of the value removed (kustomize's literal sources). */
function parseLiteral(source: string): [string, string] {
  const eq = source.indexOf("=");
  if (eq <= 0) throw new KustomizeError(`invalid literal source ${source}, expected key=value`);
  let value = source.slice(eq + 1);
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1);
  return [source.slice(0, eq), value];
}

/** An env file: KEY=VALUE lines; blank lines and `#` comments skipped. */
function parseEnvFile(text: string, path: string): [string, string][] {
  const pairs: [string, string][] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "").trimStart();
    if (line === "" || line.startsWith("#")) return;
    const eq = line.indexOf("=");
    if (eq < 0) throw new KustomizeError(`env file ${path}: line ${i + 1}: variables without a value (taken from the environment) are not available in Kubecoach yet`);
    const key = line.slice(0, eq);
    if (!/^[-._a-zA-Z0-9]+$/.test(key)) throw new KustomizeError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`);
    pairs.push([key, line.slice(eq + 1)]);
  });
  return pairs;
}

function fileSource(source: string): [string, string] {
  const eq = source.indexOf("=");
  if (eq >= 0) return [source.slice(0, eq), source.slice(eq + 1)];
  return [source.slice(source.lastIndexOf("/") + 1), source];
}

function collectData(args: GeneratorArgs, loader: RootLoader): [string, string][] {
  const pairs: [string, string][] = [];
  for (const env of [...(args.envs ?? []), ...(args.env ? [args.env] : [])]) pairs.push(...parseEnvFile(loader.readFile(env), env));
  for (const literal of args.literals ?? []) pairs.push(parseLiteral(literal));
  for (const file of args.files ?? []) {
    const [key, path] = fileSource(file);
    pairs.push([key, loader.readFile(path)]);
  }
  const seen = new Set<string>();
  for (const [key] of pairs) {
    if (seen.has(key)) throw new KustomizeError(`configmap ${args.name ?? ""} illegally repeats the key \`${key}\``);
    seen.add(key);
  }
  return pairs;
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** Builds the ConfigMap or Secret a generator entry describes. */
export function generate(kind: "ConfigMap" | "Secret", args: GeneratorArgs, global: GeneratorOptions, loader: RootLoader): KResource {
  if (!args.name) throw new KustomizeError(`a ${kind === "ConfigMap" ? "configmap" : "secret"} generator must have a name`);
  const pairs = collectData(args, loader);
  const labels = { ...(global.labels ?? {}), ...(args.options?.labels ?? {}) };
  const annotations = { ...(global.annotations ?? {}), ...(args.options?.annotations ?? {}) };
  const metadata: Json = { name: args.name };
  if (args.namespace) metadata.namespace = args.namespace;
  if (Object.keys(labels).length > 0) metadata.labels = labels;
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  const obj: Json = { apiVersion: "v1", kind, metadata };
  const data = Object.fromEntries(pairs.map(([k, v]) => [k, kind === "Secret" ? base64(v) : v]));
  // kustomize leaves an empty ConfigMap without data but gives an empty Secret `data: {}`.
  if (pairs.length > 0 || kind === "Secret") obj.data = data;
  if (kind === "Secret") obj.type = args.type || "Opaque";
  if (args.options?.immutable ?? global.immutable) obj.immutable = true;
  const disabled = args.options?.disableNameSuffixHash ?? global.disableNameSuffixHash ?? false;
  return { obj, names: [args.name], needsHash: !disabled, behavior: args.behavior || "create" };
}

/** `behavior: merge|replace` folds a generated object into one from a base with the same name. */
export function mergeGenerated(existing: KResource, generated: KResource): void {
  const target = existing.obj;
  const meta = target.metadata as Json;
  const genMeta = generated.obj.metadata as Json;
  if (generated.behavior === "replace") {
    target.data = generated.obj.data;
    if (!generated.obj.data) delete target.data;
  } else {
    target.data = { ...((target.data as Json) ?? {}), ...((generated.obj.data as Json) ?? {}) };
  }
  for (const field of ["labels", "annotations"]) {
    if (genMeta[field]) meta[field] = { ...((meta[field] as Json) ?? {}), ...(genMeta[field] as Json) };
  }
  existing.needsHash = existing.needsHash && generated.needsHash;
}
