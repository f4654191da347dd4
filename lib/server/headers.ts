// Headers the custom server (server.ts) sets on every request before Next.js sees it.
// Any value a client sends for them is overwritten, so code behind the server can trust them.
export const REQUEST_ID_HEADER = "x-request-id";
export const CLIENT_IP_HEADER = "x-kubecoach-client-ip";

/** Reads a header from either a Fetch `Headers` or Node's plain header object. */
export function headerValue(headers: Headers | Record<string, string | string[] | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}
