import { createHash } from "node:crypto";
import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { ExitError, formatError } from "../../cli/errors";
import { resourcePath } from "../../client/discovery";
import { check, PATCH_TYPES } from "../../client/rest";
import { buildTargets, type Target } from "../../resource/builder";
import { toYaml } from "../../printers/yaml";
import { threeWayPatch } from "../apply/three-way";
import { fieldValidation, LAST_APPLIED } from "../options";
import { maskSecrets } from "./mask";
import { unifiedDiff } from "./unified";

type ObjectTarget = Target & { kind: "object" };

/** InfoObject.Name(): `group.version.Kind.namespace.name`, the file name in the LIVE and MERGED directories. */
function fileName(t: ObjectTarget): string {
  const m = t.mapping;
  return `${m.group ? `${m.group}.` : ""}${m.version}.${m.kind}.${t.namespace ?? ""}.${t.name}`;
}

/** The configuration kubectl sends: the last-applied annotation left out, an empty annotations map kept (GetModifiedConfiguration without annotate). */
function modifiedConfiguration(t: ObjectTarget): KubeObject {
  const desired = JSON.parse(JSON.stringify(t.object)) as KubeObject;
  const annotations = { ...(desired.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  desired.metadata = { ...desired.metadata, annotations };
  if (t.mapping.namespaced) desired.metadata.namespace = t.namespace;
  return desired;
}

/** What the object would become: the server's dry run of the apply (client-side three-way patch, or server-side apply). */
function merged(c: CommandContext, t: ObjectTarget, live: KubeObject | null): KubeObject {
  const rest = c.factory.rest();
  const validation = fieldValidation(c) ?? "Strict";
  const manager = c.flags.string("field-manager");
  if (c.flags.bool("server-side")) {
    const body = JSON.parse(JSON.stringify(t.object)) as KubeObject;
    if (t.mapping.namespaced) body.metadata = { ...body.metadata, namespace: t.namespace };
    return check(
      rest.request({
        method: "PATCH",
        path: resourcePath(t.mapping, t.namespace, t.name),
        query: { dryRun: "All", fieldManager: manager === "kubectl-client-side-apply" ? "kubectl" : manager || "kubectl", force: c.flags.bool("force-conflicts") ? "true" : undefined, fieldValidation: validation },
        body: toYaml(body),
        headers: { "content-type": PATCH_TYPES.apply },
      }),
    ) as KubeObject;
  }
  const query = { dryRun: "All", fieldManager: manager || "kubectl-client-side-apply", fieldValidation: validation };
  if (!live) {
    const body = JSON.parse(JSON.stringify(t.object)) as KubeObject;
    if (t.mapping.namespaced) body.metadata = { ...body.metadata, namespace: t.namespace };
    return check(rest.request({ method: "POST", path: resourcePath(t.mapping, t.namespace), query, body, headers: { "content-type": "application/json" } })) as KubeObject;
  }
  const originalText = live.metadata.annotations?.[LAST_APPLIED];
  const original = originalText ? (JSON.parse(originalText) as unknown) : {};
  const patch = threeWayPatch(original, modifiedConfiguration(t) as unknown as Record<string, unknown>, String(live.kind));
  delete patch.apiVersion;
  delete patch.kind;
  const custom = t.mapping.group.includes(".") && !t.mapping.group.endsWith("k8s.io");
  return check(
    rest.request({ method: "PATCH", path: resourcePath(t.mapping, t.namespace, t.name), query, body: patch, headers: { "content-type": custom ? PATCH_TYPES.merge : PATCH_TYPES.strategic } }),
  ) as KubeObject;
}

function withoutManagedFields(obj: KubeObject | null): KubeObject | null {
  if (!obj?.metadata?.managedFields) return obj;
  const copy = JSON.parse(JSON.stringify(obj)) as KubeObject;
  delete copy.metadata.managedFields;
  return copy;
}

/** A stand-in for os.MkdirTemp's random suffix, stable for one invocation (no randomness inside the engine). */
function tempSuffix(c: CommandContext, prefix: string): string {
  const digest = createHash("sha256").update(`${prefix}:${c.ctx.environment.clock.now()}:${c.ctx.args.join(" ")}`).digest();
  return String(digest.readUInt32BE(0));
}

/** A file's modification time as GNU diff prints it (nanoseconds, UTC). */
function fileTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(ms % 1000).padStart(3, "0")}000000 +0000`;
}

function runDiff(c: CommandContext): number {
  const filenames = c.flags.strings("filename");
  const kustomize = c.flags.string("kustomize");
  if (filenames.length === 0 && !kustomize) throw new Error("must specify one of -f and -k");
  if (c.ctx.env.KUBECTL_EXTERNAL_DIFF) throw new Error("KUBECTL_EXTERNAL_DIFF is not available in Kubecoach yet");
  if (c.flags.bool("prune")) throw new Error("kubectl diff --prune is not available in Kubecoach yet");
  const targets = buildTargets(c.factory, { args: [], filenames, kustomize, recursive: c.flags.bool("recursive"), labelSelector: c.flags.string("selector") });
  const liveDir = `/tmp/LIVE-${tempSuffix(c, "LIVE")}`;
  const mergedDir = `/tmp/MERGED-${tempSuffix(c, "MERGED")}`;
  const time = fileTime(c.ctx.environment.clock.now());
  const showManaged = c.flags.bool("show-managed-fields");
  const files: { name: string; live: string; merged: string }[] = [];
  const rest = c.factory.rest();
  for (const t of targets) {
    if (t.kind !== "object") continue;
    const response = rest.request({ method: "GET", path: resourcePath(t.mapping, t.namespace, t.name) });
    const live = response.status === 404 ? null : (check(response) as KubeObject);
    let liveObj = live;
    let mergedObj: KubeObject | null = merged(c, t, live);
    if (!showManaged) {
      liveObj = withoutManagedFields(liveObj);
      mergedObj = withoutManagedFields(mergedObj);
    }
    const masked = maskSecrets(liveObj, mergedObj);
    const print = (o: unknown) => (o === null ? (masked.secret ? "null\n" : "") : toYaml(o));
    files.push({ name: fileName(t), live: print(masked.live), merged: print(masked.merged) });
  }
  // GNU diff walks the two directories in file-name order.
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let differs = false;
  for (const f of files) {
    const text = unifiedDiff({ path: `${liveDir}/${f.name}`, text: f.live, time }, { path: `${mergedDir}/${f.name}`, text: f.merged, time });
    if (text) {
      differs = true;
      c.out(text);
    }
  }
  return differs ? 1 : 0;
}

/** kubectl diff: exit 0 without differences, 1 with, and kubectl's errors with exit status 2 (CheckDiffErr). */
registerCommand("diff", (c) => {
  try {
    return runDiff(c);
  } catch (e) {
    const { text } = formatError(e);
    throw new ExitError(text, 2);
  }
});
