import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError, usageError } from "../../cli/errors";
import { check } from "../../client/rest";
import { resourcePath } from "../../client/discovery";
import { buildTargets } from "../../resource/builder";
import { dryRunStrategy, fieldValidation, printerFor, successLine, withLastApplied } from "../options";
import { rawRequest, validateRaw } from "../raw";
import { typedMapping, withSource } from "./submit";
import "./generators";

/** `kubectl create -f FILE|DIR|-`: POSTs every object, continuing past failures like kubectl. */
registerCommand("create", (c: CommandContext) => {
  const filenames = c.flags.strings("filename");
  if (c.args.length > 0) throw usageError(c.commandPath, `Unexpected args: [${c.args.join(" ")}]`);
  if (filenames.length === 0 && !c.flags.string("kustomize")) throw new Error("must specify one of -f and -k");
  const raw = c.flags.string("raw");
  if (raw) {
    validateRaw(raw, filenames, { edit: c.flags.bool("edit"), fileRequired: true, recursive: c.flags.bool("recursive"), selector: c.flags.string("selector"), output: c.flags.string("output") });
    return rawRequest(c, "POST", raw, filenames[0]);
  }
  const dryRun = dryRunStrategy(c);
  const validation = fieldValidation(c);
  const printer = printerFor(c);
  const targets = buildTargets(c.factory, {
    args: [],
    filenames,
    kustomize: c.flags.string("kustomize"),
    recursive: c.flags.bool("recursive"),
    labelSelector: c.flags.string("selector"),
  });
  const errors: Error[] = [];
  for (const t of targets) {
    if (t.kind !== "object") continue;
    let obj = JSON.parse(JSON.stringify(t.object)) as KubeObject;
    if (t.mapping.namespaced) obj.metadata = { ...obj.metadata, namespace: t.namespace };
    if (c.flags.bool("save-config")) obj = withLastApplied(obj);
    try {
      let result = obj;
      if (dryRun !== "client") {
        result = check(
          c.factory.rest().request({
            method: "POST",
            path: resourcePath(t.mapping, t.namespace),
            query: { dryRun: dryRun === "server" ? "All" : undefined, fieldManager: c.flags.string("field-manager") || "kubectl-create", fieldValidation: validation ?? "Strict" },
            body: obj,
            headers: { "content-type": "application/json" },
          }),
        ) as KubeObject;
      }
      c.out(printer ? printer.print(result) : successLine(t.mapping, result.metadata?.name ?? t.name, "created", dryRun));
    } catch (e) {
      errors.push(withSource("creating", t.source, e) as Error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
});

registerCommand("create token", (c) => {
  const args = c.args;
  if (args.length !== 1) throw usageError(c.commandPath, `exactly one NAME is required, got ${args.length}`);
  const mapping = typedMapping("v1", "ServiceAccount")!;
  const spec: Record<string, unknown> = {};
  const audiences = c.flags.strings("audience");
  if (audiences.length) spec.audiences = audiences;
  const duration = c.flags.duration("duration");
  if (duration > 0) spec.expirationSeconds = Math.floor(duration / 1000);
  const kind = c.flags.string("bound-object-kind");
  if (kind) spec.boundObjectRef = { kind, apiVersion: kind === "Node" || kind === "Pod" ? "v1" : "v1", name: c.flags.string("bound-object-name"), uid: c.flags.string("bound-object-uid") || undefined };
  const result = check(
    c.factory.rest().request({
      method: "POST",
      path: resourcePath(mapping, c.factory.namespace().namespace, args[0], "token"),
      body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", metadata: { creationTimestamp: null }, spec, status: { token: "", expirationTimestamp: null } },
      headers: { "content-type": "application/json" },
    }),
  ) as { status?: { token?: string } };
  const printer = printerFor(c);
  c.out(printer ? printer.print(result as Record<string, unknown>) : `${result.status?.token ?? ""}\n`);
  return 0;
});
