// Small presentational pieces shared by pages.
import Link from "next/link";
import type { ReactNode } from "react";

export function PageHeader({ title, intro }: { title: string; intro?: ReactNode }) {
  return (
    <div className="mb-8">
      <h1 className="text-3xl font-semibold tracking-tight">{title}</h1>
      {intro ? <p className="mt-2 max-w-3xl text-slate-600 dark:text-slate-400">{intro}</p> : null}
    </div>
  );
}

export function Card({ title, children, className = "" }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <section className={`rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900 ${className}`}>
      {title ? <h2 className="mb-3 text-lg font-semibold">{title}</h2> : null}
      {children}
    </section>
  );
}

/** What a section shows before it has anything: says plainly why, and what comes next. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: { href: string; label: string } }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 p-6 text-center dark:border-slate-700">
      <p className="font-medium">{title}</p>
      <div className="mx-auto mt-1 max-w-prose text-sm text-slate-600 dark:text-slate-400">{children}</div>
      {action ? (
        <Link href={action.href} className="mt-4 inline-block rounded-md bg-brand-500 px-4 py-2 text-sm font-medium text-white hover:bg-brand-600">
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}

export function ButtonLink({ href, children, variant = "primary" }: { href: string; children: ReactNode; variant?: "primary" | "secondary" }) {
  const style =
    variant === "primary"
      ? "bg-brand-500 text-white hover:bg-brand-600"
      : "border border-slate-300 text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-100 dark:hover:bg-slate-800";
  return (
    <Link href={href} className={`inline-block rounded-md px-5 py-2.5 text-sm font-semibold ${style}`}>
      {children}
    </Link>
  );
}
