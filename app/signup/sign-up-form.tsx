"use client";
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field, FormAlert, submitButtonClass } from "../_components/form";
import { signUpAction } from "./actions";

type Errors = Partial<Record<"email" | "password" | "name" | "form", string>>;

export function SignUpForm({ returnTo, minPasswordLength }: { returnTo: string; minPasswordLength: number }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setPending(true);
    setErrors({});
    try {
      const result = await signUpAction(input);
      if (!result.ok) {
        setErrors({ [result.field]: result.message });
        return;
      }
      const signedIn = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
      if (!signedIn || signedIn.error) {
        setErrors({ form: "Your account was created, but signing in failed. Sign in with your new password." });
        return;
      }
      router.replace(returnTo);
      router.refresh();
    } catch {
      setErrors({ form: "Something went wrong on our side. Try again in a moment." });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormAlert message={errors.form ?? null} />
        <Field id="name" name="name" label="Name (optional)" autoComplete="name" error={errors.name} />
        <Field id="email" name="email" type="email" label="E-mail" autoComplete="email" required error={errors.email} />
        <Field
          id="password"
          name="password"
          type="password"
          label="Password"
          autoComplete="new-password"
          required
          error={errors.password}
          hint={`At least ${minPasswordLength} characters; mix letters with digits, symbols or more words.`}
        />
        <button type="submit" className={submitButtonClass} disabled={pending}>
          {pending ? "Creating your account…" : "Create account"}
        </button>
      </form>
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">
        Already have an account?{" "}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`} className="font-medium text-brand-600 hover:underline dark:text-brand-300">
          Sign in
        </Link>
      </p>
    </div>
  );
}
