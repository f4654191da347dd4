// `npm test`: everything CI checks, from a fresh clone. Installs what the tests need (npm
// dependencies; Debian's Chromium through apt when missing and running as root), then runs
// lint + typecheck, every Vitest test in the repository, a production build, and the Playwright
// end-to-end tests. Each check runs even if an earlier one failed, so one run shows everything;
// the exit code is non-zero if any failed.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ensureBuild, ensureDependencies, ensurePrismaClients, root, run, runOrExit, step } from "./lib/setup.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const bin = (name) => path.join(root, "node_modules/.bin", name);
const reports = path.join(root, "test-results");
const timings = [];
const failures = [];

function timed(title, fn) {
  step(title);
  const started = Date.now();
  const status = fn();
  timings.push([title, (Date.now() - started) / 1000, status]);
  if (status !== 0) failures.push(title);
}

function ensureChromium() {
  if (existsSync(chromium)) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync("/usr/bin/apt-get")) {
    console.error(`Chromium is missing at ${chromium}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  step("Installing Debian's Chromium for the end-to-end tests (apt-get install chromium)");
  runOrExit("apt-get", ["update", "-qq"]);
  runOrExit("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-liberation"], { env: { DEBIAN_FRONTEND: "noninteractive" } });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const started = Date.now();
timed("Dependencies, Chromium and Prisma clients (skipped when present)", () => {
  ensureDependencies();
  ensureChromium();
  ensurePrismaClients();
  return 0;
});
mkdirSync(reports, { recursive: true });

timed("Lint and typecheck (eslint, tsc --noEmit)", () => {
  const lint = run(bin("eslint"), ["."]);
  const types = run(bin("tsc"), ["--noEmit"]);
  return lint || types;
});

timed("Unit and integration tests (vitest run)", () =>
  run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`]),
);

timed("Production build (skipped when up to date)", () => (ensureBuild(), 0));

timed("End-to-end tests (Playwright, Debian Chromium)", () =>
  run(bin("playwright"), ["test", "--project=e2e", "--reporter=list,json"], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright.json") } }),
);

// One summary for both runners.
const vitest = readJson(path.join(reports, "vitest.json"));
const e2e = readJson(path.join(reports, "playwright.json"));
const passed = (vitest?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
// A test file that fails to load has no failed test in it, but is a failure all the same.
const unloadable = (vitest?.testResults ?? []).filter((file) => file.status === "failed" && !file.assertionResults?.some((t) => t.status === "failed")).length;
const failed = (vitest?.numFailedTests ?? 0) + unloadable + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);

console.log("\nnpm test summary");
for (const [title, seconds, status] of timings) console.log(`  ${status === 0 ? "✓" : "✗"} ${title} — ${seconds.toFixed(1)} s`);
console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (failures.length > 0) console.log(`  failed: ${failures.join("; ")}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length > 0 ? 1 : 0);
