/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError, StatusError } from "../../cli/errors";
import { kindPrefix, resourcePath } from "../../client/discovery";
import { untilWithSync, WaitTimeout, WAIT_STEP_MS, Interrupted } from "../../client/wait-loop";
import { JsonPath, relaxedJsonPath } from "../../printers/jsonpath";
import { fetchInfos, targetsFromFlags, type Info } from "../../resource/infos";
import { printerFor } from "../options";

/**
 * `kubectl wait --for=delete|create|condition=NAME[=VALUE]|jsonpath='{…}'[=VALUE]`: each object
 * is listed and watched (client-go's UntilWithSync) while the simulation runs, until its
 * condition holds or the shared --timeout runs out; met conditions print `pod/web condition met`.
 */
type Check = (obj: any) => boolean;

type Condition =
  | { kind: "delete" }
  | { kind: "create" }
  | { kind: "check"; check: Check };

/** A week: kubectl's stand-in for "no timeout" (a negative --timeout). */
const WEEK_MS = 168 * 3600_000;

function notFound(info: Info): StatusError {
  const resource = info.mapping.group ? `${info.mapping.resource}.${info.mapping.group}` : info.mapping.resource;
  return new StatusError({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `${resource} "${info.name}" not found`, reason: "NotFound", details: { name: info.name, group: info.mapping.group, kind: info.mapping.resource }, code: 404 });
}

