// Background warming of setup templates. The first attempt of a scenario in a process (or session
// worker thread) runs its setup.sh and settles the cluster — up to a second of CPU — and keeps the
// result as a template every later attempt copies in a few milliseconds
// (engine/cluster/setup-templates.ts). So that no learner waits for that first run, each process
// that starts attempts makes the templates of every built-in scenario and mock exam when it starts,
// one at a time and giving the event loop back between steps: a learner's command or start runs
// between two steps instead of behind the whole warm-up. An attempt that arrives while its own
// template is being made joins it (and that template stops yielding).
import type { Logger } from "pino";
import { setSetupTemplateLimit, setupTemplateCount, MAX_SETUP_TEMPLATES, type Pace } from "../../engine/cluster/setup-templates";
import type { ScriptRunner } from "../../engine/grading/script-runner";
import { warmExamTemplate } from "../exams/start";
import type { Catalogue } from "../scenarios/catalogue";
import { warmScenarioTemplate } from "../scenarios/run";

export interface TemplateWarmingOptions {
  catalogue: Pick<Catalogue, "scenarios" | "exams">;
  /** The runner attempts in this process use (templates are kept per runner). */
  runScript: ScriptRunner;
  /** Wall clock: templates stand for the time they were made (attempts start at wall time). */
  now?: () => number;
  /** How a step gives way to live work; default: the next turn of the event loop after I/O. */
  pace?: Pace;
  log?: Logger;
}

export interface WarmingReport {
  /** Templates made by warming. */
  made: number;
  /** Templates that already existed (an attempt made them first). */
  existing: number;
  /** Setups that cannot run in the simulation yet: their attempts fail as they would unwarmed. */
  failed: { id: string; error: string }[];
  /** Wall milliseconds from start to end of the warm-up. */
  ms: number;
  /** Setup templates this process holds afterwards. */
  templates: number;
}

/** Gives way to I/O and timers already due: setImmediate runs after the poll phase. */
export const yieldToEventLoop: Pace = () => new Promise((resolve) => setImmediate(resolve));

/**
 * KUBECOACH_WARM_TEMPLATES: on unless "0", "false" or "off"; off by default under Vitest, where
 * every test process (and its session workers) would otherwise set up the whole catalogue.
 */
export function templateWarmingEnabled(value = process.env.KUBECOACH_WARM_TEMPLATES, underTest = process.env.VITEST !== undefined): boolean {
  if (value === undefined || value.trim() === "") return !underTest;
  return !["0", "false", "off", "no"].includes(value.trim().toLowerCase());
}

/**
 * Makes the template of every scenario and mock exam of `catalogue`, one after the other. The
 * template limit is raised first so they all stay (with room for scenarios written in the browser).
 */
export async function warmTemplates(options: TemplateWarmingOptions): Promise<WarmingReport> {
  const now = options.now ?? Date.now;
  const pace = options.pace ?? yieldToEventLoop;
  const { scenarios, exams } = options.catalogue;
  const started = performance.now();
  setSetupTemplateLimit(scenarios.size + exams.size + MAX_SETUP_TEMPLATES);
  const report: WarmingReport = { made: 0, existing: 0, failed: [], ms: 0, templates: 0 };
  const steps: [string, () => Promise<boolean>][] = [
    ...[...scenarios.values()].map((s): [string, () => Promise<boolean>] => [s.id, () => warmScenarioTemplate(s, { runScript: options.runScript, startTime: now(), pace })]),
    ...[...exams.values()].map((e): [string, () => Promise<boolean>] => [e.meta.id, () => warmExamTemplate(e, { runScript: options.runScript, startTime: now(), pace })]),
  ];
  for (const [id, step] of steps) {
    await pace();
    try {
      if (await step()) report.made++;
      else report.existing++;
    } catch (e) {
      report.failed.push({ id, error: (e instanceof Error ? e.message : String(e)).split("\n")[0] });
    }
  }
  report.ms = Math.round(performance.now() - started);
  report.templates = setupTemplateCount();
  options.log?.info(
    { made: report.made, existing: report.existing, failed: report.failed.map((f) => f.id), templates: report.templates, ms: report.ms },
    "setup templates warmed: attempts of every built-in scenario and mock exam start from a copy",
  );
  return report;
}

/** warmTemplates in the background when KUBECOACH_WARM_TEMPLATES allows it (a server or session worker starting). */
export function startTemplateWarming(options: TemplateWarmingOptions): Promise<WarmingReport> | undefined {
  if (!templateWarmingEnabled()) {
    options.log?.info("setup template warming is off (KUBECOACH_WARM_TEMPLATES): the first attempt of each scenario runs its setup");
    return undefined;
  }
  const warming = warmTemplates(options);
  warming.catch((err: unknown) => options.log?.error({ err }, "setup template warming stopped"));
  return warming;
}
