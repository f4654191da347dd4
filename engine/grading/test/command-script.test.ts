import { describe, expect, it } from "vitest";
import { defaultScriptRunner } from "../../../lib/scenarios/shell";
import { gradeChecks } from "../grader";
import { check, fullContext } from "./helpers";

/**
 * Command checks run as `bash FILE` runs a verify script (Killercoda's verify.sh): read whole, its
 * commands' standard input empty. These are the outcomes an author sees in the grade.
 */
describe("command checks run as script files", () => {
  it("an exit stops the script with its status, and later lines do not run", async () => {
    const ctx = fullContext(defaultScriptRunner());
    const grade = await gradeChecks(
      [
        check({ id: "stops", type: "command", run: '[ "$(kubectl get ns kube-system -o jsonpath={.metadata.name})" = "nope" ] || exit 3\necho reached', exitCode: 3 }),
        check({ id: "passes", type: "command", run: '[ "$(kubectl get ns kube-system -o jsonpath={.metadata.name})" = "kube-system" ] || exit 1\necho reached', stdout: { trimmed: "reached" } }),
        // Without set -e a failed command does not end the script: its status is the last command's.
        check({ id: "goes-on", type: "command", run: "kubectl -n web get configmap app-config\necho after", stdout: { equals: "after\n" } }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => c.passed)).toEqual([true, true, true]);
  });

  it("a failed command reports its last error line and the script's status", async () => {
    const ctx = fullContext(defaultScriptRunner());
    const grade = await gradeChecks([check({ id: "missing", type: "command", run: "kubectl -n web get configmap app-config || exit 1\necho never" })], ctx);
    expect(grade.checks[0].passed).toBe(false);
    expect(grade.checks[0].reason).toBe('`kubectl -n web get configmap app-config || exit 1` on controlplane exited with 1, expected 0: Error from server (NotFound): configmaps "app-config" not found');
  });

  it("multi-line compound commands and functions run as in one bash script", async () => {
    const ctx = fullContext(defaultScriptRunner());
    const run = ["count() {", "  kubectl get nodes --no-headers | wc -l", "}", 'if [ "$(count)" -eq 3 ]; then', "  echo three", "else", "  exit 1", "fi"].join("\n");
    const grade = await gradeChecks([check({ id: "nodes", type: "command", run, stdout: { trimmed: "three" } })], ctx);
    expect(grade.checks[0].passed).toBe(true);
  });

  it("standard input is empty: a read gets end of file instead of the script's next line", async () => {
    const ctx = fullContext(defaultScriptRunner());
    const grade = await gradeChecks([check({ id: "stdin", type: "command", run: 'read -r line || echo "eof"\necho "line=[$line]"', stdout: { equals: "eof\nline=[]\n" } })], ctx);
    expect(grade.checks[0].passed).toBe(true);
  });
});
