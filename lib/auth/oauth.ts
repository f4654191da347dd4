// GitHub and Google sign-in, each switched on only when its credentials are configured.
// Without a next-auth database adapter (sessions are JWTs), linking an OAuth identity to a
// Kubecoach user is done here: the same provider account always maps to the same user, and a
// first sign-in joins the user with the same verified e-mail or creates a learner.
import type { Account, Profile } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import type { Db } from "../db";
import { normalizeEmail } from "./email";

// Plain string settings; not NodeJS.ProcessEnv, which Next.js types say always has NODE_ENV.
type Env = Record<string, string | undefined>;

export type OAuthProviderInfo = { id: "github" | "google"; name: string };

export function configuredOAuthProviders(env: Env = process.env): OAuthProviderInfo[] {
  const list: OAuthProviderInfo[] = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) list.push({ id: "github", name: "GitHub" });
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) list.push({ id: "google", name: "Google" });
  return list;
}

export function oauthProviders(env: Env = process.env): Provider[] {
  return configuredOAuthProviders(env).map(({ id }) =>
    id === "github"
      ? GitHubProvider({ clientId: env.GITHUB_ID!, clientSecret: env.GITHUB_SECRET! })
      : GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID!, clientSecret: env.GOOGLE_CLIENT_SECRET! }),
  );
}

/**
 * Finds or creates the user behind an OAuth sign-in; returns its id, or null to refuse the
 * sign-in (no e-mail, or an e-mail the provider says is unverified — linking on an unverified
 * address would let anyone take over the account that owns it).
 */
export async function linkOAuthAccount(
  db: Db,
  account: Account,
  profile: (Profile & { email_verified?: boolean }) | undefined,
  fallback: { email?: string | null; name?: string | null; image?: string | null },
): Promise<string | null> {
  const existing = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
    select: { userId: true },
  });
  if (existing) return existing.userId;

  const rawEmail = profile?.email ?? fallback.email;
  if (!rawEmail || profile?.email_verified === false) return null;
  const email = normalizeEmail(rawEmail);
  const user =
    (await db.user.findUnique({ where: { email }, select: { id: true } })) ??
    (await db.user.create({
      data: { email, name: profile?.name ?? fallback.name ?? null, image: fallback.image ?? null, emailVerified: new Date() },
      select: { id: true },
    }));
  await db.account.create({
    data: {
      userId: user.id,
      type: account.type,
      provider: account.provider,
      providerAccountId: account.providerAccountId,
      // Tokens are kept only for a future feature that calls the provider's API on the user's behalf.
      access_token: account.access_token ?? null,
      refresh_token: account.refresh_token ?? null,
      expires_at: account.expires_at ?? null,
      token_type: account.token_type ?? null,
      scope: account.scope ?? null,
      id_token: account.id_token ?? null,
      session_state: typeof account.session_state === "string" ? account.session_state : null,
    },
  });
  return user.id;
}
