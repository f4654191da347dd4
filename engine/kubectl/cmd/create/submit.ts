import type { KubeObject } from "../../../api/types";
import type { CommandContext } from "../../cli/command";
import { StatusError } from "../../cli/errors";
import { dryRunStrategy, fieldValidation, printerFor, successLine, withLastApplied } from "../options";
import type { Obj } from "./objects";
import { BUILTIN_RESOURCES } from "../../../api/kinds/catalog";
import type { ResourceMapping } from "../../client/discovery";

/**
 * The mapping a generator's typed client (clientset.CoreV1().ConfigMaps(), …) has compiled in:
 * kubectl's generators send their request without asking discovery first (no /api, /apis at -v=6).
 */
export function typedMapping(apiVersion: string, kind: string): ResourceMapping | undefined {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  const def = BUILTIN_RESOURCES.find((d) => d.group === group && d.kind === kind);
  if (!def) return undefined;
  return {
    group,
    version,
    resource: def.resource,
    kind,
    singular: def.singular,
    namespaced: def.namespaced,
    shortNames: def.shortNames ?? [],
    categories: def.categories ?? [],
    verbs: def.verbs ?? [],
    subresources: [],
    preferred: true,
  };
}

/**
 * The common tail of every `kubectl create <generator>`: client dry-run prints the generated
 * object; otherwise it is POSTed (with --dry-run=server as dryRun=All) and the server's answer is
 * printed with -o, or `kind/name created` without.
 */
export function createFromGenerator(c: CommandContext, generated: Obj, operation = "created", failurePrefix?: string): number {
  const dryRun = dryRunStrategy(c);
  const validation = fieldValidation(c);
  let obj = generated as KubeObject;
  if (c.flags.bool("save-config")) obj = withLastApplied(obj);
  const printer = printerFor(c, { keepOrder: dryRun === "client", typed: dryRun !== "client" });
  if (dryRun === "client") {
    c.out(printer ? printer.print(obj) : successLine(obj, obj.metadata.name ?? "", operation, dryRun));
    return 0;
  }
  const mapping = typedMapping(obj.apiVersion, obj.kind) ?? c.factory.discovery().forKind(obj.apiVersion, obj.kind);
  if (!mapping) throw new Error(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
  const namespace = mapping.namespaced ? obj.metadata.namespace || c.factory.namespace().namespace : undefined;
  const body = JSON.parse(JSON.stringify(obj)) as KubeObject;
  let created: KubeObject;
  try {
    created = c.factory.rest().create(mapping, namespace, body, {
      dryRun: dryRun === "server",
      fieldManager: c.flags.has("field-manager") ? c.flags.string("field-manager") : "kubectl-create",
      fieldValidation: validation ?? "Strict",
    });
  } catch (e) {
    // Some generators wrap the server's error (`failed to create deployment: …`), losing its Error from server form.
    if (failurePrefix && e instanceof StatusError) throw new Error(`${failurePrefix}: ${e.status.message}`);
    throw e;
  }
  c.out(printer ? printer.print(created) : successLine(mapping, created.metadata?.name ?? obj.metadata.name ?? "", operation, dryRun));
  return 0;
}

/** cmdutil.AddSourceToErr: `error when creating "pod.yaml": …` inside the server's message. */
export function withSource(verb: string, source: string, e: unknown): unknown {
  if (e instanceof StatusError) {
    return new StatusError({ ...e.status, message: `error when ${verb} "${source}": ${e.status.message}` });
  }
  return e;
}
