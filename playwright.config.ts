// End-to-end tests in Debian's Chromium (no browser download), against the production build
// served by server.ts on port 3100 with a throwaway SQLite database.
// `npm test` builds first; run alone with `npx playwright test` after `npm run build`.
import { defineConfig } from "@playwright/test";
import { E2E_DB, PORT, serverEnv } from "./e2e/server-env";

const BASE_URL = `http://localhost:${PORT}`;

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
    env: serverEnv(PORT),
  },
});
