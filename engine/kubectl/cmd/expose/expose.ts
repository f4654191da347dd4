import type { KubeObject } from "../../../api/types";
import { applyOverrides } from "../run/overrides";
import { registerCommand } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { check } from "../../client/rest";
import { resourcePath } from "../../client/discovery";
import { buildTargets } from "../../resource/builder";
import { intOrString, meta, parsePairs, type Obj } from "../create/objects";
import { dryRunStrategy, fieldValidation, printerFor, successLine } from "../options";

interface Exposable {
  spec?: { selector?: { matchLabels?: Record<string, string> } | Record<string, string>; template?: { spec?: PodSpecLike }; ports?: { port: number; protocol?: string; name?: string }[] } & PodSpecLike;
}
interface PodSpecLike {
  containers?: { ports?: { containerPort: number; protocol?: string; name?: string }[] }[];
}

/** The selector a Service for this object uses (polymorphichelpers.MapBasedSelectorForObject). */
function selectorFor(obj: KubeObject & Exposable): Record<string, string> {
  switch (obj.kind) {
    case "Pod":
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) throw new Error(`the pod has no labels and cannot be exposed`);
      return obj.metadata.labels;
    case "Service":
    case "ReplicationController":
      return (obj.spec?.selector ?? {}) as Record<string, string>;
    case "Deployment":
    case "ReplicaSet": {
      const sel = obj.spec?.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
      if (sel?.matchExpressions?.length) throw new Error("couldn't convert expressions - \"\" to map-based selector format");
      return sel?.matchLabels ?? {};
    }
    default:
      // GroupKind.String(): the bare kind for the core group.
      throw new Error(`cannot expose a ${obj.kind}${obj.apiVersion.includes("/") ? `.${obj.apiVersion.split("/")[0]}` : ""}`);
  }
}

function portsFor(obj: KubeObject & Exposable): { port: number; protocol: string; name?: string }[] {
  if (obj.kind === "Service") return (obj.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? "TCP", name: p.name }));
  const spec = obj.kind === "Pod" ? obj.spec : obj.spec?.template?.spec;
  return (spec?.containers ?? []).flatMap((ct) => (ct.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? "TCP", name: p.name })));
}

registerCommand("expose", (c) => {
  const dryRun = dryRunStrategy(c);
  const printer = printerFor(c, { keepOrder: dryRun === "client", typed: dryRun !== "client" });
  if (c.args.length === 0 && c.flags.strings("filename").length === 0) {
    throw usageError(c.commandPath, "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const targets = buildTargets(c.factory, { args: c.args, filenames: c.flags.strings("filename"), recursive: c.flags.bool("recursive") });
  for (const t of targets) {
    const obj = (t.kind === "object" ? t.object : check(c.factory.rest().request({ method: "GET", path: resourcePath(t.mapping, t.namespace, t.kind === "name" ? t.name : undefined) }))) as KubeObject & Exposable;
    const selector = c.flags.string("selector") ? parsePairs([c.flags.string("selector")], "selector") : selectorFor(obj);
    let ports: { port: number; protocol: string; name?: string }[];
    const protocol = c.flags.string("protocol");
    if (c.flags.string("port")) ports = c.flags.string("port").split(",").map((p) => ({ port: Number(p), protocol: protocol || "TCP" }));
    else {
      ports = portsFor(obj);
      if (ports.length === 0) throw new Error(`couldn't find port via --port flag or introspection`);
    }
    const target = c.flags.string("target-port");
    const specPorts = ports.map((p, i) => {
      const entry: Obj = {};
      if (ports.length > 1) entry.name = p.name ?? `port-${i + 1}`;
      entry.protocol = protocol || p.protocol;
      entry.port = p.port;
      entry.targetPort = target ? intOrString(target) : obj.kind === "Service" ? p.port : p.port;
      return entry;
    });
    const name = c.flags.string("name") || obj.metadata.name!;
    const labels = c.flags.string("labels") ? parsePairs([c.flags.string("labels")], "label spec") : obj.metadata.labels;
    const spec: Obj = { ports: specPorts, selector };
    if (c.flags.string("type")) spec.type = c.flags.string("type");
    if (c.flags.string("cluster-ip")) spec.clusterIP = c.flags.string("cluster-ip");
    if (c.flags.string("external-ip")) spec.externalIPs = [c.flags.string("external-ip")];
    if (c.flags.string("session-affinity")) spec.sessionAffinity = c.flags.string("session-affinity");
    if (c.flags.string("load-balancer-ip")) spec.loadBalancerIP = c.flags.string("load-balancer-ip");
    const ns = c.factory.namespace();
    const service: Obj = {
      kind: "Service",
      apiVersion: "v1",
      metadata: meta(name, t.namespace && (ns.explicit || dryRun !== "client") ? t.namespace : undefined, labels && Object.keys(labels).length ? { labels } : {}),
      spec,
      status: { loadBalancer: {} },
    };
    let result = applyOverrides(c, service as KubeObject);
    if (dryRun !== "client") {
      const mapping = c.factory.discovery().resolve("services");
      result = c.factory.rest().create(mapping, t.namespace ?? ns.namespace, result, { dryRun: dryRun === "server", fieldManager: c.flags.string("field-manager") || "kubectl-expose", fieldValidation: fieldValidation(c) });
    }
    c.out(printer ? printer.print(result) : successLine(result, name, "exposed", dryRun));
  }
  return 0;
});
