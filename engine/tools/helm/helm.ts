import { parse as parseYaml, stringify as toYaml } from "yaml";
import type { KubeObject } from "../../api/types";
import { parseFlags } from "../../kubectl/cli/flags";
import { flagsOf } from "../../kubectl/cli/help-data";
import { Factory } from "../../kubectl/client/factory";
import type { Program, ProgramContext } from "../../process/types";
import { REPOSITORIES, repositoryByUrl, type Chart, type Values } from "./charts";

/**
 * Helm 3.17 with charts bundled offline (charts.ts): repo add/update/list/remove, search repo,
 * show values/chart, template, install, upgrade [--install], rollback, uninstall, list, history,
 * get values/manifest, status, version. Releases are stored as Helm stores them — Secrets
 * `sh.helm.release.v1.NAME.vN` of type helm.sh/release.v1 in the release's namespace — and every
 * object is created through the API server with the kubeconfig's credentials, as kubectl does.
 */
const VERSION = 'version.BuildInfo{Version:"v3.17.3", GitCommit:"e4da49785aa6e6ee2b86efd5dd9e43400318262b", GitTreeState:"clean", GoVersion:"go1.23.7"}';

class HelmError extends Error {}

interface Release {
  name: string;
  namespace: string;
  revision: number;
  status: "deployed" | "superseded" | "uninstalled" | "failed";
  chart: { name: string; version: string; appVersion: string };
  values: Values;
  manifest: string;
  updated: string;
  description: string;
}

interface Flags {
  namespace?: string;
  allNamespaces: boolean;
  set: string[];
  files: string[];
  createNamespace: boolean;
  dryRun: boolean;
  install: boolean;
  reuseValues: boolean;
  resetValues: boolean;
  allValues: boolean;
  version?: string;
  kubeContext?: string;
  kubeconfig?: string;
  output?: string;
  /** `history --max`: how many of the newest revisions to show (helm's default 256). */
  max: number;
  positional: string[];
}

