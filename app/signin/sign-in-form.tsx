"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field, FormAlert, submitButtonClass } from "../_components/form";

type Props = { returnTo: string; initialError: string | null; oauth: { id: string; name: string }[] };

// next-auth reports some failures by code; the rest arrive as our own sentences.
const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Wrong e-mail or password.",
  AccessDenied: "That account could not be signed in: the provider did not confirm its e-mail address.",
  OAuthSignin: "Could not start signing in with that provider. Try again.",
  OAuthCallback: "The provider's answer could not be checked. Try again.",
  OAuthAccountNotLinked: "This e-mail is already linked to another sign-in method.",
  SessionRequired: "Sign in to see that page.",
};

function describe(error: string): string {
  return MESSAGES[error] ?? (error.endsWith(".") ? error : "Sign-in failed. Try again.");
}

export function SignInForm({ returnTo, initialError, oauth }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError ? describe(initialError) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setError(describe(result?.error ?? "CredentialsSignin"));
      setPending(false);
      return;
    }
    router.replace(returnTo);
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormAlert message={error} />
        <Field id="email" name="email" type="email" label="E-mail" autoComplete="email" required />
        <Field id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
        <button type="submit" className={submitButtonClass} disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oauth.length > 0 ? (
        <div className="space-y-2">
          <p className="text-center text-xs uppercase tracking-wide text-slate-500">or</p>
          {oauth.map((p) => (
            <button
              key={p.id}
              type="button"
              onClick={() => void signIn(p.id, { callbackUrl: returnTo })}
              className="w-full rounded-md border border-slate-300 px-4 py-2.5 text-sm font-semibold hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Continue with {p.name}
            </button>
          ))}
        </div>
      ) : null}
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        New to Kubecoach?{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(returnTo)}`} className="font-medium text-brand-600 hover:underline dark:text-brand-300">
          Create an account
        </Link>
      </p>
    </div>
  );
}
