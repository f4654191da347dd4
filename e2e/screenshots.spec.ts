// Not part of the test run: `npm run screenshot` uses it to refresh the README's pictures.
import { test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test.use({ viewport: { width: 1280, height: 800 } });

test("landing page", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await page.screenshot({ path: "docs/screenshots/landing.png" });
});

test("dashboard, dark", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page, DEMO.learner);
  await page.screenshot({ path: "docs/screenshots/dashboard-dark.png" });
});
