import { expect, test } from "@playwright/test";

test("the landing page says what Kubecoach is", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Kubecoach/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("CKA");
  await expect(page.getByRole("link", { name: "Create a free account" })).toBeVisible();
});

test("the theme switch changes and remembers the colour scheme", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "light");
  const toggle = page.getByRole("button", { name: /theme/ });
  await toggle.click(); // system → light
  await toggle.click(); // light → dark
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "dark");
});

test("unknown pages get a friendly 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("/healthz reports the database as up", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.database).toMatchObject({ ok: true, provider: "sqlite" });
  expect(typeof body.engine.ok).toBe("boolean");
});
