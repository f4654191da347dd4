import { MAX_TEMPLATE_SHIFT_MS, type BootTemplate, type ShiftPlan } from "./boot-template";
import { CATCH_UP_AFTER_MS, Environment, type EnvironmentSnapshot, type EnvironmentSpec } from "./environment";
import { SeededRandom } from "../util/random";
import { clone, deepFreeze } from "../util/freeze";
import { PartsReceiver, toParts } from "./template-transfer";

/**
 * A scenario's setup (its script through the shell, then simulated minutes of settling) costs up
 * to a second of CPU, and gives the same cluster every time it runs on the same inputs. So the
 * first attempt in a process runs it once and keeps the result as a template, as boot-template.ts
 * does for a booted lab; every attempt (the first too) is a copy of the template moved to its own
 * start time, with its own random source from then on. The caller keys templates by everything
 * setup reads (the scenario's environment, script and timing: a scenario edited in the browser
 * gets a new key).
 */
export interface PreparedEnvironment<T> {
  env: Environment;
  /** What `prepare` returned when the template was made (a copy per attempt). */
  result: T;
  /** Whether this call ran `prepare` (the template was made now). */
  cold: boolean;
}

interface SetupTemplate {
  template: BootTemplate;
  result: unknown;
}

/**
 * Lets other work run while a template is made in the background (warming): resolves after the
 * event loop had its turn. Setups made on demand pass nothing and run straight through.
 */
export type Pace = () => Promise<void>;
const noPace: Pace = () => Promise.resolve();
/**
 * No pacing at all, as an attempt making its own template: settling runs in one advance. A thread
 * that only makes templates (the warming thread) passes it, so its templates are the ones an
 * attempt would make (a kubelet's heartbeats depend on where an advance ends).
 */
export const NO_PACE: Pace = noPace;

/**
 * Templates kept per process before the least recently used is dropped (each holds about 2.3 MB:
 * its frozen snapshot and shift plan). Warming raises it so every built-in template fits with
 * room for scenarios written in the browser (setSetupTemplateLimit).
 */
export const MAX_SETUP_TEMPLATES = 48;
let limit = MAX_SETUP_TEMPLATES;
/** The seed setups run with: the default seed of tests and the CLI, so an attempt with it continues exactly as setup left off. */
const SETUP_SEED = 1;

interface Entry {
  made: Promise<SetupTemplate>;
  /** Once made. */
  value?: SetupTemplate;
  /** An attempt waits for it: stop pacing (it was being made in the background). */
  hurry(): void;
}

const templates = new Map<string, Entry>();

/**
 * Where a thread without a template asks for one before running setup itself: another thread that
 * made and keeps the templates (lib/session/shared-templates.ts). It answers with the template's
 * parts (takeSetupTemplateParts of the thread that made it), or undefined when it has none.
 */
export type SetupTemplateSource = (key: string) => Promise<readonly string[] | undefined>;
let source: { ask: SetupTemplateSource; pace: Pace } | undefined;

/**
 * Asks `ask` for a missing template before making it (undefined: make it here, as by default).
 * The parts are taken in one per `pace`, so the other sessions of this thread wait behind one part
 * at most, not a whole template (the attempt that asked waits for all of them either way).
 */
export function setSetupTemplateSource(ask: SetupTemplateSource | undefined, pace: Pace = noPace): void {
  source = ask && { ask, pace };
}

/**
 * An environment of `spec` with `prepare` done, from the template of `key` (made now by running
 * `prepare` if there is none, or if it is too far in time from `startTime`; joining the one being
 * made if it is under way). When `prepare` throws, nothing is kept and the error is passed on.
 */
export async function createPrepared<T>(
  key: string,
  spec: EnvironmentSpec,
  options: { seed: number; startTime: number },
  prepare: (env: Environment, pace: Pace) => Promise<T>,
): Promise<PreparedEnvironment<T>> {
  const { made, cold } = await templateFor(key, spec, options.startTime, prepare, noPace);
  const template = made.template;
  const env = Environment.startFrom(template, options.startTime, (random) => ownRandom(random, options.seed, template.seed));
  return { env, result: clone(made.result) as T, cold };
}

/**
 * Makes the template of `key` now unless there is one for `startTime` (background warming): the
 * same template the first attempt would make, with `pace` called between steps so live work goes
 * first. Resolves with whether it made it; rejects as `prepare` does (nothing kept).
 */
export async function warmPrepared<T>(
  key: string,
  spec: EnvironmentSpec,
  startTime: number,
  prepare: (env: Environment, pace: Pace) => Promise<T>,
  pace: Pace,
): Promise<boolean> {
  return (await templateFor(key, spec, startTime, prepare, pace)).cold;
}

