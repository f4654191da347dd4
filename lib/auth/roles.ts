// Roles are ordered: an admin can do everything an instructor can, an instructor everything a
// learner can. Pages ask for the least role they need.
import type { Role } from "../../generated/prisma/enums";

export type { Role };
export const ROLES: readonly Role[] = ["learner", "instructor", "admin"];

const RANK: Record<Role, number> = { learner: 0, instructor: 1, admin: 2 };

export function hasRole(userRole: Role, needed: Role): boolean {
  return RANK[userRole] >= RANK[needed];
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
