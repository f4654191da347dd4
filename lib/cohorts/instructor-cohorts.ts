// The cohorts an instructor teaches (admins see every cohort), with their learners.
import type { Db } from "../db";
import { hasRole, type Role } from "../auth/roles";

export type CohortOverview = {
  id: string;
  name: string;
  description: string | null;
  learners: { id: string; name: string | null; email: string }[];
  instructors: { id: string; name: string | null; email: string }[];
};

export async function cohortsForInstructor(db: Db, user: { id: string; role: Role }): Promise<CohortOverview[]> {
  const cohorts = await db.cohort.findMany({
    where: hasRole(user.role, "admin") ? {} : { memberships: { some: { userId: user.id, role: "instructor" } } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      memberships: { select: { role: true, user: { select: { id: true, name: true, email: true } } }, orderBy: { joinedAt: "asc" } },
    },
  });
  return cohorts.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    learners: c.memberships.filter((m) => m.role === "learner").map((m) => m.user),
    instructors: c.memberships.filter((m) => m.role === "instructor").map((m) => m.user),
  }));
}
