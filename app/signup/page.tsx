import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getCurrentUser } from "@/lib/auth/session";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const returnTo = safeReturnPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(returnTo);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-2 text-2xl font-semibold tracking-tight">Create your Kubecoach account</h1>
      <p className="mb-6 text-sm text-slate-600 dark:text-slate-400">Free. Your progress is saved to your account.</p>
      <SignUpForm returnTo={returnTo} minPasswordLength={MIN_PASSWORD_LENGTH} />
    </div>
  );
}
