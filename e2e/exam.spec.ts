// A mock exam in the real exam's shape: started, two tasks answered in the terminal, the page
// reloaded (the server-side clock keeps running and the terminal resumes), submitted, and the
// report shows the score by domain and every check. Exam: cka-mock-1, tasks 2 (scale-deployment)
// and 5 (expose-clusterip), both on cluster k8s-c1, the workstation's current context.
import { expect, test } from "@playwright/test";
import { openTerminal, signUp, terminalText, typeLine } from "./helpers";

test.setTimeout(300_000);

async function secondsLeft(page: import("@playwright/test").Page): Promise<number> {
  return Number(await page.getByTestId("exam-timer").getAttribute("data-seconds-left"));
}

test("a learner takes a mock exam, reloads mid-way, submits and reads the report", async ({ page }) => {
  await signUp(page, "exam");
  await page.goto("/exams/cka-mock-1");
  await page.getByRole("button", { name: "Start the exam" }).click();
  await page.getByRole("group", { name: "Confirm" }).getByRole("button", { name: "Start the exam" }).click();
  await expect(page).toHaveURL(/\/exams\/attempts\//, { timeout: 180_000 });

  const timer = page.getByTestId("exam-timer");
  await expect(timer).toBeVisible();
  const startLeft = await secondsLeft(page);
  expect(startLeft).toBeGreaterThan(115 * 60);
  expect(startLeft).toBeLessThanOrEqual(120 * 60);

  // The navigator shows every task with its weight; question 2 asks to scale a Deployment.
  const navigator = page.getByRole("navigation", { name: "Questions" });
  await expect(navigator.getByRole("button")).toHaveCount(16);
  await navigator.getByRole("button", { name: /^Question 2, weight 4%/ }).click();
  await expect(page.getByRole("heading", { name: /Question 2/ })).toBeVisible();
  await expect(page.getByText("kubectl config use-context kubernetes-admin@k8s-c1").first()).toBeVisible();
  await page.getByRole("button", { name: "Flag for review" }).click();
  await expect(navigator.getByRole("button", { name: /^Question 2, weight 4%, flagged/ })).toBeVisible();

  await openTerminal(page);
  // The context line the task shows works in the workstation's kubeconfig.
  await typeLine(page, "kubectl config use-context kubernetes-admin@k8s-c1");
  expect(await terminalText(page)).toContain('Switched to context "kubernetes-admin@k8s-c1".');
  await typeLine(page, "kubectl -n shop scale deployment checkout --replicas=5");
  expect(await terminalText(page)).toContain("deployment.apps/checkout scaled");
  await navigator.getByRole("button", { name: /^Question 5,/ }).click();
  await page.locator(".xterm").first().click();
  await typeLine(page, "kubectl -n warehouse expose deployment inventory --name=inventory-svc --port=8080 --target-port=80");
  expect(await terminalText(page)).toContain("service/inventory-svc exposed");

  await page.getByRole("button", { name: "Notepad" }).click();
  await page.getByLabel("Notepad").fill("come back to question 9");
  await expect(page.getByText("Saved", { exact: true })).toBeVisible();

  // A reload keeps the clock, the flag, the notes and the terminal's screen.
  await page.waitForTimeout(2000);
  const beforeReload = await secondsLeft(page);
  await page.reload();
  await expect(timer).toBeVisible();
  const afterReload = await secondsLeft(page);
  expect(afterReload).toBeLessThanOrEqual(beforeReload);
  expect(afterReload).toBeGreaterThan(beforeReload - 60);
  await expect(navigator.getByRole("button", { name: /^Question 2, weight 4%, flagged/ })).toBeVisible();
  await page.getByRole("button", { name: "Notepad" }).click();
  await expect(page.getByLabel("Notepad")).toHaveValue("come back to question 9");
  await openTerminal(page);
  expect(await terminalText(page)).toContain("service/inventory-svc exposed");

  await page.getByRole("button", { name: "Submit exam" }).click();
  await page.getByRole("group", { name: "Confirm" }).getByRole("button", { name: "Submit" }).click();
  const result = page.getByTestId("exam-result");
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result).toContainText("pass line 66%");
  await expect(result).toContainText("Not passed");

  const domains = page.getByTestId("domain-scores");
  for (const domain of ["Troubleshooting", "Cluster Architecture, Installation & Configuration", "Services & Networking", "Workloads & Scheduling", "Storage"]) {
    await expect(domains.getByRole("row", { name: new RegExp(domain.replace(/[&,]/g, ".")) })).toBeVisible();
  }
  // The two answered tasks earned the points of what was done; the report lists every check.
  // (Whether the new pods reach Ready in time is up to the simulated cluster, so only the
  // checks that follow directly from the two commands are asserted.)
  const task2 = page.locator('[data-task="2"]');
  await expect(task2.locator("summary")).toContainText(/[1-9]\/4 points/);
  await task2.locator("summary").click();
  await expect(task2.locator('[data-check="replicas"]')).toHaveAttribute("data-passed", "true");
  const task5 = page.locator('[data-task="5"]');
  await expect(task5.locator("summary")).toContainText(/[1-9]\/5 points/);
  await task5.locator("summary").click();
  await expect(task5.locator('[data-check="type"]')).toHaveAttribute("data-passed", "true");
  await expect(task5.locator('[data-check="ports"]')).toHaveAttribute("data-passed", "true");
  // An untouched task shows its failing checks with the grader's reasons (checks such as "no
  // more access than asked" pass on an untouched cluster, so its score need not be zero).
  const task1 = page.locator('[data-task="1"]');
  await expect(task1.locator("summary")).not.toContainText(/(\d+)\/\1 points/);
  await task1.locator("summary").click();
  await expect(task1.locator('[data-passed="false"]').first()).toBeVisible();
});
