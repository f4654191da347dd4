import type { FlagValues } from "../cli/flags";
import { helpText } from "../cli/help-data";
import { GoTemplate, goPrint, TemplateError } from "./gotemplate";
import { goJson, goSyntax, JsonPath, JsonPathError, relaxedJsonPath } from "./jsonpath";
import { toJson } from "./json";
import { TabWriter } from "./tabwriter";
import { toYaml } from "./yaml";
import { inGoFieldOrder } from "./go-order";

/**
 * kubectl's PrintFlags: turns `-o …`, `--template`, `--show-managed-fields` and friends into a
 * printer for objects (or a List of them). Human-readable table output is handled by the table
 * printer; this covers json, yaml, name, jsonpath, go-template and custom-columns.
 */
export interface ObjectPrinter {
  /** Prints one object or a List; returns the text (printers never add their own trailing newline unless kubectl does). */
  print(obj: Record<string, unknown>): string;
  /** Whether this is `-o name` (some commands print `… created` through it). */
  readonly isName?: boolean;
}

/** A printing failure; `stdout` is what kubectl writes to stdout before reporting it (template debugging help). */
export class PrintError extends Error {
  constructor(
    message: string,
    readonly stdout = "",
  ) {
    super(message);
  }
}

/** Allowed -o formats of a command, from its own help text (`One of: (json, yaml, …)`). */
export function allowedFormats(path: string): string[] {
  const text = helpText(path) ?? "";
  const m = /--output='[^']*':\n\t[^\n]*?One of: \(([^)]*)\)/.exec(text);
  if (!m) return ["json", "yaml", "name", "go-template", "go-template-file", "template", "templatefile", "jsonpath", "jsonpath-as-json", "jsonpath-file"];
  return m[1].split(",").map((s) => s.trim());
}

function stripManagedFields(obj: Record<string, unknown>): Record<string, unknown> {
  const strip = (o: Record<string, unknown>) => {
    const meta = o.metadata as Record<string, unknown> | undefined;
    if (!meta || !("managedFields" in meta)) return o;
    const rest = { ...meta };
    delete rest.managedFields;
    return { ...o, metadata: rest };
  };
  if (Array.isArray(obj.items)) return { ...strip(obj), items: (obj.items as Record<string, unknown>[]).map(strip) };
  return strip(obj);
}

function items(obj: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(obj.items) && obj.kind !== undefined && String(obj.kind).endsWith("List") ? (obj.items as Record<string, unknown>[]) : [obj];
}

/** `pod/web`, `deployment.apps/web`: what -o name prints. */
export function nameOf(obj: Record<string, unknown>): string {
  const apiVersion = String(obj.apiVersion ?? "");
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const kind = String(obj.kind ?? "").toLowerCase();
  // cli-runtime's NamePrinter names nameless objects (a SelfSubjectReview) "<unknown>".
  const name = (obj.metadata as { name?: string } | undefined)?.name || "<unknown>";
  return `${group ? `${kind}.${group}` : kind}/${name}`;
}

interface PrinterOptions {
  output: string;
  template: string;
  allowMissingKeys: boolean;
  showManagedFields: boolean;
  noHeaders: boolean;
  /** JSON of client-built objects keeps Go's struct field order rather than sorted keys. */
  keepOrder?: boolean;
  /** The objects are typed Go values kubectl decoded the server's answer into: JSON in their structs' field order. */
  typed?: boolean;
  readFile?: (path: string) => string | undefined;
  /** `-o name` with an operation: `deployment.apps/x created`. */
  operation?: string;
}

export function printOptionsFrom(flags: FlagValues, readFile?: (path: string) => string | undefined): PrinterOptions {
  return {
    output: flags.has("output") ? flags.string("output") : "",
    template: flags.has("template") ? flags.string("template") : "",
    allowMissingKeys: flags.has("allow-missing-template-keys") ? flags.bool("allow-missing-template-keys") : true,
    showManagedFields: flags.has("show-managed-fields") ? flags.bool("show-managed-fields") : false,
    noHeaders: flags.has("no-headers") ? flags.bool("no-headers") : false,
    readFile,
  };
}

