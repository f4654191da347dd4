"use client";
// A lesson's knowledge check: one question at a time is answered and graded on the server, with
// the explanation shown right away. Previous answers come back when the page is opened again.
import { useState, useTransition } from "react";
import { answerAction } from "./actions";

type Question = { question: string; options: string[] };
type Answer = { choice: number; correct: boolean; explanation?: string };

export function Quiz({ lessonId, questions, answers: initial }: { lessonId: string; questions: Question[]; answers: Record<number, Answer> }) {
  const [answers, setAnswers] = useState(initial);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const correct = Object.values(answers).filter((a) => a.correct).length;

  const answer = (index: number, choice: number) =>
    start(async () => {
      setError(undefined);
      const result = await answerAction(lessonId, index, choice);
      if (!result.ok) return setError(result.error);
      setAnswers((a) => ({ ...a, [index]: { choice, correct: result.correct, explanation: result.explanation } }));
    });

  return (
    <section aria-labelledby="quiz-heading" className="space-y-4">
      <h2 id="quiz-heading" className="text-xl font-semibold">
        Knowledge check <span className="text-base font-normal text-slate-600 dark:text-slate-400">({correct}/{questions.length} correct)</span>
      </h2>
      {error ? <p role="alert" className="text-sm text-rose-700">{error}</p> : null}
      <ol className="space-y-4">
        {questions.map((q, i) => {
          const a = answers[i];
          return (
            <li key={i} className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
              <fieldset disabled={pending}>
                <legend className="mb-2 font-medium">
                  {i + 1}. {q.question}
                </legend>
                <div className="space-y-1">
                  {q.options.map((option, j) => (
                    <label key={j} className={`flex cursor-pointer items-start gap-2 rounded-md px-2 py-1 ${a?.choice === j ? (a.correct ? "bg-emerald-50 dark:bg-emerald-950" : "bg-rose-50 dark:bg-rose-950") : "hover:bg-slate-50 dark:hover:bg-slate-900"}`}>
                      <input type="radio" name={`q${i}`} checked={a?.choice === j} onChange={() => answer(i, j)} className="mt-1" />
                      <span>{option}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              {a ? (
                <p role="status" className={`mt-2 text-sm ${a.correct ? "text-emerald-800 dark:text-emerald-300" : "text-rose-800 dark:text-rose-300"}`}>
                  {a.correct ? "Correct." : "Not quite."} {a.explanation ?? ""}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
