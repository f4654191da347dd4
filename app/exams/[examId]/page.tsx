// One mock exam before it starts: its shape, the rules of the clock, and Start.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { activeExam, examById } from "@/lib/exams/attempts";
import { DOMAINS } from "@/lib/scenarios/curriculum";
import { ActionButton } from "../../_components/action-button";
import { Card } from "../../_components/ui";
import { startExamAction } from "../actions";

export const metadata: Metadata = { title: "Mock exam" };

export default async function ExamPage({ params }: { params: Promise<{ examId: string }> }) {
  const { examId } = await params;
  const user = await requireUser(`/exams/${examId}`);
  const exam = examById(examId);
  if (!exam) notFound();
  const open = await activeExam(db, user.id);
  const weights = new Map<string, number>();
  for (const t of exam.tasks) weights.set(t.scenario.meta.domain, (weights.get(t.scenario.meta.domain) ?? 0) + t.weight);

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/exams" className="text-brand-600 hover:underline dark:text-brand-300">Mock exams</Link>
      </nav>
      <h1 className="text-3xl font-semibold tracking-tight">{exam.meta.title}</h1>
      <p className="max-w-3xl text-slate-700 dark:text-slate-300">{exam.meta.description}</p>
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="How it works">
          <ul className="list-inside list-disc space-y-1 text-sm">
            <li>{exam.tasks.length} tasks, {exam.meta.minutes} minutes. The clock runs on the server: reloading the page or losing the connection does not stop it.</li>
            <li>Each task names its cluster context; nodes are reached with <code>ssh</code> and <code>sudo -i</code>.</li>
            <li>Flag tasks to come back to, keep notes in the notepad, and submit when you are done. At zero the exam is submitted for you.</li>
            <li>You pass with {exam.meta.passPercent}%. The report shows every check, by task and by domain.</li>
          </ul>
        </Card>
        <Card title="Weight by domain">
          <ul className="space-y-1 text-sm">
            {[...weights.entries()].map(([domain, weight]) => (
              <li key={domain} className="flex justify-between">
                <span>{DOMAINS[domain as keyof typeof DOMAINS]?.title ?? domain}</span>
                <span className="tabular-nums">{weight}%</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      {open && open.examId !== examId ? (
        <p className="text-sm">
          Finish your exam in progress first: <Link href={`/exams/attempts/${open.id}`} className="text-brand-600 underline dark:text-brand-300">open it</Link>.
        </p>
      ) : open ? (
        <Link href={`/exams/attempts/${open.id}`} className="inline-block rounded-md bg-brand-500 px-5 py-2.5 text-sm font-semibold text-white hover:bg-brand-600">
          Return to the exam
        </Link>
      ) : (
        <ActionButton action={startExamAction.bind(null, examId)} confirm={`Start the ${exam.meta.minutes}-minute clock now?`} confirmLabel="Start the exam" pending={`Setting up ${exam.environment.clusters.length} clusters…`}>
          Start the exam
        </ActionButton>
      )}
    </div>
  );
}
