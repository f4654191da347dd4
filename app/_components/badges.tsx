// Small labels used across catalogue, dashboard and reports.
import type { ReactNode } from "react";

const DIFFICULTY_STYLE: Record<string, string> = {
  easy: "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  medium: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
  hard: "bg-rose-50 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
};

export function Badge({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "good" | "warn" | "bad" | "brand" }) {
  const styles = {
    neutral: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
    good: "bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
    warn: "bg-amber-50 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
    bad: "bg-rose-50 text-rose-800 dark:bg-rose-950 dark:text-rose-200",
    brand: "bg-brand-50 text-brand-700 dark:bg-brand-900/60 dark:text-brand-100",
  }[tone];
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ${styles}`}>{children}</span>;
}

export function DifficultyBadge({ difficulty }: { difficulty: string }) {
  return <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium capitalize ${DIFFICULTY_STYLE[difficulty] ?? DIFFICULTY_STYLE.medium}`}>{difficulty}</span>;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

export function percent(score: number | null | undefined, max: number | null | undefined): number | null {
  if (score === null || score === undefined || !max) return null;
  return Math.round((score / max) * 1000) / 10;
}
