// The scenarios an instructor writes: drafts and published ones, and a new one from the scaffold.
import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/auth/session";
import { listAuthored } from "@/lib/authoring/scenarios";
import { db } from "@/lib/db";
import { authoredCard } from "@/lib/practice/scenarios";
import { Badge } from "../../_components/badges";
import { Field } from "../../_components/form";
import { ActionForm } from "../../_components/form-action";
import { Card, EmptyState, PageHeader } from "../../_components/ui";
import { createScenarioAction } from "./actions";

export const metadata: Metadata = { title: "Scenario authoring" };

export default async function AuthoringPage() {
  const user = await requireRole("instructor", "/instructor/authoring");
  const rows = await listAuthored(db, user);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/instructor" className="text-brand-600 hover:underline dark:text-brand-300">Instructor</Link> / authoring
      </nav>
      <PageHeader title="Your scenarios" intro="Scenarios have the same files as the built-in ones (scenario.yaml, task.md, setup.sh, checks.yaml, solution.sh, explanation.md) and are checked against the same schema." />
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <div>
          {rows.length === 0 ? (
            <EmptyState title="No scenarios yet">Start one with an id; it opens with every file in place and markers where you write.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 dark:divide-slate-800 dark:border-slate-800" aria-label="Authored scenarios">
              {rows.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2 px-4 py-3">
                  <Link href={`/instructor/authoring/${r.id}`} className="font-medium text-brand-600 hover:underline dark:text-brand-300">{authoredCard(r)?.title ?? r.slug}</Link>
                  <span className="font-mono text-xs text-slate-500">{r.slug}</span>
                  <span className="ml-auto">{r.status === "published" ? <Badge tone="good">Published to {r.cohort?.name ?? "a cohort"}</Badge> : <Badge>Draft</Badge>}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <Card title="New scenario">
          <ActionForm action={createScenarioAction} submit="Create" pending="Creating…">
            <Field id="slug" name="slug" label="Scenario id" required pattern="[a-z0-9]([a-z0-9-]*[a-z0-9])?" hint="Lower-case letters, digits and dashes; it becomes the folder name." />
          </ActionForm>
        </Card>
      </div>
    </div>
  );
}
