import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { cohortsForInstructor } from "@/lib/cohorts/instructor-cohorts";
import { db } from "@/lib/db";
import { Card, EmptyState, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Instructor" };

export default async function InstructorPage() {
  const user = await requireRole("instructor", "/instructor");
  const cohorts = await cohortsForInstructor(db, user);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Instructor"
        intro="Your cohorts and their learners. Per-learner progress and scenario authoring come with the practice catalogue."
      />
      {cohorts.length === 0 ? (
        <EmptyState title="No cohorts yet">Cohorts you teach will be listed here. Creating cohorts from this page is coming.</EmptyState>
      ) : (
        cohorts.map((c) => (
          <Card key={c.id} title={c.name}>
            {c.description ? <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{c.description}</p> : null}
            <h3 className="text-sm font-medium">Learners ({c.learners.length})</h3>
            {c.learners.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No learners in this cohort yet.</p>
            ) : (
              <ul className="mt-1 list-inside list-disc text-sm">
                {c.learners.map((l) => (
                  <li key={l.id}>
                    {l.name ?? l.email} <span className="text-slate-500">({l.email})</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ))
      )}
    </div>
  );
}
