import { describe, expect, it } from "vitest";
import { hasRole } from "./roles";

describe("roles", () => {
  it("are ordered learner < instructor < admin", () => {
    expect(hasRole("learner", "learner")).toBe(true);
    expect(hasRole("learner", "instructor")).toBe(false);
    expect(hasRole("instructor", "learner")).toBe(true);
    expect(hasRole("instructor", "admin")).toBe(false);
    expect(hasRole("admin", "instructor")).toBe(true);
  });
});
