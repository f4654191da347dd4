// Worker threads of the server run TypeScript entries: tsx's loader is registered inside the
// worker before its entry is imported (a worker does not inherit the server's `--import tsx`
// hooks for its entry file).
import { createRequire } from "node:module";
import path from "node:path";

/** The `eval` source of a worker that imports `entry` (a file URL of a .ts module) through tsx. */
export function typescriptWorkerSource(entry: URL): string {
  let api: string;
  try {
    api = import.meta.resolve("tsx/esm/api");
  } catch {
    api = "file://" + path.join(path.dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist/esm/api/index.mjs");
  }
  return `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
}
