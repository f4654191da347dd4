"use client";
// A page failed to render. The full error is in the server log (instrumentation.ts) under the
// same digest shown here, so a user's report can be matched to it.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-lg text-center" role="alert">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">
        This page could not be shown because of an error on our side. It has been logged. Try again, or come back in a moment.
      </p>
      {error.digest ? <p className="mt-3 font-mono text-xs text-slate-500">Reference: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-500 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600">
        Try again
      </button>
    </div>
  );
}