async function templateFor<T>(
  key: string,
  spec: EnvironmentSpec,
  startTime: number,
  prepare: (env: Environment, pace: Pace) => Promise<T>,
  pace: Pace,
): Promise<{ made: SetupTemplate; cold: boolean }> {
  let cold = false;
  let entry = templates.get(key);
  if (!entry && source) {
    entry = fetchTemplate(key, source.ask, source.pace);
    keep(key, entry);
  }
  if (entry && pace === noPace) entry.hurry();
  let made = entry ? await entry.made.catch(() => undefined) : undefined;
  if (!made || Math.abs(startTime - made.template.startTime) > MAX_TEMPLATE_SHIFT_MS) {
    // Another caller may have started a fresh one while this one waited: join it.
    const again = templates.get(key);
    if (again && again !== entry) return templateFor(key, spec, startTime, prepare, pace);
    cold = true;
    entry = makeTemplate(spec, startTime, prepare, pace);
    templates.set(key, entry);
    try {
      made = await entry.made;
    } catch (e) {
      if (templates.get(key) === entry) templates.delete(key);
      throw e;
    }
  }
  // Most recently used last: Map keeps insertion order.
  templates.delete(key);
  templates.set(key, entry!);
  while (templates.size > limit) templates.delete(templates.keys().next().value!);
  return { made, cold };
}

/**
 * An entry whose template comes from the source; it fails (and the caller makes its own) when the
 * source has none. A prefetch passes `background`, its own slower pace, until an attempt needs the
 * template (hurry): from then on parts come at the source's `pace`, as for an attempt's own fetch,
 * and a background pace under way is not waited for.
 */
function fetchTemplate(key: string, ask: SetupTemplateSource, pace: Pace, background?: Pace): Entry {
  let hurried = false;
  let wake = () => {};
  const woken = new Promise<void>((resolve) => (wake = resolve));
  const step: Pace = () => (hurried || !background ? pace() : Promise.race([background(), woken]));
  const fetch = async (): Promise<SetupTemplate> => {
    const parts = await ask(key);
    if (!parts) throw new Error(`no template of ${key} to copy`);
    return receiveParts(parts, step, () => false);
  };
  const entry: Entry = {
    made: fetch().then((value) => (entry.value = value)),
    hurry: () => {
      hurried = true;
      wake();
    },
  };
  return entry;
}

/**
 * Takes in the template of `key` from the source ahead of need (session workers prefetch the
 * likeliest scenarios while idle), a part per `background` pace. An attempt that starts meanwhile
 * joins it and takes the rest at the source's pace. Resolves with whether it was kept: false when
 * there is no source, the template is here already, there is no room left without dropping one an
 * attempt used, or the source has none.
 */
export async function prefetchSetupTemplate(key: string, background: Pace): Promise<boolean> {
  if (!source || templates.has(key) || templates.size >= limit) return false;
  const entry = fetchTemplate(key, source.ask, source.pace, background);
  // Not counted as used: a prefetched template goes in as the least recently used, so it is the
  // first to go when attempts need the room.
  const rest = [...templates];
  templates.clear();
  templates.set(key, entry);
  for (const [k, e] of rest) templates.set(k, e);
  try {
    await entry.made;
    return true;
  } catch {
    if (templates.get(key) === entry) templates.delete(key);
    return false;
  }
}

/** Whether this process holds (or is taking in or making) the template of `key`. */
export function hasSetupTemplate(key: string): boolean {
  return templates.has(key);
}

/** Parses and freezes `parts` one per `pace` (none once `hurried` says so). */
async function receiveParts(parts: readonly string[], pace: Pace, hurried: () => boolean): Promise<SetupTemplate> {
  const receiver = new PartsReceiver(parts);
  while (!receiver.done) {
    receiver.step();
    if (!hurried() && !receiver.done) await pace();
  }
  return keepSent(receiver.value as SentTemplate);
}

function makeTemplate<T>(spec: EnvironmentSpec, startTime: number, prepare: (env: Environment, pace: Pace) => Promise<T>, pace: Pace): Entry {
  let hurried = false;
  const paced: Pace = () => (hurried ? Promise.resolve() : pace());
  const make = async (): Promise<SetupTemplate> => {
    await paced();
    const env = Environment.create(spec, { seed: SETUP_SEED, startTime });
    await paced();
    const result = await prepare(env, pace === noPace ? noPace : paced);
    await paced();
    return { template: Environment.template(env, startTime, SETUP_SEED), result: deepFreeze(clone(result)) };
  };
  const entry: Entry = { made: make().then((value) => (entry.value = value)), hurry: () => void (hurried = true) };
  return entry;
}

/** Settling is paced a simulated second at a time: each step fires that second's timers. */
const PACED_STEP_MS = 1000;

