"use client";
// "Use your own kubectl": downloads a kubeconfig that reaches this attempt's clusters through the
// Kubernetes API gateway, and revokes every such file at once.
import { useState } from "react";
import { ActionButton } from "./action-button";

export function KubeconfigAccess({ attemptId, revoke }: { attemptId: string; revoke: () => Promise<{ ok: true } | { ok: false; error: string }> }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="relative">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
        Your own kubectl
      </button>
      {open ? (
        <div className="absolute right-0 z-30 mt-2 w-96 max-w-[90vw] space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <p>Download a kubeconfig to reach this attempt&apos;s clusters with the kubectl, k9s or client library on your own machine:</p>
          <form method="post" action={`/api/attempts/${attemptId}/kubeconfig`}>
            <button type="submit" className="rounded-md bg-brand-500 px-3 py-1.5 font-medium text-white hover:bg-brand-600">
              Download kubeconfig
            </button>
          </form>
          <pre className="overflow-x-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">export KUBECONFIG=~/Downloads/kubecoach-{attemptId.slice(-6)}.kubeconfig{"\n"}kubectl get nodes</pre>
          <p className="text-slate-600 dark:text-slate-400">Anyone with the file can use these clusters until it expires (12 hours) or you revoke it. It stops working when the attempt ends.</p>
          <ActionButton action={revoke} variant="secondary" pending="Revoking…">
            Revoke downloaded kubeconfigs
          </ActionButton>
        </div>
      ) : null}
    </div>
  );
}
