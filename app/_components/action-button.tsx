"use client";
// A button that runs a server action, shows that it is working, and shows the action's error.
// With `confirm`, the first press asks for confirmation inline (no browser dialog), for actions
// that discard work.
import { useState, useTransition, type ReactNode } from "react";

type Result = { ok: true } | { ok: false; error: string } | void;

export function ActionButton({
  action,
  children,
  pending,
  confirm,
  confirmLabel,
  variant = "primary",
  className = "",
  onDone,
}: {
  action: () => Promise<Result>;
  children: ReactNode;
  pending?: ReactNode;
  confirm?: ReactNode;
  confirmLabel?: string;
  variant?: "primary" | "secondary" | "danger";
  className?: string;
  onDone?: () => void;
}) {
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string>();
  const [asking, setAsking] = useState(false);
  const style = {
    primary: "bg-brand-500 text-white hover:bg-brand-600",
    secondary: "border border-slate-300 text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-100 dark:hover:bg-slate-800",
    danger: "bg-rose-600 text-white hover:bg-rose-700",
  }[variant];
  const run = () =>
    startTransition(async () => {
      setError(undefined);
      setAsking(false);
      const result = await action();
      if (result && !result.ok) setError(result.error);
      else onDone?.();
    });
  const button = `rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-wait disabled:opacity-60`;
  return (
    <span className={`inline-flex flex-col gap-1 ${className}`}>
      {asking ? (
        <span role="group" aria-label="Confirm" className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <span>{confirm}</span>
          <button type="button" className={`${button} ${variant === "primary" ? "bg-brand-500 text-white" : "bg-rose-600 text-white"}`} onClick={run} autoFocus>
            {confirmLabel ?? "Yes"}
          </button>
          <button type="button" className={`${button} border border-slate-300 dark:border-slate-600`} onClick={() => setAsking(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className={`${button} ${style}`} disabled={isPending} onClick={() => (confirm ? setAsking(true) : run())}>
          {isPending ? (pending ?? "Working…") : children}
        </button>
      )}
      {error ? (
        <span role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {error}
        </span>
      ) : null}
    </span>
  );
}
