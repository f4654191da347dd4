/**
 * The TypeScript declarations say only `number`, but the API server's decoder reports the Go type
 * (`… of type int32`) and the OpenAPI documents carry `format: int32|int64` and `type: number` for
 * float64. kubernetes-models ships a compiled JSON-schema validator per type that still knows each
 * field's type and format; probing it with values only some types accept recovers them. Used only by
 * generate-definitions.ts (the output is committed).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Definitions, PropertySchema } from "./definitions";

interface ValidationError {
  instancePath: string;
  keyword: string;
  params: { format?: string; type?: string };
}
type Validator = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };

/** kubernetes-models' file name of an OpenAPI type: io.k8s.api.apps.v1.DeploymentSpec → IoK8sApiAppsV1DeploymentSpec. */
function schemaFile(name: string, modelsRoot: string): string | undefined {
  const base = name
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
  const dirs = [join(modelsRoot, "_schemas"), join(modelsRoot, "../@kubernetes-models/apimachinery/_schemas")];
  for (const dir of dirs) {
    const file = join(dir, `${base}.js`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Errors the validator reports at `path` for `value` placed there. */
function errorsAt(validate: Validator, property: string, value: unknown, path: string): ValidationError[] {
  validate({ [property]: value });
  return (validate.errors ?? []).filter((e) => e.instancePath === path);
}

/** The refined schema of one integer-typed number: int32, int64, or a float64 `number`. */
function probeNumber(validate: Validator, property: string, wrap: (n: number) => unknown, path: string): PropertySchema | undefined {
  const wide = errorsAt(validate, property, wrap(2 ** 40), path);
  if (wide.some((e) => e.keyword === "format" && e.params.format === "int32")) return { type: "integer", format: "int32" };
  const fraction = errorsAt(validate, property, wrap(1.5), path);
  if (fraction.some((e) => e.keyword === "type" && e.params.type === "integer")) return { type: "integer", format: "int64" };
  if (fraction.length === 0 && wide.length === 0) return { type: "number", format: "double" };
  return undefined;
}

/** Whether a string field is Go's []byte (base64 in JSON): the models check `format: byte`. */
function isBytes(validate: Validator, property: string, wrap: (s: string) => unknown, path: string): boolean {
  return errorsAt(validate, property, wrap("%%%"), path).some((e) => e.keyword === "format" && e.params.format === "byte");
}

/**
 * Adds `format` (and `type: number` for floats) to every integer property the models can tell
 * apart, and `format: byte` to []byte strings (Secret data, certificate requests).
 */
export async function addNumberFormats(definitions: Definitions, modelsRoot: string): Promise<number> {
  let refined = 0;
  for (const [name, def] of Object.entries(definitions)) {
    const properties = Object.entries(def.properties ?? {}).filter(
      ([, p]) => p.type === "integer" || p.items?.type === "integer" || p.type === "string" || p.additionalProperties?.type === "string",
    );
    if (properties.length === 0) continue;
    const file = schemaFile(name, modelsRoot);
    if (!file) continue;
    const validate = ((await import(pathToFileURL(file).href)) as { validate: Validator }).validate;
    for (const [key, property] of properties) {
      if (property.type === "integer") {
        const found = probeNumber(validate, key, (n) => n, `/${key}`);
        if (found) {
          Object.assign(property, found);
          refined++;
        }
      } else if (property.type === "string" && !property.format) {
        if (isBytes(validate, key, (v) => v, `/${key}`)) {
          property.format = "byte";
          refined++;
        }
      } else if (property.additionalProperties?.type === "string") {
        if (isBytes(validate, key, (v) => ({ k: v }), `/${key}/k`)) {
          property.additionalProperties.format = "byte";
          refined++;
        }
      } else if (property.items) {
        const found = probeNumber(validate, key, (n) => [n], `/${key}/0`);
        if (found) {
          Object.assign(property.items, found);
          refined++;
        }
      }
    }
  }
  return refined;
}
