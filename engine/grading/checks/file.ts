import { parseAllDocuments } from "yaml";
import { GO_YAML_OPTIONS } from "../../api/go-yaml";
import type { KubeObject } from "../../api/types";
import { deepEqual } from "../../util/json";
import { clusterOf, hostOf, resolveResource, type GradingContext } from "../context";
import { evaluate, show, type Expectation } from "../expectation";
import { selectValues } from "../jsonpath";
import type { CheckOf } from "../schema";
import { FeatureUnavailableError } from "../unavailable";
import { fail, pass, type CheckOutcome } from "./outcome";

/** `file`: a file on a host exists, or has content (exact, trimmed, containing, regex, YAML, a manifest). */
export function fileCheck(check: CheckOf<"file">, ctx: GradingContext): CheckOutcome | Promise<CheckOutcome> {
  const host = hostOf(ctx, check.host);
  const where = `${check.path} on ${check.host}`;
  const exists = host.fs.isFileSync(check.path);
  if (check.exists !== undefined) {
    if (check.exists === exists) return pass;
    return fail(check.exists ? `${where} does not exist` : `${where} still exists`);
  }
  if (!exists) return fail(host.fs.isDirectorySync(check.path) ? `${where} is a directory, not a file` : `${where} does not exist`);
  const content = host.fs.readFileSync(check.path) ?? "";
  if (check.exact !== undefined) return content === check.exact ? pass : fail(`${where} does not have exactly the expected content (it has ${content.length} characters: ${preview(content)})`);
  if (check.trimmed !== undefined) return content.trim() === check.trimmed.trim() ? pass : fail(`${where} contains ${preview(content.trim())}; expected ${preview(check.trimmed.trim())}`);
  if (check.contains !== undefined) return content.includes(check.contains) ? pass : fail(`${where} does not contain ${show(check.contains)}`);
  if (check.regex !== undefined) return new RegExp(check.regex, "m").test(content) ? pass : fail(`${where} does not match /${check.regex}/`);
  if (check.sameAs !== undefined) return sameAsCheck(check.sameAs, content, check.host, where, ctx);
  const documents = parseYaml(content);
  if ("error" in documents) return fail(`${where} is not valid YAML: ${documents.error}`);
  if (check.yaml !== undefined) {
    const value = documents.values.length === 1 ? documents.values[0] : documents.values;
    return deepEqual(value, check.yaml) ? pass : fail(`${where} does not hold the expected YAML value`);
  }
  if (check.fields !== undefined) return fieldsCheck(check.fields, documents.values, where);
  return manifestCheck(check, ctx, where, documents.values);
}

/** The answer in the file must equal what the cluster says now (trimmed on both sides). */
async function sameAsCheck(command: string, content: string, host: string, where: string, ctx: GradingContext): Promise<CheckOutcome> {
  const result = await ctx.runScript(ctx.env, command, { host, user: "root", asFile: true });
  const expected = result.stdout.trim();
  if (result.exitCode !== 0 || expected === "") {
    const said = (result.stderr || result.stdout).trim().split("\n").slice(-1)[0] ?? "";
    const unavailable = /is not available in Kubecoach yet|command not found/.exec(said);
    // The reference answer cannot be computed: an engine gap or a broken check, never the learner's fault.
    if (unavailable) throw new FeatureUnavailableError(`the command the grader compares ${where} with (${said.replace(/ is not available in Kubecoach yet$/, "")})`);
    // Usually the learner's own work is missing (no snapshot to read a revision from, no release yet).
    return fail(`the expected answer for ${where} could not be worked out: \`${firstLine(command)}\` on ${host} ${result.exitCode !== 0 ? `exited with ${result.exitCode}` : "printed nothing"}${said ? ` (${said})` : ""}`);
  }
  return content.trim() === expected ? pass : fail(`${where} contains ${preview(content.trim())}; expected ${preview(expected)}`);
}

function firstLine(script: string): string {
  const line = script.trim().split("\n")[0];
  return line.length > 60 ? line.slice(0, 57) + "..." : line;
}

function preview(text: string): string {
  return JSON.stringify(text.length > 80 ? text.slice(0, 77) + "..." : text);
}

function parseYaml(content: string): { values: unknown[] } | { error: string } {
  // Read as kubectl would read the file (YAML 1.1: 0400 is octal).
  const docs = parseAllDocuments(content, GO_YAML_OPTIONS);
  if (!Array.isArray(docs)) return { values: [] };
  for (const doc of docs) if (doc.errors.length > 0) return { error: doc.errors[0].message.split("\n")[0] };
  return { values: docs.map((d) => d.toJS()).filter((v) => v !== null && v !== undefined) };
}

function fieldsCheck(fields: NonNullable<CheckOf<"file">["fields"]>, values: unknown[], where: string): CheckOutcome {
  if (values.length !== 1) return fail(`${where} holds ${values.length} YAML documents; expected one`);
  for (const field of fields) {
    const result = evaluate(field as Expectation, selectValues(values[0], field.path));
    if (!result.passed) return fail(`${field.path} in ${where} is ${result.actual}; expected it ${result.wanted}`);
  }
  return pass;
}

function manifestCheck(check: CheckOf<"file">, ctx: GradingContext, where: string, values: unknown[]): CheckOutcome {
  const spec = check.manifest!;
  const manifests = values.filter((v): v is KubeObject => typeof v === "object" && v !== null && (v as KubeObject).kind === spec.kind);
  const candidates = manifests.filter((m) => (!spec.name || m.metadata?.name === spec.name) && (!spec.apiVersion || m.apiVersion === spec.apiVersion));
  if (candidates.length === 0) {
    const kinds = values.map((v) => (v as KubeObject)?.kind).filter(Boolean);
    return fail(`${where} holds no ${spec.kind}${spec.name ? ` named "${spec.name}"` : ""} manifest${kinds.length ? ` (found: ${kinds.join(", ")})` : ""}`);
  }
  const manifest = candidates[0];
  if (spec.namespace && (manifest.metadata?.namespace ?? "default") !== spec.namespace) {
    return fail(`the ${spec.kind} in ${where} is for namespace "${manifest.metadata?.namespace ?? "default"}", not "${spec.namespace}"`);
  }
  for (const field of spec.fields ?? []) {
    const result = evaluate(field as Expectation, selectValues(manifest, field.path));
    if (!result.passed) return fail(`${field.path} in the ${spec.kind} of ${where} is ${result.actual}; expected it ${result.wanted}`);
  }
  // The API server decides whether the manifest is valid: a server-side dry run, as `kubectl apply --dry-run=server`.
  const cluster = clusterOf(ctx, check.cluster);
  const [group] = manifest.apiVersion?.includes("/") ? manifest.apiVersion.split("/") : [""];
  const def = cluster.registry.byKind(group, manifest.kind) ?? resolveResource(cluster, manifest.kind);
  const namespace = def.namespaced ? (manifest.metadata?.namespace ?? spec.namespace ?? "default") : undefined;
  const response = cluster.admin.request("POST", cluster.admin.path(def.group, def.resource, namespace), {
    body: manifest,
    query: { dryRun: "All", fieldValidation: "Strict" },
    contentType: "application/json",
  });
  if (response.status >= 400 && response.status !== 409) {
    const message = (response.body as { message?: string })?.message ?? `status ${response.status}`;
    return fail(`the API server rejects the ${spec.kind} in ${where}: ${message}`);
  }
  return pass;
}
