import { MAX_TEMPLATE_SHIFT_MS, type BootTemplate } from "./boot-template";
import { Environment, type EnvironmentSpec } from "./environment";
import { SeededRandom } from "../util/random";
import { clone, deepFreeze } from "../util/freeze";

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

/** Templates are kept per process, least recently used dropped first: each holds about 2.3 MB (its frozen snapshot and shift plan). */
export const MAX_SETUP_TEMPLATES = 48;
/** The seed setups run with: the default seed of tests and the CLI, so an attempt with it continues exactly as setup left off. */
const SETUP_SEED = 1;

const templates = new Map<string, Promise<SetupTemplate>>();

/**
 * An environment of `spec` with `prepare` done, from the template of `key` (made now by running
 * `prepare` if there is none, or if it is too far in time from `startTime`). When `prepare`
 * throws, nothing is kept and the error is passed on.
 */
export async function createPrepared<T>(
  key: string,
  spec: EnvironmentSpec,
  options: { seed: number; startTime: number },
  prepare: (env: Environment) => Promise<T>,
): Promise<PreparedEnvironment<T>> {
  let cold = false;
  let pending = templates.get(key);
  let made = pending ? await pending.catch(() => undefined) : undefined;
  if (!made || Math.abs(options.startTime - made.template.startTime) > MAX_TEMPLATE_SHIFT_MS) {
    cold = true;
    pending = makeTemplate(spec, options.startTime, prepare);
    templates.set(key, pending);
    try {
      made = await pending;
    } catch (e) {
      if (templates.get(key) === pending) templates.delete(key);
      throw e;
    }
  }
  // Most recently used last: Map keeps insertion order.
  templates.delete(key);
  templates.set(key, pending!);
  while (templates.size > MAX_SETUP_TEMPLATES) templates.delete(templates.keys().next().value!);
  const template = made.template;
  const env = Environment.startFrom(template, options.startTime, (random) => ownRandom(random, options.seed, template.seed));
  return { env, result: clone(made.result) as T, cold };
}

async function makeTemplate<T>(spec: EnvironmentSpec, startTime: number, prepare: (env: Environment) => Promise<T>): Promise<SetupTemplate> {
  const env = Environment.create(spec, { seed: SETUP_SEED, startTime });
  const result = await prepare(env);
  return { template: Environment.template(env, startTime, SETUP_SEED), result: deepFreeze(clone(result)) };
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

export function clearSetupTemplates(): void {
  templates.clear();
}

/** How many setup templates this process keeps now. */
export function setupTemplateCount(): number {
  return templates.size;
}
