import { readFileSync } from "node:fs";
import { loadCatalogue } from "../lib/scenarios/catalogue";
import { gradeAttempt, gradeExam, runAsLearner, startAttempt, startExam } from "../lib/scenarios/run";
import { defaultScriptRunner } from "../lib/scenarios/shell";
import { parseArgs, stringFlag } from "./args";

const USAGE = "Usage: kubecoach grade --scenario ID [--script FILE]   (an exam id grades the whole exam; FILE - reads stdin)\n";

/**
 * `kubecoach grade`: sets the scenario up in a fresh environment, runs the learner's script (if
 * any) in the simulated shell, and prints the grade as JSON.
 */
export async function gradeCommand(argv: string[], root?: string): Promise<number> {
  const args = parseArgs(argv);
  const id = stringFlag(args, "scenario");
  if (!id) {
    process.stderr.write(USAGE);
    return 2;
  }
  // `--script -` reads stdin; the flag parser sees a lone "-" as a positional.
  const scriptFile = stringFlag(args, "script") ?? (args.flags.script === true && args.positionals[0] === "-" ? "-" : undefined);
  const script = scriptFile === undefined ? undefined : readFileSync(scriptFile === "-" ? 0 : scriptFile, "utf8");
  const cat = loadCatalogue(root);
  const runScript = defaultScriptRunner();
  const exam = cat.exams.get(id);
  if (exam) {
    const attempt = await startExam(exam, { runScript });
    if (script !== undefined) {
      await runScript(attempt.env, script, { host: exam.environment.workstation!, user: "root", asLearner: true });
      attempt.env.advanceBy(30_000);
    }
    process.stdout.write(JSON.stringify(await gradeExam(attempt, { runScript }), null, 2) + "\n");
    return 0;
  }
  const scenario = cat.scenarios.get(id);
  if (!scenario) {
    process.stderr.write(`kubecoach: no scenario or exam "${id}"${cat.issues.length ? " (run kubecoach scenarios validate)" : ""}\n`);
    return 1;
  }
  const attempt = await startAttempt(scenario, { runScript });
  const ran = script === undefined ? undefined : await runAsLearner(attempt, script, { runScript });
  const grade = await gradeAttempt(attempt, { runScript });
  process.stdout.write(JSON.stringify({ ...grade, ...(ran ? { script: { exitCode: ran.exitCode } } : {}) }, null, 2) + "\n");
  return 0;
}
