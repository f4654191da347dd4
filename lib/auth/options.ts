// The whole next-auth configuration, in one place. Sessions are signed, encrypted JWT cookies
// (required by next-auth v4's credentials provider); pages re-read the user from the database on
// every request (lib/auth/session.ts), so a role change or a deleted account takes effect at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db";
import { logger } from "../log";
import { CLIENT_IP_HEADER, headerValue } from "../server/headers";
import { signInWithPassword } from "./credentials";
import { linkOAuthAccount, oauthProviders } from "./oauth";

const log = logger.child({ module: "auth" });

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const email = credentials?.email ?? "";
        const password = credentials?.password ?? "";
        const clientIp = headerValue(req.headers, CLIENT_IP_HEADER) ?? "unknown";
        const result = await signInWithPassword(db, { email, password, clientIp });
        if (!result.ok) {
          log.info({ reason: result.reason, clientIp }, "password sign-in refused");
          // next-auth hands a thrown message to the sign-in form as `error`.
          throw new Error(result.message);
        }
        log.info({ userId: result.user.id }, "signed in with password");
        return result.user;
      },
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ user, account, profile }) {
      if (!account || account.provider === "credentials") return true;
      const userId = await linkOAuthAccount(db, account, profile, user);
      if (!userId) log.warn({ provider: account.provider }, "OAuth sign-in refused: no verified e-mail");
      else log.info({ userId, provider: account.provider }, "signed in with OAuth");
      return userId !== null;
    },
    async jwt({ token, user, account }) {
      if (account && account.provider !== "credentials") {
        // The OAuth `user` carries the provider's id; swap in ours.
        const linked = await db.account.findUnique({
          where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
          select: { user: { select: { id: true, role: true } } },
        });
        if (linked) {
          token.sub = linked.user.id;
          token.role = linked.user.role;
        }
      } else if (user) {
        token.sub = user.id;
        token.role = user.role;
      }
      return token;
    },
    async session({ session, token }) {
      if (token.sub && token.role) session.user = { ...session.user, id: token.sub, role: token.role };
      return session;
    },
  },
  logger: {
    // next-auth passes either an Error or an object holding one under `error`.
    error: (code, metadata) =>
      log.error({ code, err: metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error }, "next-auth error"),
    warn: (code) => log.warn({ code }, "next-auth warning"),
    debug: () => {},
  },
};
