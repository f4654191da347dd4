import { parse } from "yaml";
import { GO_YAML_OPTIONS } from "../../api/go-yaml";
import type { KubeObject } from "../../api/types";
import { fail, pass, type CheckOutcome } from "../checks/outcome";
import { clusterOf } from "../context";
import { registerCustomCheck, stringParam } from "./registry";

/**
 * `kubectl apply --dry-run=server -f manifest` exits non-zero — the API server (its schema, CRD
 * validation, admission) refuses the object, or does not serve its kind at all. The same dry-run
 * request, made as the admin without a shell: a create, or an update when the object exists, as
 * apply would send.
 *
 * With `reason` (e.g. Invalid), only a refusal for that Status reason counts: a kind the server does
 * not serve, or a refusal for another reason, fails — so a task about validation rules is not passed by
 * a cluster that has no such kind at all.
 */
registerCustomCheck("server-rejects", {
  summary: "params: manifest (one object as YAML), the object the API server must refuse in a server-side dry run; reason (optional), the Status reason the refusal must carry, e.g. Invalid",
  run(ctx, params, clusterName): CheckOutcome {
    const manifest = parse(stringParam(params, "manifest"), GO_YAML_OPTIONS) as KubeObject;
    if (!manifest || typeof manifest !== "object" || !manifest.kind || !manifest.apiVersion || !manifest.metadata?.name) {
      throw new Error('custom check parameter "manifest" must be one object with apiVersion, kind and metadata.name');
    }
    const cluster = clusterOf(ctx, clusterName);
    const what = `the ${manifest.kind} "${manifest.metadata.name}"`;
    const reason = params.reason === undefined ? undefined : stringParam(params, "reason");
    const [group, version] = manifest.apiVersion.includes("/") ? manifest.apiVersion.split("/") : ["", manifest.apiVersion];
    const kind = cluster.registry.byKind(group, manifest.kind);
    // kubectl cannot map a kind the server does not serve in that version: it fails before sending.
    const def = kind && cluster.registry.lookup(group, version, kind.resource);
    if (!def) return reason ? fail(`the API server does not serve ${manifest.kind} in ${manifest.apiVersion}; it should serve it and refuse ${what} as ${reason}`) : pass;
    const namespace = def.namespaced ? (manifest.metadata.namespace ?? "default") : undefined;
    const collection = `${group ? `/apis/${group}/${version}` : `/api/${version}`}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ""}/${def.resource}`;
    const admin = cluster.admin;
    const query = { dryRun: "All", fieldValidation: "Strict" };
    let response = admin.request("POST", collection, { body: manifest, query, contentType: "application/json" });
    if (response.status === 409) {
      const existing = admin.request("GET", `${collection}/${encodeURIComponent(manifest.metadata.name)}`).body as KubeObject;
      const body = { ...manifest, metadata: { ...manifest.metadata, resourceVersion: existing?.metadata?.resourceVersion } };
      response = admin.request("PUT", `${collection}/${encodeURIComponent(manifest.metadata.name)}`, { body, query, contentType: "application/json" });
    }
    if (response.status < 400) return fail(`the API server accepts ${what} (server-side dry run); it should refuse it`);
    const status = response.body as { reason?: string; message?: string } | undefined;
    if (reason && status?.reason !== reason) {
      return fail(`the API server refuses ${what} as ${status?.reason ?? response.status} (${status?.message ?? "no message"}); it should refuse it as ${reason}`);
    }
    return pass;
  },
});
