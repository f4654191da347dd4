import { Environment } from "../../cluster/environment";
import { ApiError } from "../errors";
import { SYSTEM_ADMIN } from "../types";

/** A full environment and kubeadm's admin client, the starting point of most API tests. */
export function adminSetup() {
  const env = Environment.create();
  return { env, client: env.cluster().clientFor(SYSTEM_ADMIN) };
}

/** The ApiError `fn` throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}
