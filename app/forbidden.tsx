import Link from "next/link";

// Shown with HTTP 403 when a signed-in user opens a page their role does not allow.
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-lg text-center">
      <p className="text-sm font-semibold text-brand-600 dark:text-brand-300">403</p>
      <h1 className="mt-2 text-2xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">
        This page is for another role. If you think you should have access, ask an administrator.
      </p>
      <Link href="/dashboard" className="mt-6 inline-block text-brand-600 hover:underline dark:text-brand-300">
        Back to your dashboard
      </Link>
    </div>
  );
}
