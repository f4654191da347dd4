"use client";
// A user's role, changed in place.
import { useState, useTransition } from "react";
import { setRoleAction } from "./actions";

export function RoleSelect({ userId, role, label }: { userId: string; role: string; label: string }) {
  const [value, setValue] = useState(role);
  const [error, setError] = useState<string>();
  const [pending, start] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <select
        aria-label={label}
        value={value}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          const before = value;
          setValue(next);
          start(async () => {
            const r = await setRoleAction(userId, next);
            if (!r.ok) {
              setValue(before);
              setError(r.error);
            } else setError(undefined);
          });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
      >
        <option value="learner">learner</option>
        <option value="instructor">instructor</option>
        <option value="admin">admin</option>
      </select>
      {error ? <span role="alert" className="text-xs text-rose-700 dark:text-rose-300">{error}</span> : null}
    </span>
  );
}
