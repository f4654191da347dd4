import { describe, expect, it } from "vitest";
import { hashPassword, passwordWeakness, verifyPassword } from "./password";

describe("password strength", () => {
  it("accepts a long passphrase", () => {
    expect(passwordWeakness("correct-horse-battery-9", "ada@example.com")).toBeNull();
  });

  it.each([
    ["short1!", /at least 10 characters/],
    ["aaaaaaaaaaaa", /more different characters/],
    ["password123", /common passwords/],
    ["onlyletterspassword", /letters or digits alone/],
    ["12345678901234", /letters or digits alone/],
    ["ada.lovelace-2024", /e-mail name/],
  ])("refuses %s and says why", (password, reason) => {
    expect(passwordWeakness(password, "ada.lovelace@example.com")).toMatch(reason);
  });
});

describe("password hashing", () => {
  it("verifies the right password and rejects another", async () => {
    const hash = await hashPassword("correct-horse-battery-9");
    expect(hash).not.toContain("correct-horse");
    expect(await verifyPassword("correct-horse-battery-9", hash)).toBe(true);
    expect(await verifyPassword("correct-horse-battery-8", hash)).toBe(false);
  });
});
