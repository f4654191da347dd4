/**
 * Authentication, RBAC and the documents kubectl fetches: the cost the RBAC plugin adds to
 * environment start (bootstrap policy + aggregation), authorization decisions per second for a
 * user with bindings and for one without, a request as an impersonated user, the first and the
 * cached /openapi/v3 group document, and a server-side apply of a Deployment.
 * Run: npx tsx bench/auth.bench.ts  (or `npm run bench auth`). Numbers are reported, never asserted.
 */
import { performance } from "node:perf_hooks";
import { rbacAuthorizer } from "../engine/api/auth/rbac-plugin";
import { corePlugin } from "../engine/cluster/core-plugin";
import { rbacPlugin } from "../engine/api/auth/rbac-plugin";
import { Environment } from "../engine/cluster/environment";
import { SYSTEM_ADMIN, type UserInfo } from "../engine/api/types";

function time<T>(label: string, runs: number, fn: () => T): void {
  fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(52)} ${ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`}`);
}

time("environment start, core only", 5, () => Environment.create(undefined, { plugins: [corePlugin], environmentPlugins: [] }));
time("environment start, core + RBAC bootstrap policy", 5, () => Environment.create(undefined, { plugins: [corePlugin, rbacPlugin], environmentPlugins: [] }));

const cluster = Environment.create().cluster();
const authz = rbacAuthorizer(cluster);
const jane: UserInfo = { username: "jane", groups: ["system:authenticated"] };
time("authorize: kubeadm admin (cluster-admin binding)", 2000, () =>
  authz.authorize({ user: SYSTEM_ADMIN, verb: "list", group: "", resource: "pods", namespace: "default", resourceRequest: true }),
);
time("authorize: user without bindings (full scan, denied)", 2000, () =>
  authz.authorize({ user: jane, verb: "list", group: "", resource: "pods", namespace: "default", resourceRequest: true }),
);
time("GET pods as an impersonated user (--as)", 500, () =>
  cluster.apiserver.handle({ method: "GET", path: "/api/v1/namespaces/default/pods", headers: { "impersonate-user": "jane", "impersonate-group": "system:masters" }, user: SYSTEM_ADMIN }),
);

const fresh = Environment.create().cluster();
let start = performance.now();
fresh.apiserver.handle({ method: "GET", path: "/openapi/v3/api/v1", user: SYSTEM_ADMIN });
console.log(`${"/openapi/v3/api/v1, first (rendered)".padEnd(52)} ${(performance.now() - start).toFixed(2)} ms`);
time("/openapi/v3/api/v1, cached", 50, () => fresh.apiserver.handle({ method: "GET", path: "/openapi/v3/api/v1", user: SYSTEM_ADMIN }));
start = performance.now();
fresh.apiserver.handle({ method: "GET", path: "/openapi/v3", user: SYSTEM_ADMIN });
console.log(`${"/openapi/v3 index".padEnd(52)} ${(performance.now() - start).toFixed(2)} ms`);

let n = 0;
time("server-side apply of a Deployment (create)", 50, () => {
  const name = `web-${n++}`;
  const yaml = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n`;
  return fresh.apiserver.handle({
    method: "PATCH",
    path: `/apis/apps/v1/namespaces/default/deployments/${name}`,
    query: new URLSearchParams({ fieldManager: "kubectl" }),
    headers: { "content-type": "application/apply-patch+yaml" },
    body: yaml,
    user: SYSTEM_ADMIN,
  });
});
