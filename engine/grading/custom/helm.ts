import { deepEqual } from "../../util/json";
import { fail, pass, type CheckOutcome } from "../checks/outcome";
import { clusterOf, hostOf, type GradingContext } from "../context";
import { registerCustomCheck, stringParam } from "./registry";

/**
 * Helm releases as the simulated `helm` (engine/tools/helm) keeps them: one Secret per revision,
 * `sh.helm.release.v1.NAME.vN`, labelled owner=helm and name=NAME, the release JSON base64-encoded
 * in `data.release`. Reading them through the API answers what `helm status / get values / history
 * / list` would print, without starting a shell, helm and jq for every check.
 */
interface StoredRelease {
  revision: number;
  status: string;
  chart: { name: string; version: string };
  values: Record<string, unknown>;
  description: string;
}

function history(ctx: GradingContext, namespace: string, name: string, clusterName?: string): StoredRelease[] {
  const secrets = clusterOf(ctx, clusterName).admin.list("", "secrets", namespace, { labelSelector: `owner=helm,name=${name}` });
  return secrets
    .map((s) => JSON.parse(Buffer.from(String((s as { data?: Record<string, string> }).data?.release ?? ""), "base64").toString("utf8")) as StoredRelease)
    .sort((a, b) => a.revision - b.revision);
}

/** The revision `helm status` and `helm get values` show: the last one deployed. */
function deployed(releases: StoredRelease[]): StoredRelease | undefined {
  return releases.filter((r) => r.status === "deployed").at(-1);
}

/** A dotted path into the user-supplied values (`service.type`), as jq's `.service.type`. */
function valueAt(values: Record<string, unknown>, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return null;
    current = (current as Record<string, unknown>)[key] ?? null;
  }
  return current;
}

function objectParam(params: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`custom check parameter "${name}" must be a map`);
  return value as Record<string, unknown>;
}

/**
 * Release NAME is deployed; optionally its user-supplied values equal these (each compared as jq's
 * `==` does, type and all), its history has this many revisions, and the last revision has this
 * description ("Rollback to 1").
 */
registerCustomCheck("helm-release", {
  summary: "params: namespace, name, values (map of dotted key → value), revisions (count), description (of the last revision)",
  run(ctx, params, clusterName): CheckOutcome {
    const namespace = stringParam(params, "namespace", "default");
    const name = stringParam(params, "name");
    const values = objectParam(params, "values");
    const releases = history(ctx, namespace, name, clusterName);
    const current = deployed(releases);
    const what = `release "${name}" in namespace "${namespace}"`;
    if (!current) return fail(releases.length === 0 ? `${what} was not found (helm status: release: not found)` : `${what} has no deployed revision (the last one is ${releases.at(-1)!.status})`);
    for (const [path, wanted] of Object.entries(values ?? {})) {
      const actual = valueAt(current.values, path);
      if (!deepEqual(actual, wanted)) return fail(`the value ${path} of ${what} is ${JSON.stringify(actual)}; expected ${JSON.stringify(wanted)} (helm get values)`);
    }
    if (params.revisions !== undefined && releases.length !== params.revisions) {
      return fail(`${what} has ${releases.length} revision(s) in its history; expected ${String(params.revisions)}`);
    }
    if (params.description !== undefined && releases.at(-1)!.description !== params.description) {
      return fail(`the last revision of ${what} says ${JSON.stringify(releases.at(-1)!.description)}; expected ${JSON.stringify(params.description)} (helm history)`);
    }
    return pass;
  },
});

/** A file holds the chart version of the deployed release (`helm list` shows CHART as NAME-VERSION). */
registerCustomCheck("helm-chart-version-file", {
  summary: "params: namespace, name (the release), host, path (the file whose trimmed content must be the chart version)",
  run(ctx, params, clusterName): CheckOutcome {
    const namespace = stringParam(params, "namespace", "default");
    const name = stringParam(params, "name");
    const hostName = stringParam(params, "host");
    const path = stringParam(params, "path");
    const host = hostOf(ctx, hostName);
    const where = `${path} on ${hostName}`;
    if (!host.fs.isFileSync(path)) return fail(`${where} does not exist`);
    const current = deployed(history(ctx, namespace, name, clusterName));
    if (!current) return fail(`the expected answer for ${where} could not be worked out: release "${name}" in namespace "${namespace}" is not deployed`);
    const content = (host.fs.readFileSync(path) ?? "").trim();
    return content === current.chart.version ? pass : fail(`${where} contains ${JSON.stringify(content)}; expected ${JSON.stringify(current.chart.version)}`);
  },
});
