/**
 * Authentication moved to engine/api/auth/ (tokens, client certificates, service-account tokens);
 * the old name stays for the cluster, which constructs it before plugins attach the rest.
 */
export { Authenticator as TokenAuthenticator, type AuthenticatorSnapshot } from "./auth/authenticator";
