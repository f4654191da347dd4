// The instructor's home: their cohorts (with join codes and learners), creating a new cohort,
// and the scenarios they author.
import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { cohortsForInstructor } from "@/lib/cohorts/instructor-cohorts";
import { db } from "@/lib/db";
import { ActionForm } from "../_components/form-action";
import { Field } from "../_components/form";
import { Card, EmptyState, PageHeader } from "../_components/ui";
import { createCohortAction } from "./actions";

export const metadata: Metadata = { title: "Instructor" };

export default async function InstructorPage() {
  const user = await requireRole("instructor", "/instructor");
  const cohorts = await cohortsForInstructor(db, user);
  const authored = await db.authoredScenario.count({ where: { authorId: user.id } });
  return (
    <div className="space-y-6">
      <PageHeader title="Instructor" intro="Your cohorts, their assignments and results, and the scenarios you write." />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div className="space-y-4">
          {cohorts.length === 0 ? (
            <EmptyState title="No cohorts yet">Create a cohort, then share its code or invite link with your learners.</EmptyState>
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
                <Link href={`/instructor/cohorts/${c.id}`} className="mt-3 inline-block text-sm font-medium text-brand-600 hover:underline dark:text-brand-300">
                  Assignments, results and invitations →
                </Link>
              </Card>
            ))
          )}
        </div>
        <div className="space-y-4">
          <Card title="New cohort">
            <ActionForm action={createCohortAction} submit="Create cohort" pending="Creating…">
              <Field id="cohort-name" name="name" label="Name" required minLength={2} maxLength={80} placeholder="e.g. CKA spring group" />
              <Field id="cohort-description" name="description" label="Description (optional)" maxLength={500} />
            </ActionForm>
          </Card>
          <Card title="Scenario authoring">
            <p className="text-sm text-slate-600 dark:text-slate-400">Write scenarios in the browser, check them against the schema as you type, preview them in a terminal and publish them to a cohort.</p>
            <Link href="/instructor/authoring" className="mt-3 inline-block text-sm font-medium text-brand-600 hover:underline dark:text-brand-300">
              Your scenarios ({authored}) →
            </Link>
          </Card>
        </div>
      </div>
    </div>
  );
}
