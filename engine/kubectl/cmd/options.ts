import type { KubeObject } from "../../api/types";
import type { CommandContext } from "../cli/command";
import { usageError } from "../cli/errors";
import { kindPrefix, type ResourceMapping } from "../client/discovery";
import { objectPrinter, printOptionsFrom, type ObjectPrinter } from "../printers";
import { toCompactJson } from "../printers/json";

/**
 * Options most mutating commands share (kubectl's cmdutil helpers): --dry-run, -o/--template,
 * --field-manager, --validate, --save-config, and the `kind/name verb` success line.
 */
export type DryRun = "none" | "client" | "server";

export function dryRunStrategy(c: CommandContext): DryRun {
  if (!c.flags.has("dry-run")) return "none";
  const v = c.flags.string("dry-run");
  switch (v) {
    case "unchanged":
      throw new Error('--dry-run flag without a value was specified. A value must be set: "none", "server", or "client".');
    case "client":
    case "server":
    case "none":
      return v;
    default:
      throw new Error(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

/** --validate: strict (true), warn, ignore (false); maps to the server's fieldValidation. */
export function fieldValidation(c: CommandContext): string | undefined {
  if (!c.flags.has("validate")) return undefined;
  const v = c.flags.string("validate").toLowerCase();
  switch (v) {
    case "true":
    case "strict":
      return "Strict";
    case "warn":
      return "Warn";
    case "false":
    case "ignore":
      return "Ignore";
    default:
      throw new Error(`invalid - validate option "${c.flags.string("validate")}"; must be one of: strict (or true), warn, ignore (or false)`);
  }
}

export function printerFor(c: CommandContext, options: { keepOrder?: boolean; typed?: boolean; operation?: string } = {}): ObjectPrinter | undefined {
  const base = printOptionsFrom(c.flags, (p) => c.ctx.host.fs.readFileSync(p.startsWith("/") ? p : `${c.ctx.cwd}/${p}`));
  return objectPrinter(c.path, { ...base, ...options });
}

/** `deployment.apps/web created (dry run)`. */
export function successLine(mapping: Pick<ResourceMapping, "kind" | "group"> | KubeObject, name: string, operation: string, dryRun: DryRun): string {
  const prefix = "metadata" in mapping ? objectPrefix(mapping) : kindPrefix(mapping);
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  return `${prefix}/${name} ${operation}${suffix}\n`;
}

export function objectPrefix(obj: KubeObject): string {
  const apiVersion = String(obj.apiVersion ?? "");
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  return group ? `${String(obj.kind).toLowerCase()}.${group}` : String(obj.kind).toLowerCase();
}

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** The annotation `apply` and `--save-config` keep: the object as given, compact JSON, newline-terminated. */
export function withLastApplied(obj: KubeObject): KubeObject {
  const copy = JSON.parse(JSON.stringify(obj)) as KubeObject;
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  // kubectl serialises the object with its other annotations (an empty map included) before adding this one.
  const forAnnotation = { ...copy, metadata: { ...copy.metadata, annotations } };
  copy.metadata.annotations = { ...annotations, [LAST_APPLIED]: toCompactJson(forAnnotation) + "\n" };
  return copy;
}

/** cmdutil's NameFromCommandArgs. */
export function exactlyOneName(c: CommandContext): string {
  const args = c.argsLenAtDash >= 0 ? c.args.slice(0, c.argsLenAtDash) : c.args;
  if (args.length !== 1) throw usageError(c.commandPath, `exactly one NAME is required, got ${args.length}`);
  return args[0];
}
