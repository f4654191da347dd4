import type { UserInfo } from "./types";

export interface AuthenticatorSnapshot {
  tokens: [string, UserInfo][];
}

/**
 * Bearer-token authentication, as a static token file or service-account tokens would give.
 * The kubeconfigs the environment writes carry tokens registered here.
 */
export class TokenAuthenticator {
  private tokens = new Map<string, UserInfo>();

  add(token: string, user: UserInfo): void {
    this.tokens.set(token, user);
  }

  remove(token: string): void {
    this.tokens.delete(token);
  }

  /** Resolves an Authorization header; undefined when absent or unknown. */
  authenticate(authorization: string | undefined): UserInfo | undefined {
    const m = /^Bearer\s+(.+)$/i.exec(authorization ?? "");
    if (!m) return undefined;
    return this.tokens.get(m[1].trim());
  }

  tokenFor(username: string): string | undefined {
    for (const [token, user] of this.tokens) if (user.username === username) return token;
    return undefined;
  }

  snapshot(): AuthenticatorSnapshot {
    return { tokens: [...this.tokens.entries()] };
  }

  restore(snapshot: AuthenticatorSnapshot): void {
    this.tokens = new Map(snapshot.tokens);
  }
}
