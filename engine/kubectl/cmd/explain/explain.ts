import { registerCommand, type CommandContext } from "../../cli/command";
import { ExitError } from "../../cli/errors";
import type { ResourceMapping } from "../../client/discovery";
import { check } from "../../client/rest";
import { ExplainError, renderExplain, type Gvr } from "./render";

/**
 * `kubectl explain TYPE[.FIELD…]`: resolves the type through discovery, reads the group
 * version's OpenAPI v3 document from /openapi/v3 and renders it like kubectl's plaintext template.
 */
function parseBody(body: unknown): Record<string, unknown> {
  return (typeof body === "string" ? JSON.parse(body) : body) as Record<string, unknown>;
}

/** The REST mapper's ResourcesFor: every served type the name stands for, in priority order. */
function resourcesFor(c: CommandContext, name: string): ResourceMapping[] {
  const discovery = c.factory.discovery();
  const resolved = discovery.tryResolve(name);
  if (!resolved) throw new ExitError(`the server doesn't have a resource type "${name}"`, 1);
  const lower = name.toLowerCase();
  const matches = discovery.all().filter((m) => m.resource === resolved.resource || m.resource === lower || m.singular === lower || m.kind.toLowerCase() === lower);
  const groups = [...new Set(matches.map((m) => m.group))];
  const ordered = groups.flatMap((g) => matches.filter((m) => m.group === g).sort((a, b) => Number(b.preferred) - Number(a.preferred)));
  // The shortcut-expanded type comes first, as the expander rewrites the request before matching.
  return [resolved, ...ordered.filter((m) => m !== resolved)];
}

/** explain.SplitAndParseResourceRequestWithMatchingPrefix (and its plain variant for --api-version). */
function splitRequest(c: CommandContext, arg: string, matchPrefix: boolean): { gvr: Gvr; fields: string[] } {
  const input = arg.replace(/\.$/, "");
  if (/[[\]{}()*@?$]/.test(input) || input.startsWith(".")) throw new Error("invalid jsonpath syntax, first node must be field node");
  const parts = input.split(".");
  const gvrs = resourcesFor(c, parts[0]);
  const toGvr = (m: ResourceMapping): Gvr => ({ group: m.group, version: m.version, resource: m.resource });
  if (matchPrefix) {
    for (const m of gvrs) {
      const groupResource = m.group ? `${m.resource}.${m.group}` : m.resource;
      if (input.startsWith(groupResource)) {
        const suffix = input.slice(groupResource.length);
        return { gvr: toGvr(m), fields: suffix ? suffix.split(".").slice(1).filter((f) => f !== "") : [] };
      }
    }
  }
  return { gvr: toGvr(gvrs[0]), fields: parts.slice(1) };
}

function parseGroupVersion(text: string): { group: string; version: string } {
  const parts = text.split("/");
  if (parts.length === 1) return { group: "", version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  throw new Error(`unexpected GroupVersion string: ${text}`);
}

registerCommand("explain", (c) => {
  if (c.args.length === 0) throw new Error('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
  if (c.args.length > 1) throw new Error("We accept only this format: explain RESOURCE\n");
  const apiVersion = c.flags.string("api-version");
  const format = c.flags.string("output") || "plaintext";
  const { gvr, fields } = splitRequest(c, c.args[0], apiVersion === "");
  if (format === "plaintext-openapiv2") throw new Error("kubectl explain --output=plaintext-openapiv2 is not available in Kubecoach yet");
  if (format !== "plaintext") throw new Error(`unrecognized format: ${format}`);
  if (apiVersion) Object.assign(gvr, parseGroupVersion(apiVersion));
  const rest = c.factory.rest();
  const index = parseBody(check(rest.request({ method: "GET", path: "/openapi/v3" }))) as { paths?: Record<string, { serverRelativeURL?: string }> };
  const key = gvr.group ? `apis/${gvr.group}/${gvr.version}` : `api/${gvr.version}`;
  const entry = index.paths?.[key];
  if (!entry) throw new Error(`couldn't find resource for "${gvr.group}/${gvr.version}, Resource=${gvr.resource}"`);
  const url = new URL(entry.serverRelativeURL ?? `/openapi/v3/${key}`, "http://server");
  const document = parseBody(check(rest.request({ method: "GET", path: url.pathname, query: Object.fromEntries(url.searchParams) })));
  try {
    renderExplain(document, gvr, fields, c.flags.bool("recursive"), (s) => c.out(s));
  } catch (e) {
    if (e instanceof ExplainError) throw new ExitError(e.message, 1);
    throw e;
  }
  return 0;
});
