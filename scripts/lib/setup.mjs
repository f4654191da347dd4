// Steps shared by `npm start` and `npm test`, each skipped when already done, so a second run
// starts in seconds. Plain Node (no dependencies): it must run before `npm ci` has.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export function step(title) {
  console.log(`\n▶ ${title}`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", ...options, env: { ...process.env, ...options.env } });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function runOrExit(command, args, options = {}) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✗ ${[command, ...args].join(" ")} failed (exit ${status})`);
    process.exit(status);
  }
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time of any file under `entries` (files or folders), skipping `skip` names. */
export function newestMtime(entries, skip = new Set(["node_modules", ".next", ".git", "data", "test-results", "playwright-report"])) {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(p)) if (!skip.has(name)) visit(path.join(p, name));
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

/** npm ci when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const installed = path.join(root, "node_modules/.package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (existsSync(installed) && mtime(installed) >= mtime(lock)) return;
  step("Installing dependencies (npm ci)");
  runOrExit(npm, existsSync(lock) ? ["ci", "--no-audit", "--no-fund"] : ["install", "--no-audit", "--no-fund"]);
}

/** The Prisma clients, regenerated when a schema changed (npm ci's postinstall also makes them). */
export function ensurePrismaClients() {
  const generated = mtime(path.join(root, "generated/prisma/client.ts"));
  const generatedPg = mtime(path.join(root, "generated/prisma-pg/client.ts"));
  const schemas = Math.max(mtime(path.join(root, "prisma/schema.prisma")), mtime(path.join(root, "prisma/postgres/schema.prisma")));
  if (generated >= schemas && generatedPg >= schemas) return;
  step("Generating Prisma clients");
  runOrExit(process.execPath, ["scripts/prisma-generate.mjs"]);
}

// Everything a production build is made from. A file newer than the last build means rebuild.
const BUILD_INPUTS = ["app", "lib", "engine", "scenarios", "generated", "public", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const BUILD_STAMP = ".next/kubecoach-build-stamp";

export function buildIsStale() {
  const stamp = mtime(path.join(root, BUILD_STAMP));
  return stamp === 0 || !existsSync(path.join(root, ".next/BUILD_ID")) || newestMtime(BUILD_INPUTS) > stamp;
}

/** next build, when there is none yet or a source file changed since the last one. */
export function ensureBuild() {
  if (!buildIsStale()) return false;
  step("Building the app (next build)");
  const startedAt = new Date();
  runOrExit(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    env: { NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  // Stamped with the build's start time, so files edited during the build trigger the next one.
  const stamp = path.join(root, BUILD_STAMP);
  writeFileSync(stamp, startedAt.toISOString() + "\n");
  utimesSync(stamp, startedAt, startedAt);
  return true;
}
