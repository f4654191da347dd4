import { parse as parseYaml } from "yaml";
import { AttachedState } from "../../cluster/attached-state";
import { cachedKubeconfig } from "./cache";
import { fileWatchOf } from "./file-watch";
import type { HostFileSystem } from "../../hosts/filesystem";
import { toYaml } from "../printers/yaml";

/**
 * kubeconfig files as client-go's clientcmd loads them: `--kubeconfig` alone, else every file of
 * $KUBECONFIG merged (the first file to define a name wins), else ~/.kube/config.
 */
export interface NamedCluster {
  name: string;
  cluster: Record<string, unknown> & { server?: string; "certificate-authority-data"?: string; "certificate-authority"?: string; "insecure-skip-tls-verify"?: boolean };
}
export interface NamedContext {
  name: string;
  context: { cluster?: string; user?: string; namespace?: string; [k: string]: unknown };
}
export interface NamedUser {
  name: string;
  user: Record<string, unknown> & { token?: string; tokenFile?: string; "client-certificate-data"?: string; "client-key-data"?: string; "client-certificate"?: string; username?: string };
}

export interface Kubeconfig {
  apiVersion?: string;
  kind?: string;
  clusters: NamedCluster[];
  contexts: NamedContext[];
  users: NamedUser[];
  "current-context": string;
  preferences: Record<string, unknown>;
  extensions?: unknown[];
}

export interface LoadedFile {
  path: string;
  config: Kubeconfig;
  exists: boolean;
}

export interface KubeconfigSet {
  /** Files in precedence order (the explicit one, or $KUBECONFIG's list, or ~/.kube/config). */
  files: LoadedFile[];
  merged: Kubeconfig;
  explicit: boolean;
  /** The directory of the file that defined each user and cluster (relative paths in them start there). */
  origins?: { users: Map<string, string>; clusters: Map<string, string> };
}

export class KubeconfigError extends Error {}

export function emptyKubeconfig(): Kubeconfig {
  return { clusters: [], contexts: [], users: [], "current-context": "", preferences: {} };
}

function asList<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

/** Why a kubeconfig text cannot be loaded, before the file's path is known (the text alone decides it). */
class KubeconfigTextError extends Error {}

/** The kubeconfig of a file's text (shared and frozen: clone before changing it), or the error clientcmd reports. */
export function parseKubeconfig(text: string, path: string): Kubeconfig {
  try {
    return cachedKubeconfig(text, () => kubeconfigFromText(text));
  } catch (e) {
    if (e instanceof KubeconfigTextError) throw new KubeconfigError(`error loading config file "${path}": ${e.message}`);
    throw e;
  }
}

