import type { ResourceRoute } from "../types";

/**
 * The resource path grammar of the Kubernetes API:
 *   /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
 *   /apis/{group}/{version}[/namespaces/{ns}]/{resource}[/{name}[/{subresource}]]
 * plus the discovery roots /api, /apis, /apis/{group}, /apis/{group}/{version}.
 */
export type Route =
  | { type: "root-core" }
  | { type: "root-groups" }
  | { type: "group"; group: string }
  | { type: "group-version"; group: string; version: string }
  | ResourceRoute
  | { type: "other"; path: string };

/**
 * Parsed routes of collection paths: controllers post to the same few (an event per scheduled pod)
 * thousands of times. Paths naming an object are mostly seen once and are not kept.
 */
const parsed = new Map<string, Route>();
const PARSED_LIMIT = 1000;

/** The route of a path; a remembered one is shared (frozen) between calls with the same path. */
export function parseRoute(path: string): Route {
  const known = parsed.get(path);
  if (known) return known;
  const route = parsePath(path);
  if (route.type !== "resource" || route.name !== undefined) return route;
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(path, Object.freeze(route));
  return route;
}

/** A path segment as sent; only escaped ones are decoded (nearly every path has none). */
function segment(part: string): string {
  return part.includes("%") ? decodeURIComponent(part) : part;
}

function parsePath(path: string): Route {
  const clean = path.endsWith("/") ? path.replace(/\/+$/, "") || "/" : path;
  const parts: string[] = [];
  for (const part of clean.split("/")) if (part) parts.push(segment(part));
  if (parts[0] === "api") {
    if (parts.length === 1) return { type: "root-core" };
    return resourceRoute("", parts[1], parts.slice(2)) ?? { type: "group-version", group: "", version: parts[1] };
  }
  if (parts[0] === "apis") {
    if (parts.length === 1) return { type: "root-groups" };
    if (parts.length === 2) return { type: "group", group: parts[1] };
    return resourceRoute(parts[1], parts[2], parts.slice(3)) ?? { type: "group-version", group: parts[1], version: parts[2] };
  }
  return { type: "other", path: clean };
}

const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

function resourceRoute(group: string, version: string, rest: string[]): Route | undefined {
  if (rest.length === 0) return undefined;
  // /namespaces/{ns}/{resource}/... is namespaced; /namespaces and /namespaces/{name}[/{sub}] address namespaces themselves.
  // As the apiserver's RequestInfoFactory: /namespaces/{name}/status and /finalize address the namespace itself.
  if (rest[0] === "namespaces" && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
    const [, namespace, resource, name, subresource] = rest;
    return { type: "resource", group, version, resource, namespace, name, subresource };
  }
  const [resource, name, subresource] = rest;
  return { type: "resource", group, version, resource, name, subresource };
}
