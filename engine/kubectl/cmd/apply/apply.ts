import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError, StatusError, usageError } from "../../cli/errors";
import { resourcePath, type ResourceMapping } from "../../client/discovery";
import { check, PATCH_TYPES } from "../../client/rest";
import { buildTargets, type Target } from "../../resource/builder";
import { withSource } from "../create/submit";
import { dryRunStrategy, fieldValidation, LAST_APPLIED, printerFor, successLine, withLastApplied, type DryRun } from "../options";
import { toYaml } from "../../printers/yaml";
import { patchIsNoop, threeWayPatch } from "./three-way";

/** Resource types `--prune` considers by default (kubectl's default prune allowlist). */
const PRUNE_TYPES = [
  "configmaps", "endpoints", "namespaces", "persistentvolumeclaims", "persistentvolumes", "pods", "replicationcontrollers",
  "secrets", "services", "jobs.batch", "cronjobs.batch", "ingresses.networking.k8s.io", "daemonsets.apps", "deployments.apps",
  "replicasets.apps", "statefulsets.apps",
];

function missingAnnotationWarning(mapping: ResourceMapping, name: string): string {
  const resource = mapping.group ? `${mapping.resource}.${mapping.group}` : mapping.resource;
  return `Warning: resource ${resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
}

function applyOne(c: CommandContext, t: Target & { kind: "object" }, dryRun: DryRun): { obj: KubeObject; operation: string } {
  const rest = c.factory.rest();
  const desired = JSON.parse(JSON.stringify(t.object)) as KubeObject;
  if (t.mapping.namespaced) desired.metadata = { ...desired.metadata, namespace: t.namespace };
  const query = { fieldManager: c.flags.string("field-manager") || "kubectl-client-side-apply", fieldValidation: fieldValidation(c) ?? "Strict" };
  if (c.flags.bool("server-side")) {
    const result = check(
      rest.request({
        method: "PATCH",
        path: resourcePath(t.mapping, t.namespace, t.name),
        query: { dryRun: dryRun === "server" ? "All" : undefined, fieldManager: c.flags.string("field-manager") === "kubectl-client-side-apply" ? "kubectl" : c.flags.string("field-manager") || "kubectl", force: c.flags.bool("force-conflicts") ? "true" : undefined, fieldValidation: query.fieldValidation },
        body: toYaml(desired),
        headers: { "content-type": PATCH_TYPES.apply },
      }),
    ) as KubeObject;
    return { obj: result, operation: "serverside-applied" };
  }
  const modified = withLastApplied(desired);
  const current = rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace, t.name) });
  if (current.status === 404) {
    if (dryRun === "client") return { obj: modified, operation: "created" };
    const created = check(
      rest.request({ method: "POST", path: resourcePath(t.mapping, t.namespace), query: { ...query, dryRun: dryRun === "server" ? "All" : undefined }, body: modified, headers: { "content-type": "application/json" } }),
    ) as KubeObject;
    return { obj: created, operation: "created" };
  }
  const live = check(current) as KubeObject;
  // kubectl v1.33 skips the patch (and its warning) altogether on a client dry run: an existing
  // object is always reported "configured (dry run)", even when applying would change nothing.
  if (dryRun === "client") return { obj: live, operation: "configured" };
  const originalText = live.metadata.annotations?.[LAST_APPLIED];
  if (originalText === undefined) c.err(missingAnnotationWarning(t.mapping, t.name));
  const original = originalText ? (JSON.parse(originalText) as unknown) : {};
  const patch = threeWayPatch(original, modified as unknown as Record<string, unknown>, String(live.kind));
  const patchBody = { ...patch };
  delete patchBody.apiVersion;
  delete patchBody.kind;
  if (patchIsNoop(live, patchBody, String(live.kind))) return { obj: live, operation: "unchanged" };
  const patched = check(
    rest.request({
      method: "PATCH",
      path: resourcePath(t.mapping, t.namespace, t.name),
      query: { ...query, dryRun: dryRun === "server" ? "All" : undefined },
      body: patchBody,
      headers: { "content-type": t.mapping.group.includes(".") && !t.mapping.group.endsWith("k8s.io") ? PATCH_TYPES.merge : PATCH_TYPES.strategic },
    }),
  ) as KubeObject;
  return { obj: patched, operation: "configured" };
}

function prune(c: CommandContext, applied: Target[], dryRun: DryRun): void {
  const selector = c.flags.string("selector");
  if (!selector && !c.flags.bool("all")) throw new Error("all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector");
  const keep = new Set(applied.flatMap((t) => (t.kind === "object" ? [`${t.mapping.group}/${t.mapping.resource}/${t.namespace ?? ""}/${t.name}`] : [])));
  const namespaces = new Set(applied.filter((t) => t.namespace).map((t) => t.namespace!));
  const rest = c.factory.rest();
  for (const type of PRUNE_TYPES) {
    const mapping = c.factory.discovery().tryResolve(type);
    if (!mapping) continue;
    for (const ns of mapping.namespaced ? [...namespaces] : [undefined]) {
      const list = rest.list(mapping, ns, { labelSelector: selector }) as { items?: KubeObject[] };
      for (const item of list.items ?? []) {
        const key = `${mapping.group}/${mapping.resource}/${item.metadata.namespace ?? ""}/${item.metadata.name}`;
        if (keep.has(key) || !item.metadata.annotations?.[LAST_APPLIED]) continue;
        if (dryRun !== "client") rest.delete(mapping, item.metadata.namespace, item.metadata.name!, { dryRun: dryRun === "server", propagationPolicy: "Background" });
        c.out(successLine(mapping, item.metadata.name!, "pruned", dryRun));
      }
    }
  }
}

registerCommand("apply", (c) => {
  const filenames = c.flags.strings("filename");
  const kustomize = c.flags.string("kustomize");
  if (filenames.length === 0 && !kustomize) throw new Error("error: must specify one of -f and -k");
  if (c.args.length > 0) throw usageError(c.commandPath, `Unexpected args: [${c.args.join(" ")}]`);
  const dryRun = dryRunStrategy(c);
  fieldValidation(c);
  const printer = printerFor(c);
  const targets = buildTargets(c.factory, { args: [], filenames, kustomize: c.flags.string("kustomize"), recursive: c.flags.bool("recursive"), labelSelector: c.flags.string("selector") });
  const errors: Error[] = [];
  for (const t of targets) {
    if (t.kind !== "object") continue;
    try {
      const { obj, operation } = applyOne(c, t, dryRun);
      c.out(printer ? printer.print(obj) : successLine(t.mapping, t.name, operation, dryRun));
    } catch (e) {
      errors.push(withSource(e instanceof StatusError && e.status.code === 404 ? "retrieving current configuration of" : "applying", t.source, e) as Error);
    }
  }
  if (c.flags.bool("prune")) prune(c, targets, dryRun);
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
});
