// End-to-end tests in Debian's Chromium (no browser download), against the production build
// served by server.ts on port 3100 with a throwaway SQLite database.
// `npm test` builds first; run alone with `npx playwright test` after `npm run build`.
import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";

const PORT = 3100;
const BASE_URL = `http://localhost:${PORT}`;
const E2E_DB = path.join(os.tmpdir(), `kubecoach-e2e-${PORT}.db`);

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "e2e", testIgnore: /screenshots\.spec\.ts/ },
    // `npm run screenshot` refreshes the pictures in docs/screenshots/ used by the README.
    ...(process.env.UPDATE_SCREENSHOTS ? [{ name: "screenshots", testMatch: /screenshots\.spec\.ts/ }] : []),
  ],
  webServer: {
    // A fresh database every run: the server migrates it and seeds the demo accounts.
    command: `rm -f ${E2E_DB} ${E2E_DB}-wal ${E2E_DB}-shm && node --import tsx server.ts`,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: `file:${E2E_DB}`,
      NEXTAUTH_URL: BASE_URL,
      NEXTAUTH_SECRET: "e2e-only-secret-not-used-anywhere-else",
      KUBECOACH_DEMO_ACCOUNTS: "true",
      LOG_LEVEL: "warn",
    },
  },
});
