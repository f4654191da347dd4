/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError } from "../../cli/errors";
import { kindPrefix, resourcePath } from "../../client/discovery";
import { check, PATCH_TYPES } from "../../client/rest";
import { isEmptyPatch, twoWayMergePatch } from "../../client/two-way-patch";
import { untilWithSync } from "../../client/wait-loop";
import { fetchInfos, quotedResource, targetsFromFlags, type Info } from "../../resource/infos";
import { selectorString } from "../describe/describers";
import { dryRunStrategy, printerFor, type DryRun } from "../options";
import { historyObjects, historyText } from "./history";
import { podWarningFrom, statusViewerFor } from "./status-viewers";
import { rollback } from "./undo";

/**
 * `kubectl rollout` for deployments, daemon sets and stateful sets: status (watching until done),
 * history, undo, restart, pause and resume, with kubectl's messages and errors.
 */
type Any = any;

function requireResource(c: CommandContext): void {
  if (c.args.length === 0 && c.flags.strings("filename").length === 0 && !c.flags.string("kustomize")) throw new Error("required resource not specified");
}

function infosOf(c: CommandContext): { infos: Info[]; errors: Error[] } {
  const targets = targetsFromFlags(c, c.args, { allowEmptySelector: false });
  return fetchInfos(c, targets, { labelSelector: c.flags.string("selector") });
}

/** The name printer with an operation: `deployment.apps/web paused` (-o name prints the name alone). */
function printResult(c: CommandContext, info: Info, operation: string, obj: KubeObject = info.object, dryRun: DryRun = "none"): void {
  // pause, resume, restart and undo build with the scheme: the objects they print are typed.
  const printer = printerFor(c, { typed: true });
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  c.out(printer ? printer.print(obj) : `${kindPrefix(info.mapping)}/${info.name} ${operation}${suffix}\n`);
}

registerCommand("rollout status", async (c) => {
  requireResource(c);
  const revision = c.flags.int("revision");
  if (revision < 0) throw new Error(`revision must be a positive integer: ${revision}`);
  const targets = targetsFromFlags(c, c.args, { allowEmptySelector: false });
  const { infos, errors } = fetchInfos(c, targets, { labelSelector: c.flags.string("selector") });
  if (errors.length > 0) throw errors[0];
  if (new Set(infos.map((i) => `${i.mapping.group}/${i.mapping.kind}`)).size > 1) throw new Error("you must provide one or more resources by argument or filename (.json|.yaml|.yml|stdin)");
  if (infos.length !== 1) throw new Error(`rollout status is only supported on individual resources and resource collections - ${infos.length} resources were found`);
  const info = infos[0];
  const podWarning = (d: KubeObject) => {
    const pods = c.factory.rest().request({ method: "GET", path: resourcePath(c.factory.discovery().resolve("pods"), d.metadata.namespace), query: { labelSelector: selectorString((d as Any).spec?.selector).replace(/^<none>$/, "") || undefined } });
    return pods.status < 400 ? podWarningFrom((pods.body as { items?: KubeObject[] }).items ?? []) : undefined;
  };
  const viewer = statusViewerFor(info.mapping.group, info.mapping.kind, podWarning);
  const watch = c.flags.bool("watch");
  await untilWithSync(
    c,
    info.mapping,
    info.namespace,
    info.name,
    ({ type, object }) => {
      if (type === "DELETED") throw new Error("object has been deleted");
      const { message, done } = viewer(object, revision);
      c.out(message);
      return done || !watch;
    },
    c.flags.duration("timeout"),
  );
  return 0;
});

registerCommand("rollout history", (c) => {
  requireResource(c);
  const revision = c.flags.int("revision");
  if (revision < 0) throw new Error(`revision must be a positive integer: ${revision}`);
  const { infos, errors } = infosOf(c);
  // The revisions come back as typed ReplicaSets (ControllerRevisions for the other kinds).
  const printer = printerFor(c, { typed: true });
  for (const info of infos) {
    if (printer) {
      for (const obj of historyObjects(c, info, revision)) c.out(printer.print(obj));
      continue;
    }
    const text = historyText(c, info, revision);
    const header = revision > 0 ? `with revision #${revision}` : "";
    c.out(`${kindPrefix(info.mapping)}/${info.name} ${header}\n${text}\n`);
  }
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
});

registerCommand("rollout undo", (c) => {
  requireResource(c);
  const dryRun = dryRunStrategy(c);
  const { infos, errors } = infosOf(c);
  if (errors.length > 0) throw new AggregateError(errors);
  for (const info of infos) {
    const result = rollback(c, info, c.flags.int("to-revision"), dryRun);
    printResult(c, info, result, info.object, dryRun);
  }
  return 0;
});

/** What pause/resume/restart change on the object, or the per-object error kubectl reports. */
type Mutation = (obj: Any) => string | undefined;

const pause: Mutation = (obj) => {
  if (obj.kind !== "Deployment") return "pausing is not supported";
  if (obj.spec?.paused) return "is already paused";
  obj.spec.paused = true;
  return undefined;
};

const resume: Mutation = (obj) => {
  if (obj.kind !== "Deployment") return "resuming is not supported";
  if (!obj.spec?.paused) return "is not paused";
  obj.spec.paused = false;
  return undefined;
};

function restarter(c: CommandContext): Mutation {
  return (obj) => {
    if (!["Deployment", "DaemonSet", "StatefulSet"].includes(obj.kind)) return "restarting is not supported";
    if (obj.kind === "Deployment" && obj.spec?.paused) return "can't restart paused deployment (run rollout resume first)";
    const template = (obj.spec.template ??= {});
    template.metadata ??= {};
    template.metadata.annotations = { ...(template.metadata.annotations ?? {}), "kubectl.kubernetes.io/restartedAt": rfc3339(c.ctx.environment.clock.now()) };
    return undefined;
  };
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** set.CalculatePatches + PATCH, as pause, resume and restart do it. */
function patchEach(c: CommandContext, mutate: Mutation, done: string, unchanged?: string): number {
  requireResource(c);
  const { infos, errors } = infosOf(c);
  const all: Error[] = [...errors];
  for (const info of infos) {
    const modified = JSON.parse(JSON.stringify(info.object)) as Any;
    const problem = mutate(modified);
    if (problem) {
      all.push(new Error(`error: ${quotedResource(info)} ${problem}`));
      continue;
    }
    const patch = twoWayMergePatch(info.object, modified, String(info.object.kind));
    if (isEmptyPatch(patch)) {
      if (unchanged) printResult(c, info, unchanged);
      else all.push(new Error(`failed to create patch for ${info.name}: empty patch`));
      continue;
    }
    try {
      const result = check(
        c.factory.rest().request({
          method: "PATCH",
          path: resourcePath(info.mapping, info.namespace, info.name),
          query: { fieldManager: c.flags.string("field-manager") || "kubectl-rollout" },
          body: patch,
          headers: { "content-type": PATCH_TYPES.strategic },
        }),
      ) as KubeObject;
      printResult(c, info, done, result);
    } catch (e) {
      all.push(new Error(`failed to patch: ${(e as Error).message}`));
    }
  }
  if (all.length > 0) throw new AggregateError(all);
  return 0;
}

registerCommand("rollout pause", (c) => patchEach(c, pause, "paused", "already paused"));
registerCommand("rollout resume", (c) => patchEach(c, resume, "resumed", "already resumed"));
registerCommand("rollout restart", (c) => patchEach(c, restarter(c), "restarted"));
