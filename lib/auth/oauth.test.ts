import type { Account } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/test-databases";
import { configuredOAuthProviders, linkOAuthAccount, oauthProviders } from "./oauth";

describe("OAuth providers", () => {
  it("are offered only when their credentials are configured", () => {
    expect(configuredOAuthProviders({})).toEqual([]);
    expect(configuredOAuthProviders({ GITHUB_ID: "id" })).toEqual([]);
    expect(configuredOAuthProviders({ GITHUB_ID: "id", GITHUB_SECRET: "s" }).map((p) => p.id)).toEqual(["github"]);
    const both = { GITHUB_ID: "id", GITHUB_SECRET: "s", GOOGLE_CLIENT_ID: "g", GOOGLE_CLIENT_SECRET: "gs" };
    expect(oauthProviders(both).map((p) => p.id)).toEqual(["github", "google"]);
  });
});

describe("linking an OAuth sign-in to a user", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
  });
  afterAll(async () => t?.drop());

  const account = (provider: string, providerAccountId: string): Account => ({ provider, providerAccountId, type: "oauth", access_token: "at" });

  it("creates a learner on first sign-in and finds the same user next time", async () => {
    const first = await linkOAuthAccount(t.db, account("github", "1001"), { email: "New.User@Example.com", name: "New" }, {});
    const again = await linkOAuthAccount(t.db, account("github", "1001"), { email: "changed@example.com" }, {});
    expect(first).not.toBeNull();
    expect(again).toBe(first);
    expect(await t.db.user.findUnique({ where: { id: first! } })).toMatchObject({ email: "new.user@example.com", role: "learner" });
  });

  it("joins an existing account with the same verified e-mail", async () => {
    const existing = await t.db.user.create({ data: { email: "both@example.com", passwordHash: "x" } });
    expect(await linkOAuthAccount(t.db, account("google", "g-1"), { email: "both@example.com", email_verified: true }, {})).toBe(existing.id);
  });

  it("refuses an unverified or missing e-mail", async () => {
    expect(await linkOAuthAccount(t.db, account("google", "g-2"), { email: "x@example.com", email_verified: false }, {})).toBeNull();
    expect(await linkOAuthAccount(t.db, account("github", "2002"), {}, {})).toBeNull();
  });
});