/** Builds the printer for an -o value, or undefined for human-readable output ("" or "wide"). */
export function objectPrinter(path: string, options: PrinterOptions): ObjectPrinter | undefined {
  const output = options.output;
  if (output === "" || output === "wide") return undefined;
  const eq = output.indexOf("=");
  const format = eq >= 0 ? output.slice(0, eq) : output;
  let arg = eq >= 0 ? output.slice(eq + 1) : "";
  const allowed = allowedFormats(path);
  if (!allowed.includes(format) || (format === "wide" && eq >= 0)) {
    throw new PrintError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${[...allowed].sort().join(",")}`);
  }
  const managed = (o: Record<string, unknown>) => (options.showManagedFields ? o : stripManagedFields(o));
  const readTemplateFile = (file: string) => {
    const text = options.readFile?.(file);
    if (text === undefined) throw new PrintError(`error reading --template ${file}, open ${file}: no such file or directory`);
    return text;
  };
  switch (format) {
    case "json":
      if (options.typed) return { print: (o) => toJson(inGoFieldOrder(managed(o)), "    ", false) };
      return { print: (o) => toJson(managed(o), "    ", !options.keepOrder) };
    case "yaml": {
      // Like kubectl's YAMLPrinter: every object after the first starts a new document.
      let printed = 0;
      return { print: (o) => (printed++ > 0 ? "---\n" : "") + toYaml(managed(o)) };
    }
    case "name":
      return {
        isName: true,
        print: (o) => items(o).map((i) => `${nameOf(i)}${options.operation ? ` ${options.operation}` : ""}\n`).join(""),
      };
    case "jsonpath":
    case "jsonpath-as-json":
    case "jsonpath-file": {
      if (!arg) arg = options.template;
      if (!arg) throw new PrintError("template format specified but no template given");
      const text = format === "jsonpath-file" ? readTemplateFile(arg) : arg;
      let parsed: JsonPath;
      try {
        parsed = new JsonPath(options.allowMissingKeys, format === "jsonpath-as-json").parse(text);
      } catch (e) {
        throw new PrintError(`error parsing jsonpath ${text}, ${(e as Error).message}`);
      }
      return {
        print: (o) => {
          try {
            return parsed.execute(JSON.parse(JSON.stringify(o)));
          } catch (e) {
            if (e instanceof JsonPathError) {
              // The JSONPath printer wraps the template's error (itself ending in a blank line) with one more newline.
              throw new PrintError(
                `error executing jsonpath "${text}": Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${text}\n\tobject given to jsonpath engine was:\n\t\t${goSyntax(o)}\n\n\n`,
              );
            }
            throw e;
          }
        },
      };
    }
    case "go-template":
    case "template":
    case "go-template-file":
    case "templatefile": {
      if (!arg) arg = options.template;
      if (!arg) throw new PrintError("template format specified but no template given");
      const text = format.endsWith("file") ? readTemplateFile(arg) : arg;
      let template: GoTemplate;
      try {
        template = new GoTemplate(text, !options.allowMissingKeys);
      } catch (e) {
        throw new PrintError(`error parsing template ${text}, ${(e as Error).message}`);
      }
      return {
        print: (o) => {
          try {
            return template.execute(JSON.parse(JSON.stringify(o)));
          } catch (e) {
            if (e instanceof TemplateError) {
              const raw = goJson(o);
              throw new PrintError(
                `error executing template "${text}": ${e.message}`,
                `Error executing template: ${e.message}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t${text}\n\traw data was:\n\t\t${raw}\n\tobject given to template engine was:\n\t\t${goPrint(o)}\n\n`,
              );
            }
            throw e;
          }
        },
      };
    }
    case "custom-columns":
    case "custom-columns-file":
      return customColumns(format === "custom-columns-file" ? readTemplateFile(arg) : arg, format === "custom-columns-file", options);
    default:
      throw new PrintError(`unable to match a printer suitable for the output format "${output}", allowed formats are: ${[...allowed].sort().join(",")}`);
  }
}

function customColumns(spec: string, fromFile: boolean, options: PrinterOptions): ObjectPrinter {
  const columns: { header: string; path: JsonPath }[] = [];
  if (fromFile) {
    const lines = spec.split("\n").filter((l) => l.trim() !== "");
    if (lines.length < 1) throw new PrintError("invalid template, missing header line. Expected format is one line of space separated headers, one line of space separated column specs.");
    if (lines.length < 2) throw new PrintError("invalid template, missing spec line. Expected format is one line of space separated headers, one line of space separated column specs.");
    const headers = lines[0].trim().split(/\s+/);
    const specs = lines[1].trim().split(/\s+/);
    if (headers.length !== specs.length) throw new PrintError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
    headers.forEach((h, i) => columns.push({ header: h, path: compileColumn(specs[i], options) }));
  } else {
    if (spec === "") throw new PrintError("custom-columns format specified but no custom columns given");
    for (const part of spec.split(",")) {
      const colon = part.indexOf(":");
      if (colon < 0) throw new PrintError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
      columns.push({ header: part.slice(0, colon), path: compileColumn(part.slice(colon + 1), options) });
    }
  }
  const noHeaders = !fromFile && options.noHeaders;
  return {
    print: (o) => {
      let out = "";
      const w = new TabWriter((s) => (out += s));
      if (!noHeaders) w.write(columns.map((c) => c.header).join("\t") + "\n");
      for (const item of items(o)) {
        const cells = columns.map((c) => {
          const data = JSON.parse(JSON.stringify(item));
          const values = c.path.findAll(data);
          if (values.length === 0 || values[0].length === 0) return "<none>";
          return values.flat().map((v) => goPrint(v)).join(",");
        });
        w.write(cells.join("\t") + "\n");
      }
      w.flush();
      return out;
    },
  };
}

function compileColumn(expr: string, options: PrinterOptions): JsonPath {
  try {
    return new JsonPath(options.allowMissingKeys).parse(relaxedJsonPath(expr));
  } catch (e) {
    throw new PrintError((e as Error).message);
  }
}
