// One lesson: Markdown with diagrams and copyable commands, the scenarios that practise it, and
// a knowledge check whose answers are recorded.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { renderMarkdown } from "@/lib/lessons/markdown";
import { lessonById, lessonProgress, openLesson, quizAnswers } from "@/lib/lessons/progress";
import { practiceProgress } from "@/lib/practice/attempts";
import { visibleScenarios } from "@/lib/practice/scenarios";
import { ActionButton } from "../../_components/action-button";
import { Badge, DifficultyBadge } from "../../_components/badges";
import { Markdown } from "../../_components/markdown";
import { completeAction } from "../actions";
import { Quiz } from "../quiz";

export async function generateMetadata({ params }: { params: Promise<{ lessonId: string }> }): Promise<Metadata> {
  const { lessonId } = await params;
  return { title: lessonById(lessonId)?.meta.title ?? "Lesson" };
}

export default async function LessonPage({ params }: { params: Promise<{ lessonId: string }> }) {
  const { lessonId } = await params;
  const user = await requireUser(`/learn/${lessonId}`);
  const lesson = lessonById(lessonId);
  if (!lesson) notFound();
  await openLesson(db, user.id, lessonId);
  const [answers, progress, cards, practice] = await Promise.all([quizAnswers(db, user.id, lessonId), lessonProgress(db, user.id), visibleScenarios(db, user), practiceProgress(db, user.id)]);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const scenarios = lesson.meta.scenarios.map((id) => byId.get(id)).filter((c) => c !== undefined);
  const completed = progress.get(lessonId)?.status === "completed";
  const initial = Object.fromEntries([...answers].map(([i, a]) => [i, { ...a, explanation: lesson.meta.quiz[i]?.explanation }]));

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <article className="min-w-0 space-y-8">
        <header>
          <nav aria-label="Breadcrumb" className="text-sm">
            <Link href="/learn" className="text-brand-600 hover:underline dark:text-brand-300">Learn</Link> / lesson {lesson.meta.order}
          </nav>
          <h1 className="mt-1 text-3xl font-semibold tracking-tight">{lesson.meta.title}</h1>
          <p className="mt-2 text-slate-600 dark:text-slate-400">{lesson.meta.summary}</p>
        </header>
        <Markdown html={renderMarkdown(lesson.body)} />
        <Quiz lessonId={lessonId} questions={lesson.meta.quiz.map((q) => ({ question: q.question, options: q.options }))} answers={initial} />
        <div className="flex items-center gap-3">
          {completed ? <Badge tone="good">Lesson completed</Badge> : <ActionButton action={completeAction.bind(null, lessonId)} variant="secondary">Mark as completed</ActionButton>}
        </div>
      </article>
      <aside aria-labelledby="practise-heading" className="space-y-3 lg:sticky lg:top-4 lg:self-start">
        <h2 id="practise-heading" className="text-lg font-semibold">Practise this</h2>
        <ul className="space-y-2">
          {scenarios.map((s) => {
            const p = practice.get(s.id);
            return (
              <li key={s.id} className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-800">
                <Link href={`/practice/${s.id}`} className="font-medium text-brand-600 hover:underline dark:text-brand-300">{s.title}</Link>
                <div className="mt-1 flex flex-wrap gap-1">
                  <DifficultyBadge difficulty={s.difficulty} />
                  <Badge>{s.minutes} min</Badge>
                  {p?.bestPercent === 100 ? <Badge tone="good">Full marks</Badge> : p?.bestPercent !== undefined && p?.bestPercent !== null ? <Badge tone="warn">Best {p.bestPercent}%</Badge> : null}
                </div>
              </li>
            );
          })}
        </ul>
      </aside>
    </div>
  );
}
