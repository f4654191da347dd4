/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { ExitError, StatusError, usageError } from "../../cli/errors";
import { formatDuration } from "../../cli/flags";
import { resourcePath } from "../../client/discovery";
import { check } from "../../client/rest";
import { cordonNode, nodeNames } from "../node/node";
import { dryRunStrategy, type DryRun } from "../options";
import { podsForDeletion, type PodDelete } from "./filters";

/**
 * `kubectl drain NODE`: cordons the node, checks its pods against kubectl's filters (DaemonSet
 * pods, pods without a controller, emptyDir data, mirror pods), then evicts them through the
 * eviction subresource — retrying every 5s while a PodDisruptionBudget refuses — or deletes them
 * with --disable-eviction, and waits until they are gone, all on the simulation's clock.
 */
type Any = any;

const RETRY_MS = 5000;
const POLL_MS = 1000;

interface PodState {
  pod: Any;
  /** evict: (re)try the eviction at `at`; wait: poll until it is gone; done. */
  phase: "evict" | "wait" | "done";
  at: number;
  error?: string;
}

function podsPath(c: CommandContext, namespace: string, name: string, sub?: string): string {
  return resourcePath(c.factory.discovery().resolve("pods"), namespace, name, sub);
}

/** Whether the pod has left (gone, or replaced by a new pod of the same name). */
function isGone(c: CommandContext, pod: Any): boolean {
  const r = c.factory.rest().request({ method: "GET", path: podsPath(c, pod.metadata.namespace, pod.metadata.name) });
  return r.status === 404 || (r.body as KubeObject | undefined)?.metadata?.uid !== pod.metadata.uid;
}

function evict(c: CommandContext, pod: Any, grace: number, dryRun: DryRun): StatusError | undefined {
  const body: Any = { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace } };
  if (grace >= 0 || dryRun === "server") body.deleteOptions = { ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}), ...(dryRun === "server" ? { dryRun: ["All"] } : {}) };
  const r = c.factory.rest().request({ method: "POST", path: podsPath(c, pod.metadata.namespace, pod.metadata.name, "eviction"), body, headers: { "content-type": "application/json" } });
  if (r.status < 400) return undefined;
  return new StatusError(r.body as StatusError["status"]);
}

/** Evicts (or deletes) every pod and waits for them; resolves with the errors, as drain's helper does. */
async function removePods(c: CommandContext, pods: Any[], dryRun: DryRun): Promise<string[]> {
  const useEviction = !c.flags.bool("disable-eviction");
  const grace = c.flags.int("grace-period");
  const timeout = c.flags.duration("timeout");
  const states: PodState[] = pods.map((pod) => ({ pod, phase: useEviction ? "evict" : "wait", at: 0 }));
  const verb = useEviction ? "evicted" : "deleted";
  if (!useEviction) {
    for (const s of states) {
      const body: Any = grace >= 0 ? { gracePeriodSeconds: grace } : {};
      if (dryRun === "server") body.dryRun = ["All"];
      const r = c.factory.rest().request({ method: "DELETE", path: podsPath(c, s.pod.metadata.namespace, s.pod.metadata.name), body, headers: { "content-type": "application/json" } });
      if (r.status >= 400 && r.status !== 404) throw new StatusError(r.body as StatusError["status"]);
    }
  }
  let now = 0;
  for (;;) {
    for (const s of states) {
      if (s.phase === "evict" && s.at <= now) {
        c.out(`evicting pod ${s.pod.metadata.namespace}/${s.pod.metadata.name}\n`);
        const err = evict(c, s.pod, grace, dryRun);
        if (!err || err.status.code === 404) s.phase = err ? "done" : "wait";
        else if (err.status.code === 429) {
          c.err(`error when evicting pods/"${s.pod.metadata.name}" -n "${s.pod.metadata.namespace}" (will retry after 5s): ${err.status.message ?? ""}\n`);
          s.at = now + RETRY_MS;
        } else {
          s.phase = "done";
          s.error = `error when evicting pods/"${s.pod.metadata.name}" -n "${s.pod.metadata.namespace}": ${err.status.message ?? ""}`;
        }
      }
    }
    for (const s of states) {
      if (s.phase !== "wait") continue;
      if (dryRun === "server" || isGone(c, s.pod)) {
        s.phase = "done";
        c.out(`pod/${s.pod.metadata.name} ${verb}\n`);
      }
    }
    const pending = states.filter((s) => s.phase !== "done");
    if (pending.length === 0) break;
    if (c.ctx.signal.aborted) throw new ExitError("", 130);
    if (timeout > 0 && now >= timeout) {
      for (const s of pending) {
        const reached = `global timeout reached: ${formatDuration(timeout)}`;
        s.error = s.phase === "evict" ? `error when evicting pods/"${s.pod.metadata.name}" -n "${s.pod.metadata.namespace}": ${reached}` : `error when waiting for pod "${s.pod.metadata.name}" terminating: ${reached}`;
      }
      break;
    }
    const step = timeout > 0 ? Math.min(POLL_MS, timeout - now) : POLL_MS;
    await c.ctx.sleep(step);
    now += step;
  }
  return states.filter((s) => s.error).map((s) => s.error!);
}

