// Not part of the test run: `npm run screenshot` uses it to refresh the README's pictures in
// docs/screenshots/. The tests run in order on one fresh database: the demo learner practises
// (so the dashboard and the instructor's matrix have a result to show), then the instructor's
// pages, a mock exam, and scenario authoring.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, openTerminal, signIn, signUp, typeLine } from "./helpers";

test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: "serial" });
test.setTimeout(300_000);

const shot = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/${name}.png` });

/** Lets fonts, charts and the terminal settle so the picture is not caught mid-render. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(800);
}

test("landing page", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await settle(page);
  await shot(page, "landing");
});

test("practice: a scenario with the task and the terminal, after a check", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, DEMO.learner);
  await page.goto("/practice/uncordon-and-verify");
  await page.getByRole("button", { name: /^(Start|Resume attempt)$/ }).click();
  await expect(page).toHaveURL(/\/practice\/attempts\//, { timeout: 60_000 });
  await openTerminal(page);
  await typeLine(page, "kubectl get nodes");
  await typeLine(page, "kubectl uncordon node01");
  await typeLine(page, "k scale deploy api --replicas=4");
  await page.getByRole("button", { name: "Check" }).click();
  await expect(page.getByTestId("check-results").getByRole("heading")).toContainText("Last check", { timeout: 60_000 });
  await settle(page);
  await shot(page, "practice");
});

test("dashboard, dark", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page, DEMO.learner);
  await page.goto("/dashboard");
  await expect(page.getByRole("region", { name: "Recent practice" })).toContainText("Return a node to service");
  await settle(page);
  await shot(page, "dashboard-dark");
});

test("instructor: the cohort matrix and the checks that trip learners up", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, DEMO.instructor);
  await page.goto("/instructor");
  await page.getByRole("link", { name: /Assignments, results and invitations/ }).first().click();
  await expect(page.getByTestId("cohort-matrix")).toBeVisible();
  // Two more assignments, so the matrix has columns for work not started yet.
  const select = page.getByLabel("Scenario or mock exam");
  const options = await select.locator("option[value^='scenario:']").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
  const due = page.getByText("due 2030-06-30");
  for (const value of options.filter((v) => v !== "scenario:uncordon-and-verify").slice(0, 2)) {
    const before = await due.count();
    await select.selectOption(value);
    await page.getByLabel("Due (optional)").fill("2030-06-30");
    await page.getByRole("button", { name: "Assign" }).click();
    await expect(due).toHaveCount(before + 1);
  }
  await page.reload();
  await page.getByRole("heading", { name: "Best scores" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
  await settle(page);
  await shot(page, "instructor-matrix");
});

test("mock exam: the question navigator, the task and the terminal", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signUp(page, "screenshot", "Ada Lovelace");
  await page.goto("/exams/cka-mock-1");
  await page.getByRole("button", { name: "Start the exam" }).click();
  await page.getByRole("group", { name: "Confirm" }).getByRole("button", { name: "Start the exam" }).click();
  await expect(page).toHaveURL(/\/exams\/attempts\//, { timeout: 180_000 });
  const navigator = page.getByRole("navigation", { name: "Questions" });
  await navigator.getByRole("button", { name: /^Question 2,/ }).click();
  await page.getByRole("button", { name: "Flag for review" }).click();
  await openTerminal(page);
  await typeLine(page, "kubectl config use-context kubernetes-admin@k8s-c1");
  await typeLine(page, "kubectl get nodes");
  await settle(page);
  await shot(page, "exam");
});

test("authoring: a scenario's files with live validation", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signIn(page, DEMO.instructor);
  await page.goto("/instructor/authoring");
  await page.getByLabel("Scenario id").fill("configmap-env");
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: "configmap-env" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Problems" })).toContainText("TODO(author)");
  await settle(page);
  await shot(page, "authoring");
});
