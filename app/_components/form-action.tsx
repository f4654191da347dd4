"use client";
// A plain form posting to a server action, with its pending state and the action's error.
import { useActionState, type ReactNode } from "react";
import { FormAlert } from "./form";

type Result = { ok: true } | { ok: false; error: string };

export function ActionForm({ action, children, submit, pending, className = "" }: { action: (state: Result | null, form: FormData) => Promise<Result>; children: ReactNode; submit: string; pending?: string; className?: string }) {
  const [state, formAction, isPending] = useActionState(action, null);
  return (
    <form action={formAction} className={`space-y-3 ${className}`}>
      {state && !state.ok ? <FormAlert message={state.error} /> : null}
      {children}
      <button type="submit" disabled={isPending} className="rounded-md bg-brand-500 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-60">
        {isPending ? (pending ?? "Saving…") : submit}
      </button>
    </form>
  );
}