function kubeconfigFromText(text: string): Kubeconfig {
  let raw: Record<string, unknown>;
  try {
    raw = (parseYaml(text) ?? {}) as Record<string, unknown>;
  } catch (e) {
    throw new KubeconfigTextError(`yaml: ${(e as Error).message.split("\n")[0]}`);
  }
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new KubeconfigTextError(`couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  return {
    ...(raw.apiVersion !== undefined ? { apiVersion: String(raw.apiVersion) } : {}),
    ...(raw.kind !== undefined ? { kind: String(raw.kind) } : {}),
    clusters: asList<NamedCluster>(raw.clusters).filter((c) => c && c.name !== undefined).map((c) => ({ name: String(c.name), cluster: { ...(c.cluster ?? {}) } })),
    contexts: asList<NamedContext>(raw.contexts).filter((c) => c && c.name !== undefined).map((c) => ({ name: String(c.name), context: { ...(c.context ?? {}) } })),
    users: asList<NamedUser>(raw.users).filter((c) => c && c.name !== undefined).map((c) => ({ name: String(c.name), user: { ...(c.user ?? {}) } })),
    "current-context": raw["current-context"] ? String(raw["current-context"]) : "",
    preferences: (raw.preferences as Record<string, unknown>) ?? {},
    ...(raw.extensions ? { extensions: raw.extensions as unknown[] } : {}),
  };
}

export function homeDirectory(user: string, env: Record<string, string>): string {
  if (env.HOME) return env.HOME;
  return user === "root" ? "/root" : `/home/${user}`;
}

export function resolvePath(cwd: string, path: string, home: string): string {
  if (path.startsWith("~/")) return `${home}/${path.slice(2)}`;
  if (path.startsWith("/")) return path;
  return `${cwd.replace(/\/$/, "")}/${path}`;
}

type LoadOptions = { explicitPath?: string; env: Record<string, string>; cwd: string; user: string };

/**
 * What loadKubeconfig found on a host, per way of looking (path, $KUBECONFIG, home, working
 * directory), kept while none of the files it looked at changed (FileWatch): every kubectl command
 * would otherwise look up, stat and read the same files again.
 */
const loads = new AttachedState<HostFileSystem, Map<string, { generation: number; set: KubeconfigSet }>>("kubeconfig loads");

/** A set callers may change (kubectl config replaces a file's config) without changing the one kept. */
function copySet(set: KubeconfigSet): KubeconfigSet {
  const m = set.merged;
  return { ...set, files: set.files.map((f) => ({ ...f })), merged: { ...m, clusters: [...m.clusters], contexts: [...m.contexts], users: [...m.users] } };
}

/** Loads kubeconfig files the way clientcmd's ClientConfigLoadingRules do. */
export function loadKubeconfig(fs: HostFileSystem, options: LoadOptions): KubeconfigSet {
  const home = homeDirectory(options.user, options.env);
  const key = [options.explicitPath ?? "", options.env.KUBECONFIG ?? "", home, options.cwd].join("\0");
  const watch = fileWatchOf(fs);
  let byKey = loads.get(fs);
  const seen = byKey?.get(key);
  if (seen && seen.generation === watch.generation) return copySet(seen.set);
  const set = readKubeconfigSet(fs, options, home);
  for (const file of set.files) watch.watch(file.path);
  if (!byKey) loads.set(fs, (byKey = new Map()));
  byKey.set(key, { generation: watch.generation, set: copySet(set) });
  return set;
}

function readKubeconfigSet(fs: HostFileSystem, options: LoadOptions, home: string): KubeconfigSet {
  const read = (path: string, mustExist: boolean): LoadedFile => {
    const full = resolvePath(options.cwd, path, home);
    if (!fs.existsSync(full)) {
      if (mustExist) throw new KubeconfigError(`stat ${path}: no such file or directory`);
      return { path: full, config: emptyKubeconfig(), exists: false };
    }
    if (fs.isDirectorySync(full)) throw new KubeconfigError(`error loading config file "${path}": read ${path}: is a directory`);
    return { path: full, config: parseKubeconfig(fs.readFileSync(full) ?? "", path), exists: true };
  };
  let files: LoadedFile[];
  let explicit = false;
  if (options.explicitPath) {
    files = [read(options.explicitPath, true)];
    explicit = true;
  } else if (options.env.KUBECONFIG) {
    const seen = new Set<string>();
    files = options.env.KUBECONFIG.split(":")
      .filter((p) => p !== "" && !seen.has(p) && seen.add(p))
      .map((p) => read(p, false));
  } else {
    files = [read(`${home}/.kube/config`, false)];
  }
  return { files, merged: merge(files.map((f) => f.config)), explicit, origins: origins(files) };
}

/** Where each user and cluster of the merged config came from (the first file naming it wins, as in merge). */
function origins(files: LoadedFile[]): NonNullable<KubeconfigSet["origins"]> {
  const users = new Map<string, string>();
  const clusters = new Map<string, string>();
  for (const file of files) {
    const dir = file.path.replace(/\/[^/]*$/, "") || "/";
    for (const u of file.config.users) if (!users.has(u.name)) users.set(u.name, dir);
    for (const c of file.config.clusters) if (!clusters.has(c.name)) clusters.set(c.name, dir);
  }
  return { users, clusters };
}

/** clientcmd's ResolveLocalPaths: a relative file path in a stanza is relative to its kubeconfig file. */
function resolveLocalPaths(stanza: Record<string, unknown>, keys: string[], dir: string | undefined): void {
  if (!dir) return;
  for (const key of keys) {
    const value = stanza[key];
    if (typeof value === "string" && value !== "" && !value.startsWith("/")) stanza[key] = `${dir.replace(/\/$/, "")}/${value}`;
  }
}

/**
 * clientcmd's validateClusterInfo and validateAuthInfo for the files a context names: kubectl stops
 * with "Error in configuration" when one cannot be read, before any request.
 */
function unreadableFiles(fs: HostFileSystem, clusterName: string, cluster: Record<string, unknown>, userName: string, user: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const unreadable = (path: unknown) => typeof path === "string" && path !== "" && (!fs.existsSync(path) || fs.isDirectorySync(path));
  const openError = (path: string) => (fs.existsSync(path) ? `read ${path}: is a directory` : `open ${path}: no such file or directory`);
  const ca = cluster["certificate-authority"];
  if (unreadable(ca)) errors.push(`unable to read certificate-authority ${ca} for ${clusterName} due to ${openError(ca as string)}`);
  if (user["client-certificate"] || user["client-certificate-data"]) {
    if (!user["client-key"] && !user["client-key-data"]) errors.push(`client-key-data or client-key must be specified for ${userName} to use the clientCert authentication method.`);
    const cert = user["client-certificate"];
    if (unreadable(cert)) errors.push(`unable to read client-cert ${cert} for ${userName} due to ${openError(cert as string)}`);
    const key = user["client-key"];
    if (unreadable(key)) errors.push(`unable to read client-key ${key} for ${userName} due to ${openError(key as string)}`);
  }
  return errors;
}

function merge(configs: Kubeconfig[]): Kubeconfig {
  const merged = emptyKubeconfig();
  for (const config of configs) {
    for (const c of config.clusters) if (!merged.clusters.some((x) => x.name === c.name)) merged.clusters.push(c);
    for (const c of config.contexts) if (!merged.contexts.some((x) => x.name === c.name)) merged.contexts.push(c);
    for (const u of config.users) if (!merged.users.some((x) => x.name === u.name)) merged.users.push(u);
    if (!merged["current-context"] && config["current-context"]) merged["current-context"] = config["current-context"];
    if (Object.keys(merged.preferences).length === 0) merged.preferences = config.preferences;
  }
  return merged;
}

/** Serialises a kubeconfig the way clientcmd.Write does (kubectl config subcommands). */
export function serializeKubeconfig(config: Kubeconfig): string {
  const out: Record<string, unknown> = {
    apiVersion: config.apiVersion ?? "v1",
    clusters: config.clusters.length ? config.clusters : null,
    contexts: config.contexts.length ? config.contexts : null,
    "current-context": config["current-context"],
    kind: config.kind ?? "Config",
    preferences: config.preferences ?? {},
    users: config.users.length ? config.users : null,
  };
  if (config.extensions) out.extensions = config.extensions;
  return toYaml(out);
}

export interface Overrides {
  context?: string;
  cluster?: string;
  user?: string;
  namespace?: string;
  server?: string;
  token?: string;
}

export interface ResolvedConfig {
  contextName: string;
  clusterName: string;
  userName: string;
  server: string;
  namespace: string;
  /** Whether the namespace came from -n or the context (kubectl's "explicit" namespace). */
  namespaceExplicit: boolean;
  user: NamedUser["user"];
  cluster: NamedCluster["cluster"];
}

/** Picks the context, cluster and user as clientcmd's DirectClientConfig does, with its error texts. */
export function resolveConfig(set: KubeconfigSet, overrides: Overrides, fs?: HostFileSystem): ResolvedConfig {
  const config = set.merged;
  const contextName = overrides.context || config["current-context"];
  let context: NamedContext["context"] = {};
  if (contextName) {
    const found = config.contexts.find((c) => c.name === contextName);
    if (!found) {
      if (overrides.context) throw new KubeconfigError(`Error in configuration: context was not found for specified context: ${contextName}`);
      throw new KubeconfigError(`Error in configuration: context was not found for specified context: ${contextName}`);
    }
    context = found.context;
  }
  const clusterName = overrides.cluster || context.cluster || "";
  const userName = overrides.user || context.user || "";
  const namedCluster = config.clusters.find((c) => c.name === clusterName);
  const namedUser = config.users.find((u) => u.name === userName);
  if (overrides.user && !namedUser) throw new KubeconfigError(`auth info "${overrides.user}" does not exist`);
  if (overrides.cluster && !namedCluster && !overrides.server) throw new KubeconfigError(`no server found for cluster "${overrides.cluster}"`);
  const cluster = { ...(namedCluster?.cluster ?? {}) };
  const user = { ...(namedUser?.user ?? {}) };
  if (overrides.token) user.token = overrides.token;
  resolveLocalPaths(cluster, ["certificate-authority"], set.origins?.clusters.get(clusterName));
  resolveLocalPaths(user, ["client-certificate", "client-key", "tokenFile"], set.origins?.users.get(userName));
  const invalid = fs ? unreadableFiles(fs, clusterName, cluster, userName, user) : [];
  if (invalid.length > 0) throw new KubeconfigError(`Error in configuration: ${invalid.length === 1 ? invalid[0] : `\n* ${invalid.join("\n* ")}`}`);
  let server = overrides.server || cluster.server || "";
  if (!server) {
    if (contextName && clusterName && !namedCluster) throw new KubeconfigError(`Error in configuration: \n* context was not found for specified context: ${contextName}\n* cluster has no server defined`);
    server = "http://localhost:8080";
  }
  const namespace = overrides.namespace || context.namespace || "default";
  return {
    contextName,
    clusterName,
    userName,
    server,
    namespace,
    namespaceExplicit: !!overrides.namespace,
    user,
    cluster,
  };
}
