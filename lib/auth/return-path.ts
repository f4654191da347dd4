// Where to send someone after they sign in: only paths on this site, so a crafted link
// (?callbackUrl=https://evil.example) cannot bounce a fresh session to another site.
export function safeReturnPath(value: string | string[] | null | undefined, fallback = "/dashboard"): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return fallback;
  let candidate = raw;
  // next-auth hands back absolute URLs of this site; keep their path.
  if (/^https?:\/\//i.test(raw)) {
    try {
      const url = new URL(raw);
      const site = new URL(process.env.NEXTAUTH_URL ?? "http://localhost");
      if (url.host !== site.host) return fallback;
      candidate = url.pathname + url.search + url.hash;
    } catch {
      return fallback;
    }
  }
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return fallback;
  if (candidate.startsWith("/signin") || candidate.startsWith("/signup")) return fallback;
  return candidate;
}
