// A learner practises a scenario end to end in the browser: types the solution into the xterm
// terminal (a here-document and an edit in the vim overlay included), checks, sees full marks,
// and finds the result on the dashboard. Scenario: uncordon-and-verify (its reference solution
// passes in the simulation today).
import { expect, test } from "@playwright/test";
import { openTerminal, signUp, terminalText, typeLine } from "./helpers";

test.setTimeout(180_000);

test("a new learner solves a scenario in the web terminal and gets full marks", async ({ page }) => {
  await signUp(page, "practice", "Grace Hopper");
  await page.goto("/practice?q=uncordon");
  await page.getByRole("link", { name: "Return a node to service" }).click();
  await expect(page.getByRole("heading", { name: "The task" })).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page).toHaveURL(/\/practice\/attempts\//, { timeout: 60_000 });
  await expect(page.getByTestId("practice-timer")).toContainText("left");

  await openTerminal(page);
  await typeLine(page, "kubectl uncordon node01");
  expect(await terminalText(page)).toContain("node/node01 uncordoned");

  // A here-document, typed line by line at the continuation prompt.
  await typeLine(page, "cat <<EOF > /tmp/scale.yaml");
  await typeLine(page, "spec:");
  await typeLine(page, "  replicas: 3");
  await typeLine(page, "EOF");

  // vim opens the editor overlay; change 3 to 4 with vim keys and :wq.
  await page.keyboard.type("vim /tmp/scale.yaml");
  await page.keyboard.press("Enter");
  const overlay = page.getByTestId("editor-overlay");
  await expect(overlay).toBeVisible();
  await expect(overlay).toHaveAttribute("data-editor", "vim");
  await expect(overlay.locator(".cm-content")).toContainText("replicas: 3");
  await overlay.locator(".cm-content").click();
  await page.keyboard.press("Escape");
  await page.keyboard.type(":%s/3/4/");
  await page.keyboard.press("Enter");
  await expect(overlay.locator(".cm-content")).toContainText("replicas: 4");
  await page.keyboard.type(":wq");
  await page.keyboard.press("Enter");
  await expect(overlay).toBeHidden();

  await typeLine(page, "cat /tmp/scale.yaml");
  expect(await terminalText(page)).toContain("  replicas: 4");
  await typeLine(page, "kubectl patch deployment api --patch-file /tmp/scale.yaml");
  expect(await terminalText(page)).toContain("deployment.apps/api patched");

  await page.getByRole("button", { name: "Check" }).click();
  const results = page.getByTestId("check-results");
  await expect(results.getByRole("heading")).toHaveText("Last check: 4/4 points", { timeout: 60_000 });
  await expect(results.locator('[data-passed="false"]')).toHaveCount(0);
  // After the first check the reference solution is shown.
  await expect(page.getByRole("heading", { name: "Reference solution" })).toBeVisible();

  await page.getByRole("link", { name: "Dashboard" }).click();
  const recent = page.getByRole("region", { name: "Recent practice" });
  await expect(recent).toContainText("Return a node to service");
  await expect(recent).toContainText("4/4");
});
