// Sign-up and password sign-in against a real (scratch) database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/test-databases";
import { signInWithPassword, WRONG_CREDENTIALS_MESSAGE } from "./credentials";
import { EMAIL_TAKEN_MESSAGE, signUp } from "./sign-up";
import { MAX_FAILURES_PER_EMAIL, THROTTLE_WINDOW_MS } from "./throttle";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("sqlite");
});
afterAll(async () => t?.drop());

const PASSWORD = "correct-horse-battery-9";

describe("sign-up", () => {
  it("creates a learner whose e-mail is stored in one spelling", async () => {
    const result = await signUp(t.db, { email: "  Grace.Hopper@Example.COM ", password: PASSWORD, name: " Grace " });
    expect(result.ok).toBe(true);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "grace.hopper@example.com" } });
    expect(user).toMatchObject({ name: "Grace", role: "learner" });
    expect(user.passwordHash).not.toContain(PASSWORD);
  });

  it("says when the e-mail is taken, whatever its case", async () => {
    expect(await signUp(t.db, { email: "GRACE.HOPPER@example.com", password: PASSWORD })).toEqual({ ok: false, field: "email", message: EMAIL_TAKEN_MESSAGE });
  });

  it("says when the password is weak, and creates nothing", async () => {
    const result = await signUp(t.db, { email: "weak@example.com", password: "abc" });
    expect(result).toMatchObject({ ok: false, field: "password" });
    expect(!result.ok && result.message).toMatch(/^Password too weak\. Use at least 10 characters\.$/);
    expect(await t.db.user.count({ where: { email: "weak@example.com" } })).toBe(0);
  });

  it("says when the e-mail is not an address", async () => {
    expect(await signUp(t.db, { email: "not-an-email", password: PASSWORD })).toMatchObject({ ok: false, field: "email" });
  });
});

describe("password sign-in", () => {
  beforeAll(async () => {
    await signUp(t.db, { email: "linus@example.com", password: PASSWORD });
  });

  it("signs in with the right password, whatever the e-mail's case", async () => {
    const result = await signInWithPassword(t.db, { email: "Linus@Example.com", password: PASSWORD, clientIp: "10.0.0.1" });
    expect(result).toMatchObject({ ok: true, user: { email: "linus@example.com", role: "learner" } });
  });

  it("gives the same message for a wrong password and an unknown e-mail", async () => {
    const wrong = await signInWithPassword(t.db, { email: "linus@example.com", password: "nope-nope-nope-1", clientIp: "10.0.0.2" });
    const unknown = await signInWithPassword(t.db, { email: "nobody@example.com", password: PASSWORD, clientIp: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: WRONG_CREDENTIALS_MESSAGE });
    expect(unknown).toEqual({ ok: false, reason: "invalid", message: WRONG_CREDENTIALS_MESSAGE });
  });

  it("refuses even the right password after repeated failures, then recovers after the window", async () => {
    await signUp(t.db, { email: "target@example.com", password: PASSWORD });
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const r = await signInWithPassword(t.db, { email: "target@example.com", password: `guess-number-${i}`, clientIp: `10.1.0.${i}` });
      expect(r).toMatchObject({ ok: false, reason: "invalid" });
    }
    const locked = await signInWithPassword(t.db, { email: "target@example.com", password: PASSWORD, clientIp: "10.1.1.1" });
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    expect(!locked.ok && locked.message).toMatch(/^Too many failed sign-ins\. Try again in 15 minutes\.$/);

    // Age the failures past the window, as if 15 minutes had passed.
    await t.db.signInFailure.updateMany({ where: { email: "target@example.com" }, data: { createdAt: new Date(Date.now() - THROTTLE_WINDOW_MS - 1000) } });
    const after = await signInWithPassword(t.db, { email: "target@example.com", password: PASSWORD, clientIp: "10.1.1.1" });
    expect(after.ok).toBe(true);
    expect(await t.db.signInFailure.count({ where: { email: "target@example.com" } })).toBe(0);
  });
});
