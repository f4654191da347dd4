"use client";
// Time on a task: counts down from the allowed minutes, then shows the overtime. For practice it
// counts the time a terminal is open (elapsed from the server, then ticking here); exams pass a
// server-side deadline instead (see app/exams).
import { useEffect, useState } from "react";

export function formatClock(totalSeconds: number): string {
  const s = Math.abs(Math.trunc(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(h > 0 ? 2 : 1, "0");
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(sec).padStart(2, "0")}`;
}

export function PracticeTimer({ limitSeconds, elapsedSeconds, running }: { limitSeconds: number; elapsedSeconds: number; running: boolean }) {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  const elapsed = elapsedSeconds + (running ? Math.floor((now - started) / 1000) : 0);
  const left = limitSeconds - elapsed;
  const over = left < 0;
  return (
    <span role="timer" aria-label={over ? `Over time by ${formatClock(-left)}` : `${formatClock(left)} left`} className={`rounded-md px-2 py-1 font-mono text-sm tabular-nums ${over ? "bg-rose-50 text-rose-800 dark:bg-rose-950 dark:text-rose-200" : "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100"}`} data-testid="practice-timer">
      {over ? `+${formatClock(-left)} over` : `${formatClock(left)} left`}
    </span>
  );
}
