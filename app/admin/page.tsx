import type { Metadata } from "next";
import { userCountsByRole } from "@/lib/admin/user-counts";
import { requireRole } from "@/lib/auth/session";
import { db, dbTarget } from "@/lib/db";
import { describeTarget } from "@/lib/db/config";
import { Card, PageHeader } from "../_components/ui";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireRole("admin", "/admin");
  const counts = await userCountsByRole(db);
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" intro="Accounts and the state of this installation. Managing users and roles from here is coming next." />
      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Accounts">
          <dl className="grid grid-cols-3 gap-2 text-center">
            {(Object.entries(counts) as [string, number][]).map(([role, n]) => (
              <div key={role}>
                <dt className="text-sm capitalize text-slate-600 dark:text-slate-400">{role}s</dt>
                <dd className="text-2xl font-semibold">{n}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Installation">
          <p className="text-sm">
            Database: <span className="font-mono">{describeTarget(dbTarget)}</span>
          </p>
          <p className="mt-2 text-sm">
            Live status: <a className="text-brand-600 hover:underline dark:text-brand-300" href="/healthz">/healthz</a>
          </p>
        </Card>
      </div>
    </div>
  );
}
