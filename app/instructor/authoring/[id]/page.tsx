// Editing one authored scenario (its author or an admin).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { activePreview, loadAuthored, validateFiles } from "@/lib/authoring/scenarios";
import { cohortsForInstructor } from "@/lib/cohorts/instructor-cohorts";
import { db } from "@/lib/db";
import { ScenarioEditor } from "./scenario-editor";

export const metadata: Metadata = { title: "Edit scenario" };

export default async function EditScenarioPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireRole("instructor", `/instructor/authoring/${id}`);
  const row = await loadAuthored(db, user, id);
  if (!row) notFound();
  const [cohorts, preview] = await Promise.all([cohortsForInstructor(db, user), activePreview(db, user, id)]);
  const publishedTo = row.cohortId ? (cohorts.find((c) => c.id === row.cohortId)?.name ?? null) : null;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/instructor/authoring" className="text-brand-600 hover:underline dark:text-brand-300">Your scenarios</Link> / {row.slug}
      </nav>
      <h1 className="font-mono text-2xl font-semibold">{row.slug}</h1>
      <ScenarioEditor
        id={row.id}
        slug={row.slug}
        files={row.files}
        initialIssues={validateFiles(row.slug, row.files)}
        status={row.status}
        publishedTo={publishedTo}
        cohorts={cohorts.map((c) => ({ id: c.id, name: c.name }))}
        previewAttemptId={preview ?? null}
      />
    </div>
  );
}