function parseArgs(args: string[]): Flags {
  const f: Flags = { allNamespaces: false, set: [], files: [], createNamespace: false, dryRun: false, install: false, reuseValues: false, resetValues: false, allValues: false, max: 256, positional: [] };
  for (let i = 0; i < args.length; i++) {
    let a = args[i];
    let value: string | undefined;
    if (a.startsWith("--") && a.includes("=")) [a, value] = [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)];
    const take = () => value ?? args[++i];
    if (a === "-n" || a === "--namespace") f.namespace = take();
    else if (a === "-A" || a === "--all-namespaces") f.allNamespaces = true;
    else if (a === "--set" || a === "--set-string") f.set.push(take());
    else if (a === "-f" || a === "--values") f.files.push(take());
    else if (a === "--create-namespace") f.createNamespace = true;
    else if (a === "--dry-run") f.dryRun = true;
    else if (a === "-i" || a === "--install") f.install = true;
    else if (a === "--version") f.version = take();
    else if (a === "--kube-context") f.kubeContext = take();
    else if (a === "--kubeconfig") f.kubeconfig = take();
    else if (a === "-o" || a === "--output") f.output = take();
    else if (a === "--reuse-values") f.reuseValues = true;
    else if (a === "--reset-values") f.resetValues = true;
    else if (a === "-a" || a === "--all") f.allValues = true;
    else if (a === "--max") {
      const raw = take() ?? "";
      if (!/^[+-]?\d+$/.test(raw)) throw new HelmError(`invalid argument "${raw}" for "--max" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      f.max = Number(raw);
    }
    else if (a === "--wait" || a === "--atomic" || a === "--debug" || a === "--force" || a === "--devel" || a === "--skip-crds") continue;
    else if (a === "--timeout" || a === "--description" || a === "--repo") take();
    else if (a.startsWith("-") && a !== "-") throw new HelmError(`unknown flag: ${a}`);
    else f.positional.push(a);
  }
  return f;
}

// ---------- values ----------

function scalar(v: string): unknown {
  if (v === "true" || v === "false") return v === "true";
  if (v === "null") return null;
  if (/^-?\d+$/.test(v)) return Number(v);
  return v;
}

function setPath(target: Values, path: string, value: unknown): void {
  const keys = path.split(/(?<!\\)\./).map((k) => k.replace(/\\\./g, "."));
  let node = target;
  for (const k of keys.slice(0, -1)) {
    if (!node[k] || typeof node[k] !== "object") node[k] = {};
    node = node[k] as Values;
  }
  node[keys[keys.length - 1]] = value;
}

function merge(base: Values, over: Values): Values {
  const out: Values = structuredClone(base);
  for (const [k, v] of Object.entries(over)) out[k] = v && typeof v === "object" && !Array.isArray(v) && out[k] && typeof out[k] === "object" ? merge(out[k] as Values, v as Values) : v;
  return out;
}

async function userValues(ctx: ProgramContext, f: Flags): Promise<Values> {
  let values: Values = {};
  const fs = ctx.fs ?? ctx.host.fs;
  for (const file of f.files) {
    let text: string;
    try {
      text = await fs.readFile(fs.resolvePath(ctx.cwd, file));
    } catch {
      throw new HelmError(`open ${file}: no such file or directory`);
    }
    values = merge(values, (parseYaml(text) as Values) ?? {});
  }
  for (const assignment of f.set) {
    for (const part of assignment.split(/,(?![^{[]*[}\]])/)) {
      const eq = part.indexOf("=");
      if (eq <= 0) throw new HelmError(`failed parsing --set data: key "${part}" has no value`);
      setPath(values, part.slice(0, eq), scalar(part.slice(eq + 1)));
    }
  }
  return values;
}

/**
 * The values an upgrade stores, as Helm's upgrade action decides: --reuse-values merges the new
 * ones over the release's, --reset-values starts from the chart's defaults, and an upgrade given
 * no values at all keeps the release's.
 */
function upgradeValues(current: Release | undefined, given: Values, f: Flags): Values {
  if (!current || f.resetValues) return given;
  if (f.reuseValues) return merge(current.values, given);
  return f.set.length === 0 && f.files.length === 0 ? current.values : given;
}

/** -o json|yaml|table as Helm's output flag accepts it. */
function outputFormat(f: Flags): "table" | "json" | "yaml" {
  const o = f.output ?? "table";
  if (o !== "table" && o !== "json" && o !== "yaml") throw new HelmError(`invalid argument "${o}" for "-o, --output" flag: invalid format type`);
  return o;
}

/** Go marshals maps with their keys sorted, so Helm prints values that way. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Values)[k])]));
}

function json(value: unknown): string {
  return `${JSON.stringify(sorted(value))}\n`;
}

// ---------- repositories (~/.config/helm/repositories.yaml) ----------

function reposPath(ctx: ProgramContext): string {
  return `${ctx.env.HOME ?? "/root"}/.config/helm/repositories.yaml`;
}

function readRepos(ctx: ProgramContext): { name: string; url: string }[] {
  const text = ctx.host.fs.readFileSync(reposPath(ctx));
  if (!text) return [];
  const doc = parseYaml(text) as { repositories?: { name: string; url: string }[] } | null;
  return doc?.repositories ?? [];
}

function writeRepos(ctx: ProgramContext, repos: { name: string; url: string }[]): void {
  const body = { apiVersion: "", generated: "0001-01-01T00:00:00Z", repositories: repos.map((r) => ({ caFile: "", certFile: "", insecure_skip_tls_verify: false, keyFile: "", name: r.name, pass_credentials_all: false, password: "", url: r.url, username: "" })) };
  ctx.host.fs.writeFileSync(reposPath(ctx), toYaml(body), { mode: 0o600 });
}

function findChart(ctx: ProgramContext, ref: string, version?: string): { chart: Chart; repo: string } {
  const [repoName, chartName] = ref.includes("/") ? ref.split("/", 2) : [undefined, ref];
  if (!repoName) throw new HelmError(`non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`);
  const repo = readRepos(ctx).find((r) => r.name === repoName);
  if (!repo) throw new HelmError(`repo ${repoName} not found`);
  const chart = repositoryByUrl(repo.url)?.charts.find((c) => c.name === chartName);
  if (!chart) throw new HelmError(`chart "${chartName}" matching ${version ?? ""} not found in ${repoName} index. (try 'helm repo update'): no chart name found`.replace("matching  ", ""));
  if (version && version !== chart.version) throw new HelmError(`chart "${chartName}" version "${version}" not found in ${repo.url} repository`);
  return { chart, repo: repoName };
}

// ---------- the cluster ----------

function client(ctx: ProgramContext, f: Flags): { factory: Factory; namespace: string } {
  const args = [...(f.namespace ? ["--namespace", f.namespace] : []), ...(f.kubeContext ? ["--context", f.kubeContext] : []), ...(f.kubeconfig ? ["--kubeconfig", f.kubeconfig] : [])];
  const factory = new Factory(ctx, parseFlags(args, flagsOf("get")).values);
  return { factory, namespace: f.namespace ?? factory.namespace().namespace };
}

const SECRETS = { group: "", version: "v1", resource: "secrets", namespaced: true, kind: "Secret" };
const NAMESPACES = { group: "", version: "v1", resource: "namespaces", namespaced: false, kind: "Namespace" };

function releases(factory: Factory, namespace: string | undefined, name?: string): Release[] {
  const list = factory.rest().list(SECRETS, namespace, { labelSelector: `owner=helm${name ? `,name=${name}` : ""}` }) as { items?: KubeObject[] };
  return (list.items ?? [])
    .map((s) => JSON.parse(Buffer.from(String((s as { data?: Record<string, string> }).data?.release ?? ""), "base64").toString("utf8")) as Release)
    .sort((a, b) => a.revision - b.revision);
}

function saveRelease(factory: Factory, r: Release): void {
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: `sh.helm.release.v1.${r.name}.v${r.revision}`, namespace: r.namespace, labels: { name: r.name, owner: "helm", status: r.status, version: String(r.revision) } },
    type: "helm.sh/release.v1",
    data: { release: Buffer.from(JSON.stringify(r)).toString("base64") },
  };
  try {
    const existing = factory.rest().get(SECRETS, r.namespace, secret.metadata.name) as KubeObject;
    factory.rest().replace(SECRETS, r.namespace, secret.metadata.name, { ...secret, metadata: { ...secret.metadata, resourceVersion: existing.metadata.resourceVersion } });
  } catch {
    factory.rest().create(SECRETS, r.namespace, secret);
  }
}

function mappingFor(factory: Factory, obj: Record<string, unknown>) {
  const mapping = factory.discovery().forKind(String(obj.apiVersion), String(obj.kind));
  if (!mapping) throw new HelmError(`resource mapping not found for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  return mapping;
}

function objectsOf(manifest: string): Record<string, unknown>[] {
  return manifest.split(/^---$/m).map((d) => parseYaml(d.replace(/^# Source:.*$/m, "")) as Record<string, unknown>).filter(Boolean);
}

function apply(factory: Factory, release: Release, previous?: Release): void {
  const wanted = objectsOf(release.manifest);
  const key = (o: Record<string, unknown>) => `${o.kind}/${(o.metadata as { name: string }).name}`;
  for (const obj of wanted) {
    const meta = obj.metadata as { name: string; annotations?: Record<string, string>; namespace?: string };
    meta.annotations = { ...(meta.annotations ?? {}), "meta.helm.sh/release-name": release.name, "meta.helm.sh/release-namespace": release.namespace };
    const mapping = mappingFor(factory, obj);
    let existing: KubeObject | undefined;
    try {
      existing = factory.rest().get(mapping, release.namespace, meta.name) as KubeObject;
    } catch {
      existing = undefined;
    }
    if (!existing) factory.rest().create(mapping, release.namespace, obj);
    else {
      const owner = existing.metadata.annotations?.["meta.helm.sh/release-name"];
      if (owner !== release.name) throw new HelmError(`Unable to continue with install: ${obj.kind} "${meta.name}" in namespace "${release.namespace}" exists and cannot be imported into the current release: invalid ownership metadata; annotation validation error: missing key "meta.helm.sh/release-name": must be set to "${release.name}"`);
      factory.rest().replace(mapping, release.namespace, meta.name, { ...obj, metadata: { ...meta, resourceVersion: existing.metadata.resourceVersion } });
    }
  }
  if (previous) {
    const keep = new Set(wanted.map(key));
    for (const old of objectsOf(previous.manifest)) {
      if (keep.has(key(old))) continue;
      try {
        factory.rest().delete(mappingFor(factory, old), release.namespace, (old.metadata as { name: string }).name);
      } catch {
        // Already gone.
      }
    }
  }
}

function render(chart: Chart, name: string, namespace: string, values: Values): string {
  const merged = merge(chart.defaults, values);
  return chart
    .render({ name, namespace }, merged)
    .map(([file, obj]) => `---\n# Source: ${file}\n${toYaml(obj)}`)
    .join("");
}

function helmTime(ms: number): string {
  return `${new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "")}.000000000 +0000 UTC`;
}

function statusBlock(r: Release, chart: Chart | undefined, notes: boolean): string {
  const deployed = new Date(r.updated);
  const day = deployed.toUTCString().slice(0, 3);
  const stamp = `${day} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][deployed.getUTCMonth()]} ${String(deployed.getUTCDate()).padStart(2)} ${deployed.toISOString().slice(11, 19)} ${deployed.getUTCFullYear()}`;
  let out = `NAME: ${r.name}\nLAST DEPLOYED: ${stamp}\nNAMESPACE: ${r.namespace}\nSTATUS: ${r.status}\nREVISION: ${r.revision}\nTEST SUITE: None\n`;
  if (notes && chart) out += `NOTES:\n${chart.notes({ name: r.name, namespace: r.namespace }, merge(chart.defaults, r.values))}`;
  return out;
}

/** Helm's tables: tab-separated columns, each padded to its widest cell. */
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("\t")).join("\n") + "\n";
}

function chartOf(r: Release): Chart | undefined {
  return REPOSITORIES.flatMap((repo) => repo.charts).find((c) => c.name === r.chart.name);
}

// ---------- commands ----------

async function run(ctx: ProgramContext, command: string, f: Flags): Promise<number> {
  const now = ctx.environment.clock.now();
  const p = f.positional;
  switch (command) {
    case "version":
      ctx.stdout(`${VERSION}\n`);
      return 0;
    case "repo": {
      const [verb, name, url] = p;
      const repos = readRepos(ctx);
      if (verb === "add") {
        if (!name || !url) throw new HelmError(`"helm repo add" requires 2 arguments\n\nUsage:  helm repo add [NAME] [URL] [flags]`);
        const known = repositoryByUrl(url);
        if (!known) throw new HelmError(`looks like "${url}" is not a valid chart repository or cannot be reached: Get "${url.replace(/\/$/, "")}/index.yaml": dial tcp: lookup ${new URL(url).hostname}: no such host (Kubecoach has the charts of ${REPOSITORIES.map((r) => r.url).join(", ")} offline)`);
        if (repos.some((r) => r.name === name)) {
          ctx.stdout(`"${name}" already exists with the same configuration, skipping\n`);
          return 0;
        }
        writeRepos(ctx, [...repos, { name, url: known.url }]);
        ctx.stdout(`"${name}" has been added to your repositories\n`);
        return 0;
      }
      if (verb === "list" || verb === "ls") {
        if (repos.length === 0) throw new HelmError("no repositories to show");
        ctx.stdout(table([["NAME", "URL"], ...repos.map((r) => [r.name, r.url])]));
        return 0;
      }
      if (verb === "update" || verb === "up") {
        if (repos.length === 0) throw new HelmError("no repositories found. You must add one before updating");
        ctx.stdout(`Hang tight while we grab the latest from your chart repositories...\n${repos.map((r) => `...Successfully got an update from the "${r.name}" chart repository\n`).join("")}Update Complete. ⎈Happy Helming!⎈\n`);
        return 0;
      }
      if (verb === "remove" || verb === "rm") {
        if (!repos.some((r) => r.name === name)) throw new HelmError(`no repo named "${name}" found`);
        writeRepos(ctx, repos.filter((r) => r.name !== name));
        ctx.stdout(`"${name}" has been removed from your repositories\n`);
        return 0;
      }
      throw new HelmError(`unknown command "${verb ?? ""}" for "helm repo"`);
    }
    case "search": {
      if (p[0] !== "repo") throw new HelmError(`unknown command "${p[0] ?? ""}" for "helm search"`);
      const keyword = (p[1] ?? "").toLowerCase();
      const rows = readRepos(ctx).flatMap((r) => (repositoryByUrl(r.url)?.charts ?? []).map((c) => ({ r, c }))).filter(({ r, c }) => `${r.name}/${c.name} ${c.description}`.toLowerCase().includes(keyword));
      if (rows.length === 0) {
        ctx.stdout("No results found\n");
        return 0;
      }
      ctx.stdout(table([["NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION"], ...rows.map(({ r, c }) => [`${r.name}/${c.name}`, c.version, c.appVersion, c.description.slice(0, 50) + (c.description.length > 50 ? "..." : "")])]));
      return 0;
    }
    case "show":
    case "inspect": {
      const { chart } = findChart(ctx, p[1] ?? "", f.version);
      if (p[0] === "values") ctx.stdout(toYaml(chart.defaults));
      else if (p[0] === "chart") ctx.stdout(toYaml({ apiVersion: "v2", appVersion: chart.appVersion, description: chart.description, name: chart.name, version: chart.version }));
      else throw new HelmError(`unknown command "${p[0] ?? ""}" for "helm show"`);
      return 0;
    }
    case "template": {
      const [name, ref] = p.length === 1 ? ["release-name", p[0]] : p;
      const { chart } = findChart(ctx, ref ?? "", f.version);
      ctx.stdout(render(chart, name, f.namespace ?? "default", await userValues(ctx, f)));
      return 0;
    }
    case "install":
    case "upgrade": {
      const [name, ref] = p;
      if (!name || !ref) throw new HelmError(`"helm ${command}" requires 2 arguments`);
      const label = command === "install" ? "INSTALLATION FAILED" : "UPGRADE FAILED";
      // install.go wraps every error of runInstall, locating the chart included; upgrade.go returns
      // LocateChart's error as it is.
      let located: ReturnType<typeof findChart>;
      try {
        located = findChart(ctx, ref, f.version);
      } catch (e) {
        if (command === "install" && e instanceof HelmError) throw new HelmError(`${label}: ${e.message}`);
        throw e;
      }
      const { chart } = located;
      const { factory, namespace } = client(ctx, f);
      const history = releases(factory, namespace, name);
      const current = history.filter((r) => r.status === "deployed").at(-1);
      if (command === "install" && current) throw new HelmError(`${label}: cannot re-use a name that is still in use`);
      if (command === "upgrade" && !current && !f.install) throw new HelmError(`${label}: "${name}" has no deployed releases`);
      try {
        factory.rest().get(NAMESPACES, undefined, namespace);
      } catch {
        if (!f.createNamespace) throw new HelmError(`${label}: create: failed to create: namespaces "${namespace}" not found`);
        if (!f.dryRun) factory.rest().create(NAMESPACES, undefined, { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
      }
      const values = upgradeValues(current, await userValues(ctx, f), f);
      const release: Release = {
        name,
        namespace,
        revision: (history.at(-1)?.revision ?? 0) + 1,
        status: "deployed",
        chart: { name: chart.name, version: chart.version, appVersion: chart.appVersion },
        values,
        manifest: render(chart, name, namespace, values),
        updated: new Date(now).toISOString(),
        description: current ? "Upgrade complete" : "Install complete",
      };
      if (f.dryRun) {
        ctx.stdout(`${statusBlock({ ...release, status: "pending-install" as Release["status"] }, chart, false)}HOOKS:\nMANIFEST:\n${release.manifest}\n`);
        return 0;
      }
      try {
        apply(factory, release, current);
      } catch (err) {
        throw new HelmError(`${label}: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (current) saveRelease(factory, { ...current, status: "superseded" });
      saveRelease(factory, release);
      if (command === "upgrade") ctx.stdout(current ? `Release "${name}" has been upgraded. Happy Helming!\n` : `Release "${name}" does not exist. Installing it now.\n`);
      ctx.stdout(statusBlock(release, chart, true));
      return 0;
    }
    case "rollback": {
      const [name, rev] = p;
      const { factory, namespace } = client(ctx, f);
      const history = releases(factory, namespace, name);
      const current = history.filter((r) => r.status === "deployed").at(-1);
      if (!current) throw new HelmError(`release: not found`);
      const target = rev ? history.find((r) => r.revision === Number(rev)) : history.filter((r) => r.revision < current.revision).at(-1);
      if (!target) throw new HelmError(`release has no ${rev ?? current.revision - 1} version`);
      const release: Release = { ...target, revision: history.at(-1)!.revision + 1, status: "deployed", updated: new Date(now).toISOString(), description: `Rollback to ${target.revision}` };
      apply(factory, release, current);
      saveRelease(factory, { ...current, status: "superseded" });
      saveRelease(factory, release);
      ctx.stdout("Rollback was a success! Happy Helming!\n");
      return 0;
    }
    case "uninstall":
    case "delete":
    case "un": {
      const { factory, namespace } = client(ctx, f);
      for (const name of p) {
        const history = releases(factory, namespace, name);
        const current = history.filter((r) => r.status === "deployed").at(-1);
        if (!current) throw new HelmError(`uninstall: Release not loaded: ${name}: release: not found`);
        for (const obj of objectsOf(current.manifest).reverse()) {
          try {
            factory.rest().delete(mappingFor(factory, obj), namespace, (obj.metadata as { name: string }).name);
          } catch {
            // Already gone.
          }
        }
        for (const r of history) factory.rest().delete(SECRETS, namespace, `sh.helm.release.v1.${name}.v${r.revision}`);
        ctx.stdout(`release "${name}" uninstalled\n`);
      }
      return 0;
    }
    case "list":
    case "ls": {
      const { factory, namespace } = client(ctx, f);
      const all = releases(factory, f.allNamespaces ? undefined : namespace).filter((r) => r.status === "deployed");
      const format = outputFormat(f);
      if (format !== "table") {
        const items = all.map((r) => ({ name: r.name, namespace: r.namespace, revision: String(r.revision), updated: helmTime(Date.parse(r.updated)), status: r.status, chart: `${r.chart.name}-${r.chart.version}`, app_version: r.chart.appVersion }));
        ctx.stdout(format === "json" ? json(items) : toYaml(items));
        return 0;
      }
      const rows = [["NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION"], ...all.map((r) => [r.name, r.namespace, String(r.revision), helmTime(Date.parse(r.updated)), r.status, `${r.chart.name}-${r.chart.version}`, r.chart.appVersion])];
      ctx.stdout(table(rows));
      return 0;
    }
    case "history":
    case "hist": {
      const { factory, namespace } = client(ctx, f);
      const all = releases(factory, namespace, p[0]);
      if (all.length === 0) throw new HelmError("release: not found");
      // The newest `--max` revisions, oldest first; helm shows none for 0 or less.
      const history = all.slice(all.length - Math.max(0, Math.min(all.length, f.max)));
      const format = outputFormat(f);
      if (format !== "table") {
        const items = history.map((r) => ({ revision: r.revision, updated: r.updated, status: r.status, chart: `${r.chart.name}-${r.chart.version}`, app_version: r.chart.appVersion, description: r.description }));
        ctx.stdout(format === "json" ? json(items) : toYaml(items));
        return 0;
      }
      const day = (iso: string) => new Date(iso).toUTCString().replace(/^(\w{3}), (\d{2}) (\w{3}) (\d{4}) ([\d:]+) GMT$/, "$1 $3 $2 $5 $4");
      ctx.stdout(table([["REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"], ...history.map((r) => [String(r.revision), day(r.updated), r.status, `${r.chart.name}-${r.chart.version}`, r.chart.appVersion, r.description])]));
      return 0;
    }
    case "get":
    case "status": {
      const what = command === "status" ? "status" : p[0];
      const name = command === "status" ? p[0] : p[1];
      const { factory, namespace } = client(ctx, f);
      const current = releases(factory, namespace, name).filter((r) => r.status === "deployed").at(-1);
      if (!current) throw new HelmError("release: not found");
      const format = outputFormat(f);
      if (what === "values") {
        const chart = chartOf(current);
        const shown = sorted(f.allValues && chart ? merge(chart.defaults, current.values) : Object.keys(current.values).length ? current.values : null);
        if (format === "json") ctx.stdout(json(shown));
        else if (format === "yaml") ctx.stdout(toYaml(shown));
        else ctx.stdout(`${f.allValues ? "COMPUTED" : "USER-SUPPLIED"} VALUES:\n${toYaml(shown)}`);
      } else if (what === "status" && format !== "table") {
        const info = { name: current.name, info: { first_deployed: current.updated, last_deployed: current.updated, deleted: "", description: current.description, status: current.status }, config: current.values, version: current.revision, namespace: current.namespace };
        ctx.stdout(format === "json" ? json(info) : toYaml(info));
      }
      else if (what === "manifest") ctx.stdout(current.manifest);
      else ctx.stdout(statusBlock(current, chartOf(current), true));
      return 0;
    }
    default:
      throw new HelmError(`unknown command "${command}" for "helm"\nRun 'helm --help' for usage.`);
  }
}

const VALUE_FLAGS = new Set(["-n", "--namespace", "--set", "--set-string", "-f", "--values", "--version", "--kube-context", "--kubeconfig", "-o", "--output", "--timeout", "--description", "--repo"]);

/** Global flags may come before the command (`helm -n web list`), as cobra allows. */
function firstCommand(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (VALUE_FLAGS.has(args[i])) i++;
    else if (!args[i].startsWith("-")) return args[i];
  }
  return undefined;
}

export const helm: Program = async (ctx) => {
  const command = firstCommand(ctx.args);
  if (!command || command === "help" || ctx.args.includes("--help") || ctx.args.includes("-h")) {
    ctx.stdout("The Kubernetes package manager\n\nUsage:\n  helm [command]\n\nAvailable Commands:\n  get         download extended information of a named release\n  history     fetch release history\n  install     install a chart\n  list        list releases\n  repo        add, list, remove, update, and index chart repositories\n  rollback    roll back a release to a previous revision\n  search      search for a keyword in charts\n  show        show information of a chart\n  status      display the status of the named release\n  template    locally render templates\n  uninstall   uninstall a release\n  upgrade     upgrade a release\n  version     print the client version information\n");
    return 0;
  }
  try {
    const flags = parseArgs(ctx.args);
    flags.positional.shift();
    return await run(ctx, command, flags);
  } catch (err) {
    if (err instanceof HelmError) {
      ctx.stderr(`Error: ${err.message}\n`);
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    ctx.stderr(`Error: ${message}\n`);
    return 1;
  }
};
