// How many accounts of each role exist, for the admin overview.
import type { Db } from "../db";
import { ROLES, type Role } from "../auth/roles";

export async function userCountsByRole(db: Db): Promise<Record<Role, number>> {
  const groups = await db.user.groupBy({ by: ["role"], _count: { _all: true } });
  const counts = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
  for (const g of groups) counts[g.role] = g._count._all;
  return counts;
}
