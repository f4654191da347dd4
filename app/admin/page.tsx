import type { Metadata } from "next";
import { userCountsByRole } from "@/lib/admin/user-counts";
import { requireRole } from "@/lib/auth/session";
import { db, dbTarget } from "@/lib/db";
import { describeTarget } from "@/lib/db/config";
import { engineHost } from "@/lib/session/host";

function engineStats() {
  try {
    return engineHost().sessions.stats();
  } catch {
    return undefined;
  }
}
import { Card, PageHeader } from "../_components/ui";
import { RoleSelect } from "./role-select";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  await requireRole("admin", "/admin");
  const q = ((await searchParams).q ?? "").trim();
  const counts = await userCountsByRole(db);
  const users = await db.user.findMany({
    where: q ? { OR: [{ email: { contains: q.toLowerCase() } }, { name: { contains: q } }] } : {},
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, email: true, name: true, role: true, createdAt: true, _count: { select: { scenarioAttempts: true, examAttempts: true } } },
  });
  const stats = engineStats();
  return (
    <div className="space-y-6">
      <PageHeader title="Admin" intro="Accounts, roles and the state of this installation." />
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
          {stats ? (
            <p className="mt-2 text-sm">
              Sessions in memory: {stats.live} ({stats.busy} running a command, {stats.connectedTabs} terminals connected)
            </p>
          ) : null}
        </Card>
      </div>
      <section aria-labelledby="users-heading" className="space-y-3">
        <h2 id="users-heading" className="text-xl font-semibold">Users and roles</h2>
        <form method="get" className="flex gap-2" role="search">
          <label htmlFor="user-search" className="sr-only">Search users</label>
          <input id="user-search" name="q" type="search" defaultValue={q} placeholder="e-mail or name" className="w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950" />
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700">Search</button>
        </form>
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-slate-600 dark:text-slate-400">
              <th className="py-1 font-medium">User</th>
              <th className="py-1 font-medium">Joined</th>
              <th className="py-1 font-medium">Attempts</th>
              <th className="py-1 font-medium">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1.5">
                  {u.name ?? ""} <span className="text-slate-500">{u.email}</span>
                </td>
                <td className="py-1.5">{u.createdAt.toISOString().slice(0, 10)}</td>
                <td className="py-1.5 tabular-nums">
                  {u._count.scenarioAttempts} tasks, {u._count.examAttempts} exams
                </td>
                <td className="py-1.5">
                  <RoleSelect userId={u.id} role={u.role} label={`Role of ${u.email}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
