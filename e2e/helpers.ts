import { expect, type Page } from "@playwright/test";

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
