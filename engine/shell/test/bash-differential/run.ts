/**
 * Command line for the differential sweep: `npx tsx engine/shell/test/bash-differential/run.ts
 * [--only SUBSTRING] [--show]` prints each case that differs from real bash (--show: also the
 * outputs of those that agree) and whether it is on the allow-list.
 */
import { bareEnvironment } from "../helpers";
import { compareCases, describeDifference, readAllowList, readCorpus } from "./harness";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const show = args.includes("--show");
const allowed = readAllowList();
const env = bareEnvironment();
const cases = readCorpus().filter((c) => !only || c.name.includes(only));
let differing = 0;
for (const result of await compareCases(env, cases)) {
  if (!result.same) {
    differing++;
    console.log(describeDifference(result) + (allowed[result.name] ? `\n  (allowed: ${allowed[result.name]})` : ""));
  } else if (show) console.log(`=== ${result.name}\n${result.real.stdout}${result.real.stderr}[${result.real.exitCode}]`);
}
console.log(`${cases.length} cases, ${differing} differ`);
