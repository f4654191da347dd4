import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./return-path";

describe("where sign-in returns to", () => {
  it("keeps paths on this site", () => {
    expect(safeReturnPath("/instructor?tab=cohorts")).toBe("/instructor?tab=cohorts");
    expect(safeReturnPath(["/learn", "/admin"])).toBe("/learn");
  });

  it("falls back to the dashboard for other sites and odd values", () => {
    for (const value of [undefined, "", "https://evil.example/x", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/signin"]) {
      expect(safeReturnPath(value)).toBe("/dashboard");
    }
  });

  it("accepts this site's absolute URLs, as next-auth sends them", () => {
    const before = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    try {
      expect(safeReturnPath("http://localhost:3000/practice#top")).toBe("/practice#top");
    } finally {
      process.env.NEXTAUTH_URL = before;
    }
  });
});
