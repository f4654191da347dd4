import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./helpers";

test("a learner cannot open the instructor or admin pages", async ({ page }) => {
  await signIn(page, DEMO.learner);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Instructor" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);

  const instructor = await page.goto("/instructor");
  expect(instructor?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();

  const admin = await page.goto("/admin");
  expect(admin?.status()).toBe(403);
});

test("an instructor sees their cohort and its learners", async ({ page }) => {
  await signIn(page, DEMO.instructor);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Instructor" }).click();
  await expect(page.getByRole("heading", { name: "Demo cohort" })).toBeVisible();
  await expect(page.getByText(DEMO.learner.email)).toBeVisible();
  const admin = await page.goto("/admin");
  expect(admin?.status()).toBe(403);
});

test("an admin reaches the admin page", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
  await expect(page.getByText("Database:")).toContainText("sqlite");
});

test("a signed-out visitor is sent to sign in and brought back afterwards", async ({ page }) => {
  await page.goto("/instructor");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Finstructor/);
  await page.getByLabel("E-mail").fill(DEMO.instructor.email);
  await page.getByLabel("Password").fill(DEMO.instructor.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/instructor$/);
});

test("API routes check the role on the server too", async ({ page }) => {
  const signedOut = await page.request.get("/api/me");
  expect(signedOut.status()).toBe(401);
  expect(await signedOut.json()).toMatchObject({ error: "unauthenticated" });

  await signIn(page, DEMO.learner);
  const me = await page.request.get("/api/me");
  expect(await me.json()).toMatchObject({ email: DEMO.learner.email, role: "learner" });
  const counts = await page.request.get("/api/admin/user-counts");
  expect(counts.status()).toBe(403);
  expect(await counts.json()).toMatchObject({ error: "forbidden" });
});

test("an admin can read the API's admin data", async ({ page }) => {
  await signIn(page, DEMO.admin);
  const counts = await page.request.get("/api/admin/user-counts");
  expect(counts.status()).toBe(200);
  expect(await counts.json()).toMatchObject({ admin: 1, instructor: 1 });
});
