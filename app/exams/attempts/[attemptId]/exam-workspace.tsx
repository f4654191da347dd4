"use client";
// The exam screen: the question navigator (weights, flags), one task at a time with its context
// and ssh instructions to copy, the terminal, a notepad, and the server-side clock with alerts at
// 30, 15 and 5 minutes left. At zero the exam submits itself.
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { ActionButton } from "../../../_components/action-button";
import { Markdown } from "../../../_components/markdown";
import { TerminalPanel } from "../../../_components/terminal/terminal-panel";
import { formatClock } from "../../../_components/timer";
import { flagAction, saveNotesAction, submitExamAction } from "../../actions";

export type WorkspaceTask = {
  number: number;
  title: string;
  weight: number;
  context: string;
  nodes: string[];
  html: string;
  unavailable?: string;
};

type Props = {
  attemptId: string;
  title: string;
  tasks: WorkspaceTask[];
  deadline: string;
  serverNow: string;
  notes: string;
  flagged: number[];
};

const ALERTS = [30, 15, 5];

function CopyCommand({ command }: { command: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="flex items-center gap-2">
      <code className="min-w-0 flex-1 overflow-x-auto rounded bg-slate-900 px-2 py-1 font-mono text-xs text-slate-100">{command}</code>
      <button
        type="button"
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        onClick={() =>
          void navigator.clipboard
            ?.writeText(command)
            .then(() => {
              setCopied(true);
              setTimeout(() => setCopied(false), 1500);
            })
            .catch(() => undefined)
        }
        aria-label={`Copy: ${command}`}
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}

function useExamClock(deadline: string, serverNow: string) {
  // The server's clock decides; the browser only corrects for its own offset.
  const skew = useMemo(() => new Date(serverNow).getTime() - Date.now(), [serverNow]);
  const end = new Date(deadline).getTime();
  const [left, setLeft] = useState(() => Math.max(0, Math.round((end - Date.now() - skew) / 1000)));
  useEffect(() => {
    const timer = setInterval(() => setLeft(Math.max(0, Math.round((end - Date.now() - skew) / 1000))), 1000);
    return () => clearInterval(timer);
  }, [end, skew]);
  return left;
}

export function ExamWorkspace({ attemptId, title, tasks, deadline, serverNow, notes, flagged: initialFlags }: Props) {
  const router = useRouter();
  const [current, setCurrent] = useState(tasks[0]?.number ?? 1);
  const [flags, setFlags] = useState(new Set(initialFlags));
  const [notepadOpen, setNotepadOpen] = useState(false);
  const [text, setText] = useState(notes);
  const [notesState, setNotesState] = useState<"saved" | "saving" | "unsaved">("saved");
  const left = useExamClock(deadline, serverNow);
  const [alert, setAlert] = useState<string>();
  const alerted = useRef<Set<number>>(new Set(ALERTS.filter((m) => left <= m * 60)));
  const submitting = useRef(false);

  useEffect(() => {
    for (const minutes of ALERTS) {
      if (left <= minutes * 60 && left > 0 && !alerted.current.has(minutes)) {
        alerted.current.add(minutes);
        setAlert(`${minutes} minutes left.`);
      }
    }
    if (left === 0 && !submitting.current) {
      submitting.current = true;
      setAlert("Time is up. Submitting your exam…");
      void submitExamAction(attemptId, true).then(() => router.refresh());
    }
  }, [left, attemptId, router]);

  // The notepad saves itself a second after the last keystroke.
  useEffect(() => {
    if (text === notes && notesState === "saved") return;
    setNotesState("unsaved");
    const timer = setTimeout(() => {
      setNotesState("saving");
      void saveNotesAction(attemptId, text).then((r) => setNotesState(r.ok ? "saved" : "unsaved"));
    }, 1000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  const task = tasks.find((t) => t.number === current) ?? tasks[0]!;
  const index = tasks.indexOf(task);
  const toggleFlag = () => {
    const next = new Set(flags);
    const on = !next.has(task.number);
    if (on) next.add(task.number);
    else next.delete(task.number);
    setFlags(next);
    void flagAction(attemptId, task.number, on);
  };

  return (
    <div data-full-bleed className="flex min-h-[680px] flex-col gap-3 lg:h-[calc(100dvh-7.5rem)]">
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="mr-auto text-xl font-semibold">{title}</h1>
        <span
          role="timer"
          aria-label={`${formatClock(left)} left`}
          data-testid="exam-timer"
          data-seconds-left={left}
          className={`rounded-md px-3 py-1 font-mono text-lg tabular-nums ${left <= 300 ? "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-100" : left <= 1800 ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100" : "bg-slate-100 dark:bg-slate-800"}`}
        >
          {formatClock(left)}
        </span>
        <button type="button" aria-expanded={notepadOpen} onClick={() => setNotepadOpen(!notepadOpen)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
          Notepad
        </button>
        <ActionButton action={() => submitExamAction(attemptId)} confirm="Submit the exam? Nothing can be changed afterwards." confirmLabel="Submit" pending="Grading…" onDone={() => router.refresh()}>
          Submit exam
        </ActionButton>
      </div>
      {alert ? (
        <div role="alert" className="flex items-center gap-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <span className="flex-1">{alert}</span>
          <button type="button" onClick={() => setAlert(undefined)} className="underline">Dismiss</button>
        </div>
      ) : null}
      <div className="grid min-h-0 flex-1 gap-3 lg:grid-cols-[minmax(340px,2fr)_3fr]">
        <div className="flex min-h-0 flex-col gap-3">
          <nav aria-label="Questions" className="rounded-xl border border-slate-200 p-2 dark:border-slate-800">
            <ol className="flex flex-wrap gap-1">
              {tasks.map((t) => (
                <li key={t.number}>
                  <button
                    type="button"
                    onClick={() => setCurrent(t.number)}
                    aria-current={t.number === current ? "step" : undefined}
                    aria-label={`Question ${t.number}, weight ${t.weight}%${flags.has(t.number) ? ", flagged" : ""}`}
                    className={`relative flex h-10 w-12 flex-col items-center justify-center rounded-md border text-xs leading-tight ${t.number === current ? "border-brand-500 bg-brand-50 font-semibold dark:bg-brand-900/60" : "border-slate-200 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"} ${t.unavailable ? "opacity-60" : ""}`}
                  >
                    <span>{t.number}</span>
                    <span className="text-[10px] text-slate-600 dark:text-slate-400">{t.weight}%</span>
                    {flags.has(t.number) ? <span aria-hidden="true" className="absolute -right-1 -top-1 text-amber-500">⚑</span> : null}
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          <article aria-labelledby="question-heading" className="min-h-0 flex-1 overflow-y-auto rounded-xl border border-slate-200 p-4 dark:border-slate-800">
            <div className="mb-3 flex flex-wrap items-center gap-2">
              <h2 id="question-heading" className="mr-auto text-lg font-semibold">
                Question {task.number} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">· weight {task.weight}%</span>
              </h2>
              <button type="button" aria-pressed={flags.has(task.number)} onClick={toggleFlag} className="rounded-md border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
                {flags.has(task.number) ? "⚑ Flagged" : "Flag for review"}
              </button>
            </div>
            {task.unavailable ? (
              <p role="note" className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
                Kubecoach&apos;s simulation could not set this task up ({task.unavailable}). It does not count towards your score; the other tasks&apos; weights are scaled to 100%.
              </p>
            ) : null}
            <div className="mb-4 space-y-2 rounded-lg bg-slate-50 p-3 text-sm dark:bg-slate-900">
              <p className="font-medium">Use the context of this task first:</p>
              <CopyCommand command={`kubectl config use-context ${task.context}`} />
              <p className="font-medium">Nodes of this cluster (as root: ssh, then sudo -i):</p>
              <ul className="space-y-1">
                {task.nodes.map((n) => (
                  <li key={n}>
                    <CopyCommand command={`ssh ${n}`} />
                  </li>
                ))}
              </ul>
            </div>
            <Markdown html={task.html} />
            <div className="mt-4 flex justify-between">
              <button type="button" disabled={index === 0} onClick={() => setCurrent(tasks[index - 1]!.number)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-40 dark:border-slate-700">
                ← Previous
              </button>
              <button type="button" disabled={index === tasks.length - 1} onClick={() => setCurrent(tasks[index + 1]!.number)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm disabled:opacity-40 dark:border-slate-700">
                Next →
              </button>
            </div>
          </article>
          {notepadOpen ? (
            <div className="rounded-xl border border-slate-200 p-3 dark:border-slate-800">
              <label htmlFor="notepad" className="flex justify-between text-sm font-medium">
                Notepad <span className="text-xs font-normal text-slate-500" aria-live="polite">{notesState === "saved" ? "Saved" : notesState === "saving" ? "Saving…" : "Not saved yet"}</span>
              </label>
              <textarea id="notepad" value={text} onChange={(e) => setText(e.target.value)} rows={6} maxLength={20_000} className="mt-1 w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-950" />
            </div>
          ) : null}
        </div>
        <TerminalPanel attemptId={attemptId} className="min-h-[420px]" />
      </div>
    </div>
  );
}
