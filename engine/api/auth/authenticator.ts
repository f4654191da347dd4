import type { ObjectStore } from "../store";
import type { UserInfo } from "../types";
import { checkBootstrapToken } from "./bootstrap-tokens";
import { checkClientCertificate } from "./client-certificates";
import type { ClusterAuthKeys } from "./pki";
import { checkServiceAccountToken } from "./service-account-tokens";

export interface AuthenticatorSnapshot {
  tokens: [string, UserInfo][];
}

/** What certificate and service-account-token checks need from the cluster (set by the auth plugin). */
export interface AuthenticationContext {
  store: ObjectStore;
  /** Cluster time in ms: certificates and tokens expire on the simulated clock. */
  now(): number;
  keys(): ClusterAuthKeys | undefined;
}

/** The credentials a request carried: an Authorization header and/or a TLS client certificate. */
export interface Credentials {
  authorization?: string;
  clientCertificatePem?: string;
}

export type AuthenticationResult = { user: UserInfo } | { anonymous: true } | { error: string };

export const ANONYMOUS: UserInfo = { username: "system:anonymous", groups: ["system:unauthenticated"] };

/**
 * The kube-apiserver's request authenticators: client certificates signed by the cluster CA,
 * static bearer tokens (the kubeconfigs `kubecoach serve` writes), service-account tokens and
 * bootstrap tokens (kubeadm's `--enable-bootstrap-token-auth`).
 * Requests without credentials are anonymous (kubeadm leaves `--anonymous-auth` on; RBAC then
 * decides); requests whose credentials all fail get 401.
 */
export class Authenticator {
  private tokens = new Map<string, UserInfo>();
  private context?: AuthenticationContext;

  attach(context: AuthenticationContext): void {
    this.context = context;
  }

  add(token: string, user: UserInfo): void {
    this.tokens.set(token, user);
  }

  remove(token: string): void {
    this.tokens.delete(token);
  }

  tokenFor(username: string): string | undefined {
    for (const [token, user] of this.tokens) if (user.username === username) return token;
    return undefined;
  }

  /** Resolves an Authorization header; undefined when absent or not valid. */
  authenticate(authorization: string | undefined): UserInfo | undefined {
    const result = this.authenticateRequest({ authorization });
    return "user" in result ? result.user : undefined;
  }

  /** A bearer token: static tokens, then service-account tokens, then bootstrap tokens (the real chain's order). */
  authenticateToken(token: string): { user: UserInfo } | { error: string } {
    const known = this.tokens.get(token);
    if (known) return { user: known };
    const keys = this.context?.keys();
    if (this.context && keys) {
      const check = checkServiceAccountToken(token, keys.serviceAccountPublicPem, this.context.store, this.context.now());
      if (check) return check;
    }
    if (this.context) {
      const user = checkBootstrapToken(token, this.context.store, this.context.now());
      if (user) return { user };
    }
    return { error: "invalid bearer token" };
  }

  /** A client certificate in PEM, as the emulated kubectl reads it from a kubeconfig. */
  authenticateCertificate(pem: string): { user: UserInfo } | { error: string } {
    const keys = this.context?.keys();
    if (!this.context || !keys) return { error: "x509: certificate signed by unknown authority" };
    return checkClientCertificate(pem, keys.caCertPem, this.context.now());
  }

  authenticateRequest(credentials: Credentials): AuthenticationResult {
    const errors: string[] = [];
    if (credentials.clientCertificatePem) {
      const result = this.authenticateCertificate(credentials.clientCertificatePem);
      if ("user" in result) return result;
      errors.push(result.error);
    }
    const m = /^Bearer\s+(.+)$/i.exec(credentials.authorization ?? "");
    if (m) {
      const result = this.authenticateToken(m[1].trim());
      if ("user" in result) return result;
      errors.push(result.error);
    } else if (credentials.authorization) {
      errors.push("unsupported authorization scheme");
    }
    if (errors.length > 0) return { error: errors.join(", ") };
    return { anonymous: true };
  }

  snapshot(): AuthenticatorSnapshot {
    return { tokens: [...this.tokens.entries()] };
  }

  restore(snapshot: AuthenticatorSnapshot): void {
    this.tokens = new Map(snapshot.tokens);
  }
}
