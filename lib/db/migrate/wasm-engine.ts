// Loads Prisma's schema engine compiled to WebAssembly. Prisma 7's CLI only runs the native
// schema-engine binary, which it downloads on first use; this machine (and many deploy targets)
// cannot download it. The wasm build ships inside @prisma/schema-engine-wasm, pinned to the same
// engine commit as prisma 7.10.0, so migrations it writes and applies are byte-for-byte what
// `prisma migrate` would do. Its ESM entry imports a .wasm file, which Node 20 cannot import,
// so the module is instantiated by hand here.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

let instantiated = false;

function instantiateOnce(): void {
  if (instantiated) return;
  const require = createRequire(import.meta.url);
  // The package exports only its JS entries, so find the .wasm beside the resolved bindings file.
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const module = new WebAssembly.Module(readFileSync(path.join(dir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
  bindings.__wbg_set_wasm(exports);
  exports.__wbindgen_start();
  instantiated = true;
}

export type EngineLog = (message: string) => void;

/** A schema engine bound to one database (through a driver adapter factory) and one schema file. */
export async function openSchemaEngine(
  schema: { path: string; content: string },
  adapterFactory: object,
  log: EngineLog = () => {},
): Promise<SchemaEngine> {
  instantiateOnce();
  const engine = await bindings.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, log, adapterFactory);
  return engine as unknown as SchemaEngine;
}
