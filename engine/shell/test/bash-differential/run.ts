/**
 * Command line for the differential sweep: `npx tsx engine/shell/test/bash-differential/run.ts
 * [--only SUBSTRING] [--show]` prints each case that differs from real bash (--show: also the
 * outputs of those that agree) and whether it is on the allow-list.
 */
import { bareEnvironment } from "../helpers";
import { compareCase, describeDifference, readAllowList, readCorpus } from "./harness";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const show = args.includes("--show");
const allowed = readAllowList();
const env = bareEnvironment();
let differing = 0;
let cases = 0;
for (const c of readCorpus()) {
  if (only && !c.name.includes(only)) continue;
  cases++;
  const result = await compareCase(env, c);
  if (!result.same) {
    differing++;
    console.log(describeDifference(result) + (allowed[c.name] ? `\n  (allowed: ${allowed[c.name]})` : ""));
  } else if (show) console.log(`=== ${c.name}\n${result.real.stdout}${result.real.stderr}[${result.real.exitCode}]`);
}
console.log(`${cases} cases, ${differing} differ`);
