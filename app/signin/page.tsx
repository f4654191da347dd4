import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { configuredOAuthProviders } from "@/lib/auth/oauth";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getCurrentUser } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const returnTo = safeReturnPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  const error = typeof params.error === "string" ? params.error : null;
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Sign in to Kubecoach</h1>
      <SignInForm returnTo={returnTo} initialError={error} oauth={configuredOAuthProviders()} />
    </div>
  );
}