/** splitJSONPathInput: splits on single '=' ('==' stays inside the expression). */
function splitOnEquals(input: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "=") {
      if (input[i + 1] === "=") {
        cur += "==";
        i++;
        continue;
      }
      out.push(cur);
      cur = "";
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

function conditionCheck(name: string, wanted: string): Check {
  return (obj) => {
    for (const condition of obj?.status?.conditions ?? []) {
      if (typeof condition?.type !== "string" || condition.type.toLowerCase() !== name.toLowerCase()) continue;
      if (typeof condition.status !== "string") continue;
      const generation = obj.metadata?.generation;
      const observed = condition.observedGeneration ?? obj.status?.observedGeneration;
      if (typeof generation === "number" && typeof observed === "number" && observed < generation) return false;
      return condition.status.toLowerCase() === wanted.toLowerCase();
    }
    return false;
  };
}

function goValue(v: unknown): string {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : JSON.stringify(v);
}

function jsonPathCheck(input: string): Check {
  const parts = splitOnEquals(input);
  if (parts.length < 1 || parts.length > 2) throw new Error("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  const expression = relaxedJsonPath(parts[0]);
  let value = "";
  if (parts.length === 2) {
    value = parts[1].replace(/^['"]+|['"]+$/g, "");
    if (value === "") throw new Error("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  }
  if (expression === "") throw new Error("jsonpath expression cannot be empty");
  const path = new JsonPath(true).parse(expression);
  return (obj) => {
    const results = path.findAll(JSON.parse(JSON.stringify(obj)));
    if (results.length === 0 || results[0].length === 0) return false;
    if (results.length > 1) throw new Error("given jsonpath expression matches more than one list");
    if (results[0].length > 1) throw new Error("given jsonpath expression matches more than one value");
    if (value === "") return true;
    const found = results[0][0];
    if (found !== null && typeof found === "object") throw new Error("jsonpath leads to a nested object or list which is not supported");
    return goValue(found).trim() === value.trim();
  };
}

function conditionFor(text: string): Condition {
  const lower = text.toLowerCase();
  if (lower === "delete") return { kind: "delete" };
  if (lower === "create") return { kind: "create" };
  if (text.startsWith("condition=")) {
    const rest = text.slice("condition=".length);
    const eq = rest.indexOf("=");
    return { kind: "check", check: conditionCheck(eq >= 0 ? rest.slice(0, eq) : rest, eq >= 0 ? rest.slice(eq + 1) : "true") };
  }
  if (text.startsWith("jsonpath=")) return { kind: "check", check: jsonPathCheck(text.slice("jsonpath=".length)) };
  throw new Error(`unrecognized condition: ${JSON.stringify(text)}`);
}

interface Clock {
  start: number;
  timeoutMs: number;
  /** Time spent sleeping in this command (the clock may not move while it sleeps). */
  slept: number;
  now(): number;
}

function elapsed(clock: Clock): number {
  return Math.max(clock.slept, clock.now() - clock.start);
}

function remaining(clock: Clock): number {
  return clock.timeoutMs - elapsed(clock);
}

const timedOut = (info: Info) => new Error(`timed out waiting for the condition on ${info.mapping.resource}/${info.name}`);

/** IsDeleted: done once a GET answers NotFound or the watch sees the object go. */
async function waitDeleted(c: CommandContext, info: Info, clock: Clock): Promise<KubeObject | undefined> {
  const got = c.factory.rest().request({ method: "GET", path: resourcePath(info.mapping, info.namespace, info.name) });
  if (got.status === 404) return info.object;
  if (got.status >= 400) throw new StatusError(got.body as StatusError["status"]);
  if (clock.timeoutMs === 0) throw new Error(`condition not met for ${info.mapping.resource}/${info.name}`);
  if (remaining(clock) <= 0) throw timedOut(info);
  try {
    await untilWithSync(c, info.mapping, info.namespace, info.name, ({ type }) => type === "DELETED", remaining(clock));
  } catch (e) {
    if (e instanceof WaitTimeout) throw timedOut(info);
    throw e;
  }
  return got.body as KubeObject;
}

/** getObjAndCheckCondition: one GET with --timeout=0, otherwise list-and-watch until the check holds. */
async function waitCondition(c: CommandContext, info: Info, check: Check, clock: Clock): Promise<KubeObject> {
  if (clock.timeoutMs === 0) {
    const got = c.factory.rest().request({ method: "GET", path: resourcePath(info.mapping, info.namespace, info.name) });
    if (got.status >= 400) throw new StatusError(got.body as StatusError["status"]);
    if (!check(got.body)) throw new Error(`condition not met for ${info.mapping.resource}/${info.name}`);
    return got.body as KubeObject;
  }
  if (remaining(clock) <= 0) throw timedOut(info);
  let result: KubeObject | undefined;
  let seen = false;
  try {
    await untilWithSync(c, info.mapping, info.namespace, info.name, ({ type, object }) => {
      seen = true;
      if (type === "DELETED") return false;
      if (check(object)) {
        result = object;
        return true;
      }
      return false;
    }, remaining(clock));
  } catch (e) {
    if (e instanceof WaitTimeout) {
      // The informer's first sync found nothing: the precondition reports the object missing.
      if (!seen) throw notFound(info);
      throw timedOut(info);
    }
    throw e;
  }
  return result!;
}

/** --for=create: polls the builder every half second until every named object exists. */
async function waitCreated(c: CommandContext, clock: Clock): Promise<void> {
  for (;;) {
    const targets = targetsFromFlags(c, c.args);
    const { errors } = fetchInfos(c, targets, { labelSelector: c.flags.string("selector"), fieldSelector: c.flags.string("field-selector") });
    const missing = errors.find((e) => e instanceof StatusError && e.status.code === 404);
    if (!missing) {
      if (errors.length > 0) throw errors[0];
      return;
    }
    if (c.ctx.signal.aborted) throw new Interrupted();
    if (remaining(clock) <= 0) throw new Error("timed out waiting for the condition");
    await c.ctx.sleep(Math.min(500, WAIT_STEP_MS));
  }
}

/** The command context with its sleeps counted, so the shared timeout holds even where the clock does not move. */
function counting(c: CommandContext, clock: Clock): CommandContext {
  return { ...c, ctx: { ...c.ctx, sleep: async (ms: number) => {
    clock.slept += ms;
    await c.ctx.sleep(ms);
  } } };
}

registerCommand("wait", async (c) => {
  const printer = printerFor(c);
  const condition = conditionFor(c.flags.string("for"));
  if (c.args.length === 0 && c.flags.strings("filename").length === 0) {
    throw new Error("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  let timeoutMs = c.flags.duration("timeout");
  if (timeoutMs < 0) timeoutMs = WEEK_MS;
  const env = c.ctx.environment;
  const clock: Clock = { start: env.clock.now(), timeoutMs, slept: 0, now: () => env.clock.now() };
  const w = counting(c, clock);
  const targets = targetsFromFlags(c, c.args);
  if (condition.kind === "create") await waitCreated(w, clock);
  const { infos, errors } = fetchInfos(c, targets, { labelSelector: c.flags.string("selector"), fieldSelector: c.flags.string("field-selector") });
  const failures: Error[] = condition.kind === "delete" ? errors.filter((e) => !(e instanceof StatusError && e.status.code === 404)) : [...errors];
  if (infos.length === 0 && failures.length === 0 && condition.kind !== "delete") throw new Error("no matching resources found");
  // Like kubectl's visitor, every object is tried; once the shared deadline has passed the rest time out at once.
  for (const info of infos) {
    try {
      let final: KubeObject | undefined = info.object;
      if (condition.kind === "delete") final = await waitDeleted(w, info, clock);
      else if (condition.kind === "check") final = await waitCondition(w, info, condition.check, clock);
      c.out(printer ? printer.print(final ?? info.object) : `${kindPrefix(info.mapping)}/${info.name} condition met\n`);
    } catch (e) {
      if (e instanceof Interrupted) throw e;
      failures.push(e as Error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures);
  return 0;
});
