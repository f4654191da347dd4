"use server";
import { db } from "@/lib/db";
import { signUp, type SignUpResult } from "@/lib/auth/sign-up";
import { logger } from "@/lib/log";

export async function signUpAction(input: { email: string; password: string; name: string }): Promise<SignUpResult> {
  const result = await signUp(db, input);
  if (result.ok) logger.info({ module: "auth", userId: result.userId }, "account created");
  return result;
}