/**
 * `env.advanceBy(ms)` with `pace` between simulated seconds. The clock fires the same timers in
 * the same order either way, and tells them the settle's end as where the advance ends (nothing
 * else touches a template being made), so the template is the same as one settled in a single
 * step; a gap long enough to be caught up coarsely is not split.
 */
export async function settlePaced(env: Environment, ms: number, pace: Pace): Promise<void> {
  if (pace === noPace || ms > CATCH_UP_AFTER_MS) return env.advanceBy(ms);
  const target = env.clock.now() + ms;
  await env.clock.steppingTo(target, async () => {
    while (env.clock.now() < target) {
      env.advanceTo(Math.min(target, env.clock.now() + PACED_STEP_MS));
      if (env.clock.now() < target) await pace();
    }
  });
}

/**
 * Objects setup created keep the names and uids the setup seed gave them (as the booted lab's
 * system pods do); what happens from then on follows the attempt's seed. The attempt's source is
 * the template's state mixed with its seed, not a restart from the seed: restarting the stream
 * setup drew from would hand out the uids and names setup already used.
 */
function ownRandom(random: SeededRandom, seed: number, templateSeed: number): void {
  if (seed === templateSeed) return;
  const own = new SeededRandom(seed);
  const [a, b, c, d] = random.state();
  random.restoreState([(a ^ own.nextUint32()) >>> 0, (b ^ own.nextUint32()) >>> 0, (c ^ own.nextUint32()) >>> 0, (d ^ own.nextUint32()) >>> 0]);
}

/** What a template is sent as to another thread (plain data: its shift plan too, so the receiver does not work it out again). */
interface SentTemplate {
  snapshot: EnvironmentSnapshot;
  startTime: number;
  seed: number;
  plan: ShiftPlan | null;
  result: unknown;
}

function takeMade(key: string): SentTemplate | undefined {
  const made = templates.get(key)?.value;
  if (!made) return undefined;
  templates.delete(key);
  const { snapshot, startTime, seed, plan } = made.template;
  return { snapshot: snapshot as EnvironmentSnapshot, startTime, seed, plan: plan ?? null, result: made.result };
}

function keepSent(sent: SentTemplate): SetupTemplate {
  return { template: Environment.templateOf(sent.snapshot, sent.startTime, sent.seed, sent.plan ?? undefined), result: deepFreeze(sent.result) };
}

function keep(key: string, entry: Entry): void {
  templates.set(key, entry);
  while (templates.size > limit) templates.delete(templates.keys().next().value!);
}

/**
 * The template of `key` as JSON (snapshot, times, seed, shift plan, setup result), dropped from
 * this process. Undefined when there is none (yet).
 */
export function takeSetupTemplate(key: string): string | undefined {
  const sent = takeMade(key);
  return sent && JSON.stringify(sent);
}

/**
 * Keeps a template another thread made (takeSetupTemplate's JSON) under `key`, unless this process
 * has one already or is making it. Snapshots are plain JSON, so it is the same template this
 * process would have made.
 */
export function putSetupTemplate(key: string, json: string): boolean {
  if (templates.has(key)) return false;
  const value = keepSent(JSON.parse(json) as SentTemplate);
  keep(key, { made: Promise.resolve(value), value, hurry: () => {} });
  return true;
}

/**
 * takeSetupTemplate as parts of bounded size (template-transfer.ts), for putSetupTemplateParts:
 * the way the warming thread hands templates over.
 */
export function takeSetupTemplateParts(key: string): string[] | undefined {
  const sent = takeMade(key);
  return sent && toParts(sent);
}

/**
 * putSetupTemplate from parts, taken in one part per `pace` (a learner's command waits behind one
 * part at most, not a whole template). Meanwhile the key counts as being made: an attempt that
 * needs it takes in the rest at once instead of running setup. Resolves with whether it was kept.
 */
export async function putSetupTemplateParts(key: string, parts: readonly string[], pace: Pace): Promise<boolean> {
  if (templates.has(key)) return false;
  let hurried = false;
  const entry: Entry = { made: receiveParts(parts, pace, () => hurried).then((value) => (entry.value = value)), hurry: () => void (hurried = true) };
  keep(key, entry);
  try {
    await entry.made;
  } catch (e) {
    if (templates.get(key) === entry) templates.delete(key);
    throw e;
  }
  return true;
}

export function clearSetupTemplates(): void {
  templates.clear();
}

/** Keep up to `n` templates (never fewer than MAX_SETUP_TEMPLATES); the oldest beyond it are dropped at the next use. */
export function setSetupTemplateLimit(n: number): void {
  limit = Math.max(MAX_SETUP_TEMPLATES, Math.floor(n));
}

export function setupTemplateLimit(): number {
  return limit;
}

/** How many setup templates this process keeps now. */
export function setupTemplateCount(): number {
  return templates.size;
}
