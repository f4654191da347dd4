// A learner's attempts, for the instructors of their cohorts.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { learnerAttempts } from "@/lib/instructor/results";
import { Badge } from "../../../_components/badges";

export const metadata: Metadata = { title: "Learner" };

export default async function LearnerPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const user = await requireRole("instructor", `/instructor/learners/${userId}`);
  const data = await learnerAttempts(db, user, userId);
  if (!data) notFound();
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/instructor" className="text-brand-600 hover:underline dark:text-brand-300">Instructor</Link> / learner
      </nav>
      <h1 className="text-3xl font-semibold tracking-tight">{data.learner.name ?? data.learner.email}</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">{data.learner.email}</p>
      {data.attempts.length === 0 ? (
        <p className="text-sm">No attempts yet.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-slate-600 dark:text-slate-400">
              <th className="py-1 font-medium">Scenario</th>
              <th className="py-1 font-medium">Started</th>
              <th className="py-1 font-medium">Status</th>
              <th className="py-1 font-medium">Score</th>
              <th className="py-1 font-medium">Commands</th>
            </tr>
          </thead>
          <tbody>
            {data.attempts.map((a) => (
              <tr key={a.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1.5">
                  <Link href={`/instructor/attempts/${a.id}`} className="text-brand-600 hover:underline dark:text-brand-300">{a.title}</Link> {a.exam ? <Badge>exam task</Badge> : null}
                </td>
                <td className="py-1.5">{a.startedAt.toISOString().slice(0, 16).replace("T", " ")}</td>
                <td className="py-1.5">{a.status}</td>
                <td className="py-1.5 tabular-nums">{a.score !== null ? `${a.score}/${a.maxScore}` : "not checked"}</td>
                <td className="py-1.5 tabular-nums">{a.commands}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
