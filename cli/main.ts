import { parseArgs, stringFlag } from "./args";
import { gradeCommand } from "./grade";
import { scenariosCommand } from "./scenarios";
import { defaultEnvironment, serve } from "./serve";
import { shellCommand } from "./shell";

const USAGE = `kubecoach — a simulated Kubernetes cluster for CKA practice

Usage:
  kubecoach serve [--scenario ID] [--port N] [--kubeconfig FILE]   serve one environment's Kubernetes API on loopback
  kubecoach shell [--scenario ID] [--connect URL]                   a terminal on a new environment (or on a served one)
  kubecoach scenarios validate|list|test|new                       author and self-test scenarios, exams and lessons
  kubecoach grade --scenario ID [--script FILE]                     set up, run a script, print the grade as JSON

Commands not listed here are not available in this build.
`;

/** The `kubecoach` command: each subcommand lives in its own module under cli/. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "serve": {
      const args = parseArgs(rest);
      const port = stringFlag(args, "port");
      await serve({ port: port ? Number(port) : undefined, kubeconfig: stringFlag(args, "kubeconfig"), scenario: stringFlag(args, "scenario") }, (scenario) => {
        if (scenario) return import("../lib/scenarios").then((m) => m.createScenarioEnvironment(scenario, { startTime: Date.now() }));
        return defaultEnvironment();
      });
      return -1;
    }
    case "scenarios":
      return scenariosCommand(rest);
    case "shell":
      return shellCommand(rest);
    case "grade":
      return gradeCommand(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`kubecoach: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`kubecoach: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
