// Cohorts for instructors: create, invite by code or link, members, assignments; and who may see
// what. An instructor sees the cohorts where they are an instructor member; admins see them all.
import { randomInt } from "node:crypto";
import type { Db } from "../db";
import { isUniqueViolation } from "../db";
import { hasRole, type Role } from "../auth/roles";

type Viewer = { id: string; role: Role };

export class CohortError extends Error {}

// No 0/O, 1/I/L: codes are read aloud and typed from slides.
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function newJoinCode(): string {
  let code = "";
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export function normaliseCode(input: string): string {
  return input.trim().toUpperCase().replace(/[\s-]/g, "");
}

export async function teaches(db: Db, viewer: Viewer, cohortId: string): Promise<boolean> {
  if (hasRole(viewer.role, "admin")) return (await db.cohort.count({ where: { id: cohortId } })) > 0;
  if (!hasRole(viewer.role, "instructor")) return false;
  return (await db.cohortMembership.count({ where: { cohortId, userId: viewer.id, role: "instructor" } })) > 0;
}

export async function assertTeaches(db: Db, viewer: Viewer, cohortId: string): Promise<void> {
  if (!(await teaches(db, viewer, cohortId))) throw new CohortError("You do not teach this cohort.");
}

/** A learner's work is visible to the instructors of a cohort they belong to, and to admins. */
export async function canSeeLearner(db: Db, viewer: Viewer, learnerId: string): Promise<boolean> {
  if (hasRole(viewer.role, "admin")) return true;
  if (!hasRole(viewer.role, "instructor")) return viewer.id === learnerId;
  return (await db.cohortMembership.count({ where: { userId: learnerId, cohort: { memberships: { some: { userId: viewer.id, role: "instructor" } } } } })) > 0;
}

export async function createCohort(db: Db, viewer: Viewer, input: { name: string; description?: string }): Promise<string> {
  if (!hasRole(viewer.role, "instructor")) throw new CohortError("Only instructors create cohorts.");
  const name = input.name.trim();
  if (name.length < 2 || name.length > 80) throw new CohortError("Give the cohort a name of 2 to 80 characters.");
  for (let tries = 0; tries < 5; tries++) {
    try {
      const cohort = await db.cohort.create({
        data: {
          name,
          description: input.description?.trim().slice(0, 500) || null,
          joinCode: newJoinCode(),
          createdById: viewer.id,
          memberships: { create: { userId: viewer.id, role: "instructor" } },
        },
        select: { id: true },
      });
      return cohort.id;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new CohortError("Could not find a free join code; try again.");
}

export async function rotateJoinCode(db: Db, viewer: Viewer, cohortId: string, open: boolean): Promise<string | null> {
  await assertTeaches(db, viewer, cohortId);
  const joinCode = open ? newJoinCode() : null;
  await db.cohort.update({ where: { id: cohortId }, data: { joinCode } });
  return joinCode;
}

/** A learner joins with a code (or the invite link); joining twice is harmless. */
export async function joinCohort(db: Db, userId: string, code: string): Promise<{ id: string; name: string }> {
  const joinCode = normaliseCode(code);
  if (!/^[A-Z0-9]{6,12}$/.test(joinCode)) throw new CohortError("That is not a cohort code.");
  const cohort = await db.cohort.findUnique({ where: { joinCode }, select: { id: true, name: true } });
  if (!cohort) throw new CohortError("No cohort has that code. Check it with your instructor.");
  await db.cohortMembership.upsert({ where: { cohortId_userId: { cohortId: cohort.id, userId } }, create: { cohortId: cohort.id, userId, role: "learner" }, update: {} });
  return cohort;
}

export async function removeMember(db: Db, viewer: Viewer, cohortId: string, userId: string): Promise<void> {
  await assertTeaches(db, viewer, cohortId);
  if (userId === viewer.id) throw new CohortError("You cannot remove yourself from your cohort.");
  await db.cohortMembership.deleteMany({ where: { cohortId, userId } });
}

export type CohortDetail = {
  id: string;
  name: string;
  description: string | null;
  joinCode: string | null;
  learners: { id: string; name: string | null; email: string; joinedAt: Date }[];
  instructors: { id: string; name: string | null; email: string }[];
  assignments: { id: string; kind: "scenario" | "exam"; targetId: string; dueAt: Date | null; note: string | null }[];
};

export async function cohortDetail(db: Db, viewer: Viewer, cohortId: string): Promise<CohortDetail | undefined> {
  if (!(await teaches(db, viewer, cohortId))) return undefined;
  const cohort = await db.cohort.findUnique({
    where: { id: cohortId },
    select: {
      id: true,
      name: true,
      description: true,
      joinCode: true,
      memberships: { orderBy: { joinedAt: "asc" }, select: { role: true, joinedAt: true, user: { select: { id: true, name: true, email: true } } } },
      assignments: { orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }], select: { id: true, kind: true, targetId: true, dueAt: true, note: true } },
    },
  });
  if (!cohort) return undefined;
  return {
    id: cohort.id,
    name: cohort.name,
    description: cohort.description,
    joinCode: cohort.joinCode,
    learners: cohort.memberships.filter((m) => m.role === "learner").map((m) => ({ ...m.user, joinedAt: m.joinedAt })),
    instructors: cohort.memberships.filter((m) => m.role === "instructor").map((m) => m.user),
    assignments: cohort.assignments,
  };
}

export async function addAssignment(db: Db, viewer: Viewer, cohortId: string, input: { kind: "scenario" | "exam"; targetId: string; dueAt: Date | null; note?: string }): Promise<void> {
  await assertTeaches(db, viewer, cohortId);
  try {
    await db.assignment.create({ data: { cohortId, kind: input.kind, targetId: input.targetId, dueAt: input.dueAt, note: input.note?.trim().slice(0, 300) || null, createdById: viewer.id } });
  } catch (e) {
    if (isUniqueViolation(e)) throw new CohortError("This cohort already has that assignment.");
    throw e;
  }
}

export async function removeAssignment(db: Db, viewer: Viewer, assignmentId: string): Promise<void> {
  const row = await db.assignment.findUnique({ where: { id: assignmentId }, select: { cohortId: true } });
  if (!row) return;
  await assertTeaches(db, viewer, row.cohortId);
  await db.assignment.delete({ where: { id: assignmentId } });
}
