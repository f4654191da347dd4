/**
 * Generates definitions.json, the OpenAPI schemas of every built-in type with their field
 * descriptions, from the `kubernetes-types` package (TypeScript declarations generated from the
 * Kubernetes OpenAPI spec, doc comments included), topped up from the newer `kubernetes-models`
 * package (models-supplement.ts). Run after upgrading either package:
 *
 *   npx tsx engine/api/openapi/generate-definitions.ts
 *
 * The output is committed so production needs neither the package nor this script.
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import type { Definitions, PropertySchema } from "./definitions";
import { supplementFromModels } from "./models-supplement";
import { addNumberFormats } from "./models-formats";
import { typeNodeSchema } from "./type-schema";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../../node_modules/kubernetes-types");

/** The OpenAPI name prefix of each kubernetes-types module. */
function prefixOf(module: string): string {
  if (module === "meta/v1") return "io.k8s.apimachinery.pkg.apis.meta.v1";
  if (module === "api/resource") return "io.k8s.apimachinery.pkg.api.resource";
  if (module === "runtime") return "io.k8s.apimachinery.pkg.runtime";
  if (module === "version") return "io.k8s.apimachinery.pkg.version";
  if (module === "apiextensions/v1") return "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1";
  return `io.k8s.api.${module.replace("/", ".")}`;
}

const INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (entry.endsWith(".d.ts") && entry !== "index.d.ts") out.push(path);
  }
  return out;
}

function docOf(node: ts.Node, source: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last) return undefined;
  const text = source.text.slice(last.pos, last.end);
  if (!text.startsWith("/**")) return undefined;
  return text
    .replace(/^\/\*\*\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

const definitions: Definitions = {};

for (const file of files(root)) {
  const module = relative(root, file).replace(/\.d\.ts$/, "");
  const prefix = prefixOf(module);
  const source = ts.createSourceFile(file, ts.sys.readFile(file)!, ts.ScriptTarget.Latest, true);
  // Where each imported name comes from, to turn type references into OpenAPI names.
  const imported = new Map<string, string>();
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings && ts.isNamedImports(statement.importClause.namedBindings)) {
      const from = (statement.moduleSpecifier as ts.StringLiteral).text;
      const target = relative(root, join(dirname(file), from));
      for (const el of statement.importClause.namedBindings.elements) imported.set(el.name.text, `${prefixOf(target)}.${el.name.text}`);
    }
  }
  const refName = (name: string) => imported.get(name) ?? `${prefix}.${name}`;

  const typeSchema = (type: ts.TypeNode): PropertySchema => typeNodeSchema(type, source, (name) => ({ $ref: refName(name) }));


  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      const name = `${prefix}.${statement.name.text}`;
      const properties: Record<string, PropertySchema> = {};
      const required: string[] = [];
      for (const member of statement.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const field = member.name.getText(source).replace(/^"|"$/g, "");
        const schema = typeSchema(member.type);
        const description = docOf(member, source);
        properties[field] = description ? { ...schema, description } : schema;
        if (!member.questionToken) required.push(field);
      }
      definitions[name] = {
        ...(docOf(statement, source) ? { description: docOf(statement, source) } : {}),
        type: "object",
        ...(required.length > 0 ? { required: required.sort() } : {}),
        ...(Object.keys(properties).length > 0 ? { properties } : {}),
      };
    } else if (ts.isTypeAliasDeclaration(statement) && statement.type.kind === ts.SyntaxKind.StringKeyword) {
      const name = statement.name.text;
      definitions[`${prefix}.${name}`] = {
        ...(docOf(statement, source) ? { description: docOf(statement, source) } : {}),
        type: "string",
        ...(name === "Time" || name === "MicroTime" ? { format: "date-time" } : {}),
      };
    }
  }
}

// kubernetes-types leaves out JSONSchemaProps' `x-kubernetes-*` extension fields (their names are not
// TypeScript identifiers), but CustomResourceDefinitions use them all the time; without them strict
// field validation would refuse every CRD that says x-kubernetes-preserve-unknown-fields.
const JSON_SCHEMA_PROPS = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";
const EXTENSIONS: Record<string, PropertySchema> = {
  "x-kubernetes-embedded-resource": { type: "boolean", description: "Marks an object that holds a whole Kubernetes object (apiVersion, kind, metadata are validated and kept)." },
  "x-kubernetes-int-or-string": { type: "boolean", description: "Accepts an integer or a string here (like IntOrString in built-in types)." },
  "x-kubernetes-list-map-keys": { type: "array", items: { type: "string" }, description: "For a list of type map: the fields that identify an item (its keys)." },
  "x-kubernetes-list-type": { type: "string", description: "How a list merges under server-side apply: atomic, set or map." },
  "x-kubernetes-map-type": { type: "string", description: "How an object merges under server-side apply: granular or atomic." },
  "x-kubernetes-preserve-unknown-fields": { type: "boolean", description: "Keeps fields the schema does not declare instead of pruning them." },
  "x-kubernetes-validations": {
    type: "array",
    items: { $ref: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.ValidationRule" },
    description: "CEL rules the value must satisfy.",
  },
};
const schemaProps = definitions[JSON_SCHEMA_PROPS];
if (schemaProps) schemaProps.properties = { ...(schemaProps.properties ?? {}), ...EXTENSIONS };

const added = supplementFromModels(definitions, join(here, "../../../node_modules/kubernetes-models"));
console.log(`kubernetes-models added ${added.properties} properties and ${added.types} types newer than kubernetes-types`);
const formatted = await addNumberFormats(definitions, join(here, "../../../node_modules/kubernetes-models"));
console.log(`kubernetes-models gave the Go type (int32, int64, float64, []byte) of ${formatted} properties`);

definitions[INT_OR_STRING] = {
  description: "IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.",
  type: "string",
  format: "int-or-string",
};

const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));
writeFileSync(join(here, "definitions.json"), JSON.stringify(sorted) + "\n");
console.log(`wrote ${Object.keys(sorted).length} definitions`);
