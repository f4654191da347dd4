/**
 * A JSON response body as kube-apiserver writes it (k8s.io/apimachinery's JSON serializer): compact
 * with a newline at the end (encoding/json's Encoder), or, for a request that asks for it, indented
 * by two spaces with no newline at the end (MarshalIndent). Both escape <, > and & as Go does.
 */
export function apiJsonBody(body: unknown, request: { query?: URLSearchParams; userAgent?: string; rawJson?: boolean }): string {
  // WriteRawJSON (/version) indents whoever asks.
  const text = request.rawJson || isPrettyPrint(request) ? JSON.stringify(body, null, 2) : JSON.stringify(body) + "\n";
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The negotiation's isPrettyPrint: `?pretty=<bool>` decides when given; otherwise curl, wget and
 * browsers get indented output (so `curl -k https://<apiserver>:6443/api` reads well) and clients
 * such as kubectl get it compact.
 */
function isPrettyPrint({ query, userAgent = "" }: { query?: URLSearchParams; userAgent?: string }): boolean {
  const pretty = query?.get("pretty");
  if (pretty) return ["1", "t", "T", "true", "TRUE", "True"].includes(pretty);
  return userAgent.startsWith("curl") || userAgent.startsWith("Wget") || userAgent.startsWith("Mozilla/5.0");
}
