// Every check of a grade with its points: what it asserts (the author's learner-facing
// description), whether it passed, and the grader's reason when it did not.
import type { CheckResult } from "@/engine/grading/grader";

export function CheckResults({ checks, showExplanations = false }: { checks: CheckResult[]; showExplanations?: boolean }) {
  return (
    <ul className="space-y-1.5 text-sm" aria-label="Checks">
      {checks.map((c) => (
        <li key={c.id} className="flex gap-2" data-check={c.id} data-passed={c.passed ? "true" : "false"}>
          <span aria-hidden="true" className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${c.passed ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100" : "bg-rose-100 text-rose-800 dark:bg-rose-900 dark:text-rose-100"}`}>
            {c.passed ? "✓" : "✗"}
          </span>
          <span className="min-w-0 flex-1">
            <span className="sr-only">{c.passed ? "Passed: " : "Failed: "}</span>
            {c.description}{" "}
            <span className="whitespace-nowrap text-slate-600 dark:text-slate-400">
              ({c.earned}/{c.points} point{c.points === 1 ? "" : "s"})
            </span>
            {!c.passed && c.reason ? <span className="block text-xs text-slate-600 dark:text-slate-400">{c.reason}</span> : null}
            {!c.passed && c.problem === "unavailable" ? <span className="block text-xs text-amber-800 dark:text-amber-300">Kubecoach&apos;s simulation does not support this check yet; it is not your mistake.</span> : null}
            {showExplanations && !c.passed && c.explanation ? <span className="block text-xs">{c.explanation}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
