// The course: one lesson per section of the curriculum, in order, with the learner's progress.
import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { allLessons, lessonProgress } from "@/lib/lessons/progress";
import { Badge } from "../_components/badges";
import { EmptyState, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Learn" };

export default async function LearnPage() {
  const user = await requireUser("/learn");
  const lessons = allLessons();
  const progress = await lessonProgress(db, user.id);
  const done = lessons.filter((l) => progress.get(l.meta.id)?.status === "completed").length;
  return (
    <div>
      <PageHeader title="Learn" intro={`Lessons with diagrams, commands to copy, knowledge checks and the scenarios that practise them. ${done} of ${lessons.length} completed.`} />
      {lessons.length === 0 ? (
        <EmptyState title="No lessons yet">Lessons are written in scenarios/lessons; none is in this catalogue.</EmptyState>
      ) : (
        <ol className="space-y-3" aria-label="Lessons">
          {lessons.map((lesson) => {
            const p = progress.get(lesson.meta.id);
            return (
              <li key={lesson.meta.id} className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="text-sm tabular-nums text-slate-500">{lesson.meta.order}.</span>
                  <h2 className="font-semibold">
                    <Link href={`/learn/${lesson.meta.id}`} className="hover:underline">{lesson.meta.title}</Link>
                  </h2>
                  <span className="ml-auto">
                    {p?.status === "completed" ? <Badge tone="good">Completed</Badge> : p ? <Badge tone="brand">Started · {p.correct}/{lesson.meta.quiz.length} checks</Badge> : <Badge>Not started</Badge>}
                  </span>
                </div>
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{lesson.meta.summary}</p>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
