import { parseQuantity, Quantity, sumQuantities } from "../../../api/quantity";
import { TabWriter } from "../../printers/tabwriter";
import { goSort } from "../events/go-sort";

/**
 * kubectl's metricsutil.TopCmdPrinter: CPU in millicores, memory in Mi, percentages of the node's
 * allocatable (or capacity), through a tabwriter (padding 3) whose every cell is tab-terminated —
 * so the real output carries trailing spaces, and so does this one.
 */
export interface Usage {
  cpu?: string;
  memory?: string;
}

export interface NodeMetrics {
  metadata: { name: string };
  usage: Usage;
}

export interface PodMetrics {
  metadata: { name: string; namespace?: string };
  containers: { name: string; usage: Usage }[];
}

const NODE_COLUMNS = ["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"];
const POD_COLUMNS = ["NAME", "CPU(cores)", "MEMORY(bytes)"];

const milli = (q: string | undefined) => (q ? parseQuantity(q).milliValue() : 0);
const bytes = (q: string | undefined) => (q ? parseQuantity(q).value() : 0);

function cells(values: string[]): string {
  return values.map((v) => `${v}\t`).join("");
}

/** printAllResourceUsages: each resource, then its share of what is available when that is known. */
function usageCells(usage: { cpu: number; memory: number }, available?: Usage): string {
  let out = `${usage.cpu}m\t`;
  if (available?.cpu !== undefined) out += `${Math.trunc((usage.cpu / milli(available.cpu)) * 100)}%\t`;
  out += `${Math.trunc(usage.memory / (1024 * 1024))}Mi\t`;
  if (available?.memory !== undefined) out += `${Math.trunc((milli(available.memory) > 0 ? (usage.memory * 1000) / milli(available.memory) : 0) * 100)}%\t`;
  return out;
}

function nodeUsage(m: NodeMetrics): { cpu: number; memory: number } {
  return { cpu: milli(m.usage.cpu), memory: bytes(m.usage.memory) };
}

const quantity = (q: string | undefined) => (q ? parseQuantity(q) : Quantity.zero());

/** A sum of usages rounded once at the end, as adding resource.Quantity values does (not a sum of rounded values). */
function summed(usages: Usage[]): { cpu: number; memory: number } {
  return {
    cpu: sumQuantities(usages.map((u) => quantity(u.cpu))).milliValue(),
    memory: sumQuantities(usages.map((u) => quantity(u.memory))).value(),
  };
}

function podUsage(m: PodMetrics): { cpu: number; memory: number } {
  return summed(m.containers.map((c) => c.usage));
}

/** kubectl's metrics sorters through Go's sort.Sort (not stable: equal usages keep kubectl's order). */
function sortBy<T>(items: T[], key: (x: T) => { cpu: number; memory: number }, name: (x: T) => string, by: string): T[] {
  return goSort([...items], (a, b) => {
    if (by === "cpu") return key(a).cpu > key(b).cpu;
    if (by === "memory") return key(a).memory > key(b).memory;
    return name(a) < name(b);
  });
}

function render(text: string): string {
  let out = "";
  const w = new TabWriter((s) => (out += s), { minWidth: 0, padding: 3, rememberWidths: false });
  w.write(text);
  w.flush();
  return out;
}

export function printNodeMetrics(metrics: NodeMetrics[], available: Map<string, Usage>, noHeaders: boolean, by: string): string {
  if (metrics.length === 0) return "";
  let text = noHeaders ? "" : `${cells(NODE_COLUMNS)}\n`;
  const left = new Map(available);
  for (const m of sortBy(metrics, nodeUsage, (x) => x.metadata.name, by)) {
    text += `${m.metadata.name}\t${usageCells(nodeUsage(m), left.get(m.metadata.name) ?? {})}\n`;
    left.delete(m.metadata.name);
  }
  // Nodes the metrics do not cover (a kubelet that stopped reporting).
  for (const name of left.keys()) text += `${name}\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n`;
  return render(text);
}

export function printPodMetrics(metrics: PodMetrics[], options: { containers: boolean; withNamespace: boolean; noHeaders: boolean; sortBy: string; sum: boolean }): string {
  if (metrics.length === 0) return "";
  let text = "";
  let columnWidth = POD_COLUMNS.length;
  if (!options.noHeaders) {
    if (options.withNamespace) {
      text += "NAMESPACE\t";
      columnWidth++;
    }
    if (options.containers) {
      text += "POD\t";
      columnWidth++;
    }
    text += `${cells(POD_COLUMNS)}\n`;
  }
  const sorted = goSort([...metrics], (a, b) => {
    if (options.sortBy === "cpu") return podUsage(a).cpu > podUsage(b).cpu;
    if (options.sortBy === "memory") return podUsage(a).memory > podUsage(b).memory;
    const nsA = a.metadata.namespace ?? "";
    const nsB = b.metadata.namespace ?? "";
    if (options.withNamespace && nsA !== nsB) return nsA < nsB;
    return a.metadata.name < b.metadata.name;
  });
  const ns = (m: PodMetrics) => (options.withNamespace ? `${m.metadata.namespace ?? ""}\t` : "");
  for (const m of sorted) {
    if (options.containers) {
      const containers = sortBy(m.containers, (c) => ({ cpu: milli(c.usage.cpu), memory: bytes(c.usage.memory) }), (c) => c.name, options.sortBy);
      for (const c of containers) text += `${ns(m)}${m.metadata.name}\t${c.name}\t${usageCells({ cpu: milli(c.usage.cpu), memory: bytes(c.usage.memory) })}\n`;
    } else {
      text += `${ns(m)}${m.metadata.name}\t${usageCells(podUsage(m))}\n`;
    }
  }
  if (options.sum) {
    const total = summed(metrics.flatMap((m) => m.containers.map((c) => c.usage)));
    text += `${"\t".repeat(Math.max(0, columnWidth - 2))}________\t________\t\n`;
    text += `${"\t".repeat(Math.max(0, columnWidth - 3))}\t${usageCells(total)}\n`;
  }
  return render(text);
}
