// Sessions survive a server restart, and nobody reaches another learner's attempt: not through
// the terminal WebSocket, the Kubernetes API gateway, the kubeconfig download or the page.
// Scenario: uncordon-and-verify.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type Page } from "@playwright/test";
import { cursorLine, openTerminal, signUp, terminalText, typeLine } from "./helpers";
import { freshDatabase, RESTART_PORT, startServer, stopServer } from "./server-env";

test.setTimeout(300_000);

async function startScenario(page: Page, base = ""): Promise<string> {
  await page.goto(`${base}/practice/uncordon-and-verify`);
  await page.getByRole("button", { name: /^(Start|Resume attempt)$/ }).click();
  await expect(page).toHaveURL(/\/practice\/attempts\//, { timeout: 60_000 });
  return page.url().split("/").pop()!;
}

test("a server restart in the middle of an attempt keeps the cluster, the shell and the history", async ({ page }) => {
  const base = `http://localhost:${RESTART_PORT}`;
  freshDatabase(RESTART_PORT);
  let server = await startServer(RESTART_PORT);
  try {
    await signUp(page, "restart", undefined, base);
    await startScenario(page, base);
    await openTerminal(page);
    await typeLine(page, "kubectl uncordon node01");
    await typeLine(page, "cd /tmp && export MARK=before-restart");

    await stopServer(server);
    await expect(page.getByTestId("terminal-status")).toHaveText(/Reconnecting/, { timeout: 20_000 });
    server = await startServer(RESTART_PORT);

    // The browser reconnects by itself; the screen, the directory, the variables and the cluster are back.
    await expect(page.locator('section[aria-label="Terminal"]')).toHaveAttribute("data-terminal-status", "open", { timeout: 60_000 });
    await expect.poll(() => cursorLine(page), { timeout: 30_000 }).toBe("root@controlplane:/tmp# ");
    expect(await terminalText(page)).toContain("node/node01 uncordoned");
    await page.locator(".xterm").first().click();
    await typeLine(page, "echo $MARK; kubectl get node node01 --no-headers | awk '{print $2}'");
    const text = await terminalText(page);
    expect(text).toMatch(/before-restart\nReady\n/);
    // History survived too: two presses of the up arrow bring back a line typed before the restart.
    await page.keyboard.press("ArrowUp");
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => cursorLine(page)).toBe("root@controlplane:/tmp# cd /tmp && export MARK=before-restart");
    await page.keyboard.press("Control+U");
  } finally {
    await stopServer(server);
  }
});

test("another learner's attempt is refused everywhere; the owner's kubeconfig works with the real kubectl", async ({ browser }) => {
  const owner = await browser.newPage();
  await signUp(owner, "owner");
  const attemptId = await startScenario(owner);
  await openTerminal(owner);

  // The owner downloads a kubeconfig for their own kubectl.
  const download = owner.waitForEvent("download");
  await owner.getByRole("button", { name: "Your own kubectl" }).click();
  await owner.getByRole("button", { name: "Download kubeconfig" }).click();
  const file = await (await download).path();
  const kubeconfig = readFileSync(file!, "utf8");
  const server = /server: (http:\/\/\S+\/clusters\/kubernetes)/.exec(kubeconfig)![1]!;
  const token = /\/k8s\/([^/]+)\/clusters\//.exec(server)![1]!;
  expect((await owner.request.get(`${server}/api/v1/nodes`)).status()).toBe(200);

  if (existsSync("/usr/bin/kubectl") || process.env.KUBECTL) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "kubecoach-kubeconfig-"));
    writeFileSync(path.join(dir, "config"), kubeconfig);
    const { stdout } = await promisify(execFile)(process.env.KUBECTL ?? "/usr/bin/kubectl", ["--kubeconfig", path.join(dir, "config"), "get", "nodes", "-o", "name"]);
    expect(stdout.trim().split("\n")).toEqual(["node/controlplane", "node/node01", "node/node02"]);
  } else {
    console.warn("kubectl is not installed here: the real-kubectl part of this test is skipped.");
  }

  const intruder = await browser.newPage();
  await signUp(intruder, "intruder");
  // The terminal WebSocket refuses the handshake.
  const opened = await intruder.evaluate(
    (id) =>
      new Promise<boolean>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/ws/terminal/${id}?tab=1`);
        ws.onopen = () => resolve(true);
        ws.onclose = () => resolve(false);
      }),
    attemptId,
  );
  expect(opened).toBe(false);
  // The Kubernetes API gateway refuses a signed-in stranger even with the token.
  const k8s = await intruder.request.get(`/k8s/${token}/clusters/kubernetes/api/v1/nodes`);
  expect(k8s.status()).toBe(403);
  // No kubeconfig of someone else's attempt, and no page either.
  expect((await intruder.request.post(`/api/attempts/${attemptId}/kubeconfig`)).status()).toBe(403);
  expect((await intruder.goto(`/practice/attempts/${attemptId}`))?.status()).toBe(404);

  // Revoking makes the downloaded file useless.
  await owner.getByRole("button", { name: "Revoke downloaded kubeconfigs" }).click();
  await expect.poll(async () => (await owner.request.get(`${server}/api/v1/nodes`)).status(), { timeout: 15_000 }).toBe(401);
});
