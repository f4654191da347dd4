// Demo content for a first start: a learner, an instructor and an admin you can sign in as at
// once, and a cohort joining the learner to the instructor. Seeded only into an empty database,
// so deleting or changing these accounts later sticks.
import type { Db } from "../db";
import { hashPassword } from "../auth/password";
import type { Role } from "../auth/roles";

// Plain string settings; not NodeJS.ProcessEnv, which Next.js types say always has NODE_ENV.
type Env = Record<string, string | undefined>;

export type DemoAccount = { email: string; password: string; name: string; role: Role };

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "learner@kubecoach.local", password: "practice-makes-pods", name: "Demo Learner", role: "learner" },
  { email: "instructor@kubecoach.local", password: "teach-the-control-plane", name: "Demo Instructor", role: "instructor" },
  { email: "admin@kubecoach.local", password: "keep-the-cluster-green", name: "Demo Admin", role: "admin" },
];

export const DEMO_COHORT_NAME = "Demo cohort";

/**
 * Demo accounts are on by default with the embedded SQLite database (a local trial) and off with
 * PostgreSQL (a real deployment, where well-known passwords would be a hole).
 * KUBECOACH_DEMO_ACCOUNTS=true|false overrides.
 */
export function demoAccountsEnabled(provider: "sqlite" | "postgresql", env: Env = process.env): boolean {
  const setting = env.KUBECOACH_DEMO_ACCOUNTS?.toLowerCase();
  if (setting === "true" || setting === "1") return true;
  if (setting === "false" || setting === "0") return false;
  return provider === "sqlite";
}

/** Seeds the demo content if the database has no users yet; returns true if it did. */
export async function seedDemoContent(db: Db): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  const users = [];
  for (const account of DEMO_ACCOUNTS) {
    users.push(
      await db.user.create({
        data: { email: account.email, name: account.name, role: account.role, passwordHash: await hashPassword(account.password) },
      }),
    );
  }
  const [learner, instructor] = users;
  await db.cohort.create({
    data: {
      name: DEMO_COHORT_NAME,
      description: "Created on first start so the instructor pages have a cohort to show.",
      createdById: instructor!.id,
      memberships: {
        create: [
          { userId: instructor!.id, role: "instructor" },
          { userId: learner!.id, role: "learner" },
        ],
      },
    },
  });
  return true;
}

/** The demo accounts still present, for the start-up banner. */
export async function existingDemoAccounts(db: Db): Promise<DemoAccount[]> {
  const present = await db.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } }, select: { email: true } });
  const emails = new Set(present.map((u) => u.email));
  return DEMO_ACCOUNTS.filter((a) => emails.has(a.email));
}
