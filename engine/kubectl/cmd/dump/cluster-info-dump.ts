import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { resourcePath, type ResourceMapping } from "../../client/discovery";
import { objectPrinter, printOptionsFrom, PrintError } from "../../printers";
import { typedRoundTrip } from "../../resource/typed";
import { inGoFieldOrder } from "../../printers/go-order";

/** What `kubectl cluster-info dump` lists per namespace, in its order, with the file each goes to. */
const NAMESPACED: { resource: string; file: string }[] = [
  { resource: "events", file: "events" },
  { resource: "replicationcontrollers", file: "replication-controllers" },
  { resource: "services", file: "services" },
  { resource: "daemonsets.apps", file: "daemonsets" },
  { resource: "deployments.apps", file: "deployments" },
  { resource: "replicasets.apps", file: "replicasets" },
  { resource: "pods", file: "pods" },
];

const MAX_NAMESPACES = 200;

interface ListObject {
  kind: string;
  apiVersion: string;
  metadata: Record<string, unknown>;
  items: KubeObject[];
}

function typedList(c: CommandContext, mapping: ResourceMapping, namespace?: string): ListObject {
  const list = c.factory.rest().list(mapping, namespace) as { metadata?: Record<string, unknown>; items?: KubeObject[] };
  const apiVersion = mapping.group ? `${mapping.group}/${mapping.version}` : mapping.version;
  const items = (list.items ?? []).map((i) => typedRoundTrip({ ...i, kind: mapping.kind, apiVersion }));
  // A typed list (*v1.NodeList, …): its JSON keys in the Go structs' order.
  return inGoFieldOrder({ kind: `${mapping.kind}List`, apiVersion, metadata: { resourceVersion: list.metadata?.resourceVersion ?? "" }, items });
}

/** Sends each part to stdout, or to files under --output-directory (logs appended per pod, as kubectl does). */
class DumpWriter {
  constructor(
    private readonly c: CommandContext,
    private readonly dir: string,
  ) {}

  write(relative: string, text: string, append = false): void {
    if (!this.dir) {
      this.c.out(text);
      return;
    }
    const fs = this.c.ctx.host.fs;
    const path = `${this.dir}/${relative}`;
    fs.mkdirSync(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    if (append && fs.existsSync(path)) fs.appendFileSync(path, text);
    else fs.writeFileSync(path, text);
  }
}

/** One printer for the whole dump (its YAML documents are separated by `---`, as kubectl's printer does). */
function listPrinter(c: CommandContext): (list: ListObject) => string {
  const output = c.flags.string("output") || "json";
  const printer = objectPrinter("cluster-info dump", { ...printOptionsFrom(c.flags), output, keepOrder: true });
  return (list) => {
    if (output === "name") throw new PrintError(`list types are not supported by name printing: *v1.${list.kind}`);
    return printer ? printer.print(list as unknown as Record<string, unknown>) : "";
  };
}

function containerLogs(c: CommandContext, pod: KubeObject, container: string): string {
  const pods = c.factory.discovery().resolve("pods");
  const response = c.factory.rest().request({ method: "GET", path: resourcePath(pods, pod.metadata.namespace, pod.metadata.name, "log"), query: { container } });
  if (response.status >= 400) {
    const message = (response.body as { message?: string } | undefined)?.message ?? `status ${response.status}`;
    return `Request log error: ${message}\n`;
  }
  return typeof response.body === "string" ? response.body : "";
}

/**
 * kubectl cluster-info dump: nodes, then per namespace (kube-system and the current one, --namespaces
 * or --all-namespaces) its events, replication controllers, services, daemon sets, deployments,
 * replica sets and pods, each list followed by the pods' container logs between START/END lines.
 */
registerCommand("cluster-info dump", (c) => {
  const dir = c.flags.string("output-directory") === "-" ? "" : c.flags.string("output-directory").replace(/\/$/, "");
  const outDir = dir && !dir.startsWith("/") ? `${c.ctx.cwd}/${dir}` : dir;
  const writer = new DumpWriter(c, outDir);
  const discovery = c.factory.discovery();
  const printList = listPrinter(c);
  writer.write("nodes.json", printList(typedList(c, discovery.resolve("nodes"))));
  let namespaces: string[];
  if (c.flags.bool("all-namespaces")) {
    const list = c.factory.rest().list(discovery.resolve("namespaces"), undefined) as { items?: KubeObject[] };
    namespaces = (list.items ?? []).map((n) => n.metadata.name!);
  } else {
    const asked = c.flags.strings("namespaces");
    namespaces = asked.length > 0 ? asked : ["kube-system", c.factory.namespace().namespace];
  }
  for (const ns of namespaces.slice(0, MAX_NAMESPACES)) {
    for (const { resource, file } of NAMESPACED) {
      const list = typedList(c, discovery.resolve(resource), ns);
      writer.write(`${ns}/${file}.json`, printList(list));
      if (resource !== "pods") continue;
      for (const pod of list.items) {
        const spec = (pod.spec ?? {}) as { initContainers?: { name: string }[]; containers?: { name: string }[] };
        for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
          const where = `container ${container.name} of pod ${ns}/${pod.metadata.name}`;
          const logs = containerLogs(c, pod, container.name);
          writer.write(`${ns}/${pod.metadata.name}/logs.txt`, `==== START logs for ${where} ====\n${logs}==== END logs for ${where} ====\n`, true);
        }
      }
    }
  }
  if (outDir) c.out(`Cluster info dumped to ${dir}\n`);
  return 0;
});

