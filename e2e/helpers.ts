import { expect, type Page } from "@playwright/test";
import type { Terminal } from "@xterm/xterm";

declare global {
  interface Window {
    __term?: Terminal;
  }
}

export const DEMO = {
  learner: { email: "learner@kubecoach.local", password: "practice-makes-pods" },
  instructor: { email: "instructor@kubecoach.local", password: "teach-the-control-plane" },
  admin: { email: "admin@kubecoach.local", password: "keep-the-cluster-green" },
};

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

export async function signIn(page: Page, account: { email: string; password: string }, path = "/signin"): Promise<void> {
  await page.goto(path);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Creates an account through the sign-up page; returns its credentials. */
export async function signUp(page: Page, prefix: string, name?: string, base = ""): Promise<{ email: string; password: string }> {
  const account = { email: uniqueEmail(prefix), password: "correct-horse-battery-9" };
  await page.goto(`${base}/signup`);
  if (name) await page.getByLabel("Name (optional)").fill(name);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return account;
}

/** What the active terminal tab shows, read from xterm's buffer (window.__term). */
export async function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const buffer = window.__term!.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i)!;
      // A long line the terminal wrapped is one line of text.
      if (line.isWrapped && lines.length) lines[lines.length - 1] += line.translateToString(true);
      else lines.push(line.translateToString(true));
    }
    return lines.join("\n").trimEnd();
  });
}

/** Waits until the terminal is connected and shows a prompt, then gives it the keyboard. */
export async function openTerminal(page: Page): Promise<void> {
  await expect(page.locator('section[aria-label="Terminal"]')).toHaveAttribute("data-terminal-status", "open", { timeout: 60_000 });
  await page.waitForFunction(() => window.__term !== undefined);
  await expect.poll(async () => /[#$] $/.test(await cursorLine(page)), { timeout: 30_000 }).toBe(true);
  await page.locator(".xterm").first().click();
}

/** The terminal line the cursor is on. */
export async function cursorLine(page: Page): Promise<string> {
  return page.evaluate(() => {
    const b = window.__term!.buffer.active;
    return b.getLine(b.baseY + b.cursorY)?.translateToString(false).slice(0, b.cursorX) ?? "";
  });
}

/**
 * Types a line and presses Enter, then waits for the next prompt (`# `, `$ `, or `> ` inside a
 * multi-line command such as a here-document).
 */
export async function typeLine(page: Page, line: string, options: { timeout?: number } = {}): Promise<void> {
  await page.keyboard.type(line);
  // The echo must be on screen before Enter, or the old prompt could be mistaken for the new one.
  const tail = line.slice(-12);
  if (tail.trim()) await expect.poll(async () => (await terminalText(page)).endsWith(tail.trimEnd()), { timeout: 10_000 }).toBe(true);
  await page.keyboard.press("Enter");
  await expect
    .poll(async () => /(?:[#$]|^>) $/.test(await cursorLine(page)), { timeout: options.timeout ?? 30_000 })
    .toBe(true);
}