/** utilerrors.Aggregate's message: one error as is, several in brackets. */
function aggregate(messages: string[]): string {
  return messages.length === 1 ? messages[0] : `[${messages.join(", ")}]`;
}

/** Drains one node; resolves with the errors that stop the command (none when it was drained). */
async function drainNode(c: CommandContext, node: string, dryRun: DryRun): Promise<string[]> {
  const list: PodDelete[] = podsForDeletion(c, node);
  const errors = groupErrors(list);
  if (errors.length > 0) return errors;
  const warnings = groupMessages(list.filter((p) => p.status === "warning"));
  if (warnings.length > 0) c.err(`Warning: ${warnings.map(([msg, pods]) => `${msg}: ${pods.join(", ")}`).join("; ")}\n`);
  const pods = list.filter((p) => p.delete).map((p) => p.pod);
  if (dryRun === "client") {
    for (const pod of pods) c.out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name} (dry run)\n`);
    return [];
  }
  const failures = await removePods(c, pods, dryRun);
  if (failures.length > 0) {
    const pending = podsForDeletion(c, node).filter((p) => p.delete);
    if (pending.length > 0) {
      c.err(`There are pending pods in node "${node}" when an error occurred: ${aggregate(failures)}\n`);
      for (const p of pending) c.err(`pod/${p.pod.metadata.name}\n`);
    }
  }
  return failures;
}

function groupMessages(items: PodDelete[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const pods = groups.get(item.message) ?? [];
    pods.push(`${item.pod.metadata.namespace}/${item.pod.metadata.name}`);
    groups.set(item.message, pods);
  }
  return [...groups];
}

function groupErrors(list: PodDelete[]): string[] {
  return groupMessages(list.filter((p) => p.status === "error")).map(([msg, pods]) => `cannot delete ${msg || "unexpected error"}: ${pods.join(", ")}`);
}

registerCommand("drain", async (c) => {
  if (c.args.length === 0 && !c.flags.string("selector")) throw usageError(c.commandPath, "USAGE: drain NODE [flags]");
  if (c.args.length > 0 && c.flags.string("selector")) throw usageError(c.commandPath, "cannot specify both a node name and a --selector option");
  const dryRun = dryRunStrategy(c);
  const podSelector = c.flags.string("pod-selector");
  if (podSelector && /[^-A-Za-z0-9_./=!,() ]/.test(podSelector)) throw new Error("--pod-selector=<pod_selector> must be a valid label selector");
  const names = nodeNames(c);
  for (const name of names) check(c.factory.rest().request({ method: "GET", path: resourcePath(c.factory.discovery().resolve("nodes"), undefined, name) }));
  for (const name of names) cordonNode(c, name, true, dryRun);
  const suffix = dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
  // kubectl v1.33 (RunDrain) tries every node, whatever failed before, then names the ones left.
  const pending: string[] = [];
  const fatal: string[] = [];
  for (const name of names) {
    const errors = await drainNode(c, name, dryRun);
    if (errors.length === 0) {
      c.out(`node/${name} drained${suffix}\n`);
      continue;
    }
    c.err(`error: unable to drain node "${name}" due to error: ${aggregate(errors)}, continuing command...\n`);
    pending.push(name);
    fatal.push(...errors);
  }
  if (pending.length === 0) return 0;
  c.err(`There are pending nodes to be drained:\n${pending.map((n) => ` ${n}\n`).join("")}`);
  throw new ExitError(fatal.join("\n"), 1);
});
