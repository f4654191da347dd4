// Instructors: a cohort from creation to results, and a scenario written in the browser from a
// validation error to a graded preview and publication. Scenario practised: uncordon-and-verify.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, openTerminal, signIn, signUp, terminalText, typeLine } from "./helpers";

test.setTimeout(240_000);

test("an instructor creates a cohort, a learner joins with the code, and the instructor sees the result", async ({ browser }) => {
  const instructor = await browser.newPage();
  await signIn(instructor, DEMO.instructor);
  await instructor.goto("/instructor");
  const cohortName = `Evening group ${Date.now()}`;
  await instructor.getByLabel("Name", { exact: true }).fill(cohortName);
  await instructor.getByRole("button", { name: "Create cohort" }).click();
  await expect(instructor.getByRole("heading", { name: cohortName })).toBeVisible();
  const code = (await instructor.getByTestId("join-code").textContent())!.trim();
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  await instructor.getByLabel("Scenario or mock exam").selectOption("scenario:uncordon-and-verify");
  await instructor.getByLabel("Due (optional)").fill("2030-06-30");
  await instructor.getByRole("button", { name: "Assign" }).click();
  await expect(instructor.getByText("due 2030-06-30")).toBeVisible();

  const learner = await browser.newPage();
  await signUp(learner, "cohort", "Katherine Johnson");
  await learner.getByLabel("Cohort code").fill(code.toLowerCase());
  await learner.getByRole("button", { name: "Join", exact: true }).click();
  await expect(learner.getByRole("list", { name: "Cohorts" })).toContainText(cohortName);
  const assignments = learner.getByRole("region", { name: "Your assignments" });
  await expect(assignments).toContainText("Return a node to service");
  await expect(assignments).toContainText("Due 2030-06-30");

  // Half of the task: the node is uncordoned, the Deployment is not scaled.
  await assignments.getByRole("link", { name: "Return a node to service" }).click();
  await learner.getByRole("button", { name: "Start" }).click();
  await expect(learner).toHaveURL(/\/practice\/attempts\//, { timeout: 60_000 });
  await openTerminal(learner);
  await typeLine(learner, "kubectl uncordon node01");
  expect(await terminalText(learner)).toContain("uncordoned");
  await learner.getByRole("button", { name: "Check" }).click();
  // 2 points for the node; whether one of the two old pods already sits on node01 (scheduled
  // before the cordon) depends on the attempt's seed: 1 more point then.
  const heading = learner.getByTestId("check-results").getByRole("heading");
  await expect(heading).toHaveText(/^Last check: [23]\/4 points$/, { timeout: 60_000 });
  const percent = `${(Number(/: (\d)\//.exec((await heading.textContent())!)![1]) / 4) * 100}%`;

  await instructor.reload();
  const matrix = instructor.getByTestId("cohort-matrix");
  const row = matrix.getByRole("row", { name: /Katherine Johnson/ });
  await expect(row).toContainText(percent);
  await expect(matrix.getByRole("columnheader", { name: /Return a node to service/ })).toContainText("assigned");
  await expect(instructor.getByRole("region", { name: "Checks the cohort fails" })).toContainText("100% fail");

  await row.getByRole("link", { name: "Katherine Johnson" }).click();
  await instructor.getByRole("link", { name: "Return a node to service" }).click();
  await expect(instructor.getByTestId("command-history")).toContainText("kubectl uncordon node01");
});

async function replaceFile(page: Page, file: string, text: string): Promise<void> {
  await page.getByRole("tab", { name: new RegExp(`^${file.replace(".", "\\.")}`) }).click();
  const editor = page.getByTestId("file-editor").locator(".cm-content");
  await expect(editor).toHaveAttribute("aria-label", new RegExp(`^${file.replace(".", "\\.")} of`));
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
}

test("an instructor writes a scenario, fixes a validation error, previews the solution to full marks and publishes it", async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, DEMO.instructor);
  await page.goto("/instructor/authoring");
  const slug = `web-pod-${Date.now().toString(36)}`;
  await page.getByLabel("Scenario id").fill(slug);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: slug })).toBeVisible();
  // The scaffold still has its markers: validation says where.
  await expect(page.getByRole("list", { name: "Problems" })).toContainText("TODO(author)");

  const yaml = (difficulty: string) =>
    [`id: ${slug}`, "version: 1", "title: Run a web pod", "exam: CKA", "domain: workloads-scheduling", "topics: [pods]", `difficulty: ${difficulty}`, "minutes: 5", "points: 2", "tags: []", "lessons: [core-concepts]", "hints:", "  - kubectl run creates a pod.", ""].join("\n");
  await replaceFile(page, "scenario.yaml", yaml("trivial"));
  await replaceFile(page, "task.md", `Run a pod named \`web\` with the image \`nginx:1.27\` in the namespace \`${slug}\`.\n`);
  await replaceFile(page, "setup.sh", `#!/bin/bash\nset -e\nkubectl create namespace ${slug}\n`);
  await replaceFile(
    page,
    "checks.yaml",
    ["checks:", "  - id: pod-running", "    points: 2", "    description: The pod web is running and ready", "    hint: kubectl run", "    type: podReady", `    namespace: ${slug}`, "    name: web", ""].join("\n"),
  );
  await replaceFile(page, "solution.sh", `#!/bin/bash\nkubectl -n ${slug} run web --image=nginx:1.27\n`);
  await replaceFile(page, "explanation.md", "A pod is the smallest thing Kubernetes runs; kubectl run creates one directly.\n");

  const problems = page.getByRole("list", { name: "Problems" });
  await expect(problems).toHaveCount(1);
  await expect(problems).toContainText(/scenario\.yaml:7(:\d+)?: difficulty/);
  await expect(problems.getByRole("listitem")).toHaveCount(1);
  await replaceFile(page, "scenario.yaml", yaml("easy"));
  await expect(page.getByTestId("validation").getByRole("heading")).toHaveText("Valid: no problems found");

  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("All changes saved")).toBeVisible();
  await page.getByRole("button", { name: "Start a preview" }).click();
  await openTerminal(page);
  await typeLine(page, `kubectl get ns ${slug}`);
  expect(await terminalText(page)).toMatch(new RegExp(`${slug}\\s+Active`));
  await page.getByRole("button", { name: "Run the solution in the preview" }).click();
  await expect(page.getByTestId("solution-result")).toContainText("the preview scores 2/2 points", { timeout: 60_000 });

  await page.getByLabel("Cohort").selectOption({ label: "Demo cohort" });
  await page.getByRole("button", { name: "Publish to the cohort" }).click();
  await expect(page.getByText("Published to Demo cohort")).toBeVisible();

  // The demo learner (in the demo cohort) finds it in the practice catalogue.
  const learner = await browser.newPage();
  await signIn(learner, DEMO.learner);
  await learner.goto(`/practice?q=${slug}`);
  await expect(learner.getByRole("list", { name: "Scenarios" })).toContainText("Run a web pod");
  await expect(learner.getByRole("list", { name: "Scenarios" })).toContainText("From your instructor");
});
