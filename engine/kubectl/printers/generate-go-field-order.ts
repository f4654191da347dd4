/**
 * Generates go-field-order.json: for each Kubernetes API struct kubectl decodes into, its JSON
 * fields in the order the Go struct declares them, which is the order encoding/json writes them
 * (what `kubectl run|create|expose|set … -o json` print after decoding the server's answer into
 * typed objects). Read from the types.go files of k8s.io/api and k8s.io/apimachinery at the
 * simulated minor's tag (v0.33.x):
 *
 *   npx tsx engine/kubectl/printers/generate-go-field-order.ts <k8s.io/api checkout> <k8s.io/apimachinery checkout>
 *
 * Each entry is `[jsonName, fieldType, omit?]`: fieldType names another struct ("core/v1.Container"),
 * "map:" + a struct or "map:" for a map (encoding/json sorts map keys), "" for anything else; an
 * empty jsonName is an embedded struct whose fields go in its place (`json:",inline"`). `omit` is
 * set for an `omitempty` field that encoding/json leaves out when empty: "p" a pointer (when nil),
 * "c" a slice or map (when empty), "v" a bool, number or string (when zero); a struct value is never left out.
 * A field without omitempty that an object lacks is written anyway: "n" as null, "0", "f" (false), "s" ("").
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const API_PACKAGES = ["core/v1", "apps/v1", "batch/v1", "rbac/v1", "networking/v1", "policy/v1", "autoscaling/v1", "autoscaling/v2", "scheduling/v1", "storage/v1", "coordination/v1", "certificates/v1", "discovery/v1", "events/v1", "node/v1", "admissionregistration/v1"];

type Field = [string, string] | [string, string, string];
interface RawField {
  json: string;
  type: string;
  omitempty: boolean;
  pkg: string;
  imports: Map<string, string>;
}

function packageOfImport(path: string): string {
  if (path === "k8s.io/apimachinery/pkg/apis/meta/v1") return "meta/v1";
  const api = /^k8s\.io\/api\/(.+)$/.exec(path);
  return api ? api[1] : path;
}

function parseFile(text: string, pkg: string, structs: Map<string, RawField[]>): void {
  const imports = new Map<string, string>();
  const block = /^import \(([\s\S]*?)^\)/m.exec(text)?.[1] ?? "";
  for (const m of block.matchAll(/^\s*(?:(\w+)\s+)?"([^"]+)"/gm)) imports.set(m[1] ?? m[2].split("/").pop()!, packageOfImport(m[2]));
  for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
    const fields: RawField[] = [];
    for (const line of m[2].split("\n")) {
      const f = /^\t(?:(\w+)\s+)?((?:\[\]|\*|map\[[^\]]+\])*[\w.]+)\s+`[^`]*json:"([^"]*)"/.exec(line);
      if (!f) continue;
      const json = f[3].split(",")[0];
      if (json === "-") continue;
      // An embedded struct without a JSON name (`json:",inline"`) merges its fields in place.
      fields.push({ json, type: f[2], omitempty: f[3].split(",").includes("omitempty"), pkg, imports });
    }
    structs.set(`${pkg}.${m[1]}`, fields);
  }
}

function resolve(field: RawField, structs: Map<string, RawField[]>): string {
  const isMap = /^(?:\[\]|\*)*map\[/.test(field.type);
  const base = field.type.replace(/^(?:\[\]|\*|map\[[^\]]+\])+/, "");
  const dot = base.indexOf(".");
  const name = dot >= 0 ? `${field.imports.get(base.slice(0, dot)) ?? base.slice(0, dot)}.${base.slice(dot + 1)}` : `${field.pkg}.${base}`;
  const struct = structs.has(name) && structs.get(name)!.length > 0 ? name : "";
  return isMap ? `map:${struct}` : struct;
}

/** When encoding/json leaves an omitempty field out: "p" nil pointer, "c" empty slice or map, "v" zero scalar, "" never (a struct value). */
function omission(field: RawField, structs: Map<string, RawField[]>): string {
  if (field.type.startsWith("*")) return "p";
  if (field.type.startsWith("[]") || field.type.startsWith("map[")) return "c";
  const base = field.type.includes(".") ? field.type.slice(field.type.indexOf(".") + 1) : field.type;
  // Named string and number types (Protocol, ResourceName, …) are scalars; anything declared as a struct (Time, Quantity, IntOrString, …) is not.
  const scalar = /^(bool|string|u?int(8|16|32|64)?|float(32|64)|byte)$/.test(base) || (!field.type.includes(".") && !structs.has(`${field.pkg}.${base}`) && /^[A-Z]/.test(base));
  return scalar ? "v" : "";
}

/** What encoding/json writes for a field without omitempty that the object lacks: "n" null (a nil slice, map or pointer), "0", "f" false or "s" "" for a basic type; "" when not known here. */
function absence(field: RawField): string {
  if (/^(\[\]|\*|map\[)/.test(field.type)) return "n";
  if (/^u?int(8|16|32|64)?$|^float(32|64)$/.test(field.type)) return "0";
  if (field.type === "bool") return "f";
  if (field.type === "string") return "s";
  return "";
}

function main(): void {
  const [api, apimachinery] = process.argv.slice(2);
  if (!api || !apimachinery) throw new Error("usage: generate-go-field-order.ts <k8s.io/api checkout> <k8s.io/apimachinery checkout>");
  const structs = new Map<string, RawField[]>();
  parseFile(readFileSync(join(apimachinery, "pkg/apis/meta/v1/types.go"), "utf8"), "meta/v1", structs);
  for (const pkg of API_PACKAGES) parseFile(readFileSync(join(api, pkg, "types.go"), "utf8"), pkg, structs);
  const out: Record<string, Field[]> = {};
  for (const [name, fields] of [...structs].sort(([a], [b]) => a.localeCompare(b))) {
    if (fields.length > 0) out[name] = fields.map((f) => [f.json, resolve(f, structs), f.omitempty ? omission(f, structs) : absence(f)]).map((f) => (f[2] ? f : [f[0], f[1]]) as Field);
  }
  const here = dirname(fileURLToPath(import.meta.url));
  writeFileSync(join(here, "go-field-order.json"), JSON.stringify(out) + "\n");
}

main();
