import { VERSION_INFO } from "../../../version";
import { registerCommand } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { check } from "../../client/rest";
import { CLIENT_GIT_VERSION } from "../../client/transport";
import { toJson } from "../../printers/json";
import { toYaml } from "../../printers/yaml";
import { TabWriter } from "../../printers/tabwriter";

/** version, api-versions, api-resources and cluster-info: what the client and server say about themselves. */
const CLIENT_VERSION = {
  major: VERSION_INFO.major,
  minor: VERSION_INFO.minor,
  gitVersion: CLIENT_GIT_VERSION,
  gitCommit: VERSION_INFO.gitCommit,
  gitTreeState: "clean",
  buildDate: VERSION_INFO.buildDate,
  goVersion: VERSION_INFO.goVersion,
  compiler: "gc",
  platform: "linux/amd64",
};
const KUSTOMIZE_VERSION = "v5.6.0";

registerCommand("version", (c) => {
  if (c.args.length > 0) throw new Error(`extra arguments: [${c.args.join(" ")}]`);
  const output = c.flags.string("output");
  if (output && output !== "json" && output !== "yaml") throw new Error("--output must be 'yaml' or 'json'");
  const clientOnly = c.flags.bool("client");
  let server: Record<string, unknown> | undefined;
  let serverError: unknown;
  if (!clientOnly) {
    try {
      server = check(c.factory.rest().request({ method: "GET", path: "/version", query: { timeout: "32s" } })) as Record<string, unknown>;
    } catch (e) {
      serverError = e;
    }
  }
  if (output) {
    const doc: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
    if (server) doc.serverVersion = server;
    c.out(output === "json" ? toJson(doc, "  ", false) : toYaml(doc));
  } else {
    c.out(`Client Version: ${CLIENT_GIT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    if (server) c.out(`Server Version: ${String(server.gitVersion)}\n`);
  }
  if (serverError) throw serverError;
  return 0;
});

// Both ask the server whatever the disk cache holds, and write it again (kubectl invalidates first).
registerCommand("api-versions", (c) => {
  c.factory.discovery().invalidate();
  const versions = [...c.factory.discovery().versions()].sort();
  c.out(versions.map((v) => `${v}\n`).join(""));
  return 0;
});

registerCommand("api-resources", (c) => {
  if (c.args.length > 0) throw usageError(c.commandPath, `unexpected arguments: [${c.args.join(" ")}]`);
  const output = c.flags.string("output");
  if (output && output !== "wide" && output !== "name") throw new Error(`--output ${output} is not available`);
  c.factory.discovery().invalidate();
  let list = c.factory.discovery().all().filter((m) => m.preferred);
  if (c.flags.isSet("namespaced")) list = list.filter((m) => m.namespaced === c.flags.bool("namespaced"));
  if (c.flags.isSet("api-group")) list = list.filter((m) => m.group === c.flags.string("api-group"));
  const verbs = c.flags.strings("verbs");
  if (verbs.length) list = list.filter((m) => verbs.every((v) => m.verbs.includes(v)));
  const categories = c.flags.strings("categories");
  if (categories.length) list = list.filter((m) => categories.every((cat) => m.categories.includes(cat)));
  const sortBy = c.flags.string("sort-by");
  if (sortBy === "name") list = [...list].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  else if (sortBy === "kind") list = [...list].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  else list = [...list].sort((a, b) => (a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  const gv = (g: string, v: string) => (g ? `${g}/${v}` : v);
  if (output === "name") {
    c.out(list.map((m) => (m.group ? `${m.resource}.${m.group}` : m.resource) + "\n").join(""));
    return 0;
  }
  const w = new TabWriter((s) => c.out(s));
  const wide = output === "wide";
  if (!c.flags.bool("no-headers")) w.write(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND", ...(wide ? ["VERBS", "CATEGORIES"] : [])].join("\t") + "\n");
  for (const m of list) {
    const cells = [m.resource, m.shortNames.join(","), gv(m.group, m.version), String(m.namespaced), m.kind];
    if (wide) cells.push(m.verbs.join(","), m.categories.join(","));
    w.write(cells.join("\t") + "\n");
  }
  w.flush();
  return 0;
});

registerCommand("cluster-info", (c) => {
  const server = c.factory.config().server;
  c.factory.rest().request({ method: "GET", path: "/api", query: { timeout: "32s" } });
  const services = c.factory.rest().request({ method: "GET", path: "/api/v1/namespaces/kube-system/services", query: { labelSelector: "kubernetes.io/cluster-service=true" } });
  // kubectl colours the names only on a terminal.
  const tty = c.ctx.terminal.isTTY;
  const green = (s: string) => (tty ? `\x1b[0;32m${s}\x1b[0m` : s);
  const yellow = (s: string) => (tty ? `\x1b[0;33m${s}\x1b[0m` : s);
  c.out(`${green("Kubernetes control plane")} is running at ${yellow(server)}\n`);
  for (const svc of ((services.body as { items?: { metadata: { name: string; labels?: Record<string, string> } }[] }).items ?? [])) {
    const name = svc.metadata.labels?.["kubernetes.io/name"] ?? svc.metadata.name;
    c.out(`${green(name)} is running at ${yellow(`${server}/api/v1/namespaces/kube-system/services/${svc.metadata.name}:dns/proxy`)}\n`);
  }
  c.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  return 0;
});
