/**
 * `npm run bench`: runs every bench/*.bench.ts in its own process (so one area's memory does not
 * distort another's numbers) and prints what each reports. Benchmarks report; they never fail a build.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = new URL(".", import.meta.url).pathname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

if (files.length === 0) {
  console.log("no benchmarks found");
  process.exit(0);
}

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", join(dir, file)], { stdio: "inherit" });
  if (result.status !== 0) {
    failed++;
    console.log(`(${file} exited with status ${result.status})`);
  }
}
process.exit(failed > 0 ? 1 : 0);
