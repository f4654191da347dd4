import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueEmail } from "./helpers";

test("a new learner signs up, sees the dashboard, signs out and signs back in", async ({ page }) => {
  const email = uniqueEmail("ada");
  const password = "correct-horse-battery-9";

  await page.goto("/");
  await page.getByRole("banner").getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Name (optional)").fill("Ada Lovelace");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Ada" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText("Ada Lovelace");
  await expect(page.getByText("No practice yet")).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fdashboard/);

  await page.getByLabel("E-mail").fill(email.toUpperCase());
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Ada" })).toBeVisible();
});

test("a wrong password shows an error and keeps the visitor signed out", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(DEMO.learner.email);
  await page.getByLabel("Password").fill("not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();

  // Next.js keeps an empty role=alert route announcer on every page; ours is the one with text.
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign-up explains a taken e-mail and a weak password", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("E-mail").fill(DEMO.learner.email);
  await page.getByLabel("Password").fill("a-perfectly-fine-passw0rd");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this e-mail already exists. Sign in instead.")).toBeVisible();

  await page.getByLabel("E-mail").fill(uniqueEmail("weak"));
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(/Password too weak\. Use at least 10 characters\./)).toBeVisible();
  await expect(page).toHaveURL(/\/signup/);
});

test("the demo learner signs in from the landing page", async ({ page }) => {
  await signIn(page, DEMO.learner);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Welcome, Demo" })).toBeVisible();
  await expect(page.getByText("Demo cohort")).toBeVisible();
});

test("repeated wrong passwords lock the account for a while, even against the right one", async ({ page }) => {
  const email = uniqueEmail("locked");
  const password = "the-right-one-is-this-7";
  await page.goto("/signup");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto("/signin");
  const alert = page.getByRole("alert").filter({ hasText: /\S/ });
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(`wrong-guess-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText("Wrong e-mail or password.");
  }
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toHaveText("Too many failed sign-ins. Try again in 15 minutes.");
  await expect(page).toHaveURL(/\/signin/);
});
