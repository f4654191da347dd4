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

  it("each check finds a fresh shell: what an earlier check changed in its shell is gone", async () => {
    const ctx = fullContext(defaultScriptRunner());
    const changes = [
      "cd /tmp",
      "SEEN=first; export EXPORTED=yes; readonly LOCKED=1; declare -A MAP=([k]=v)",
      "probe() { echo defined; }; alias ll='ls -l'",
      "pushd /etc >/dev/null; complete -W 'a b' mycmd",
      "false",
      "set -euo pipefail; shopt -s nullglob",
      "exit 7",
    ].join("\n");
    const look = [
      'echo "pwd=$PWD seen=${SEEN-unset} exported=${EXPORTED-unset} locked=${LOCKED-unset} map=${#MAP[@]} status=$?"',
      "type probe >/dev/null 2>&1 && echo probe-defined; alias ll 2>/dev/null",
      'echo "opts=$- nullglob=$(shopt -p nullglob) dirs=$(dirs) complete=[$(complete -p mycmd 2>/dev/null)]"',
      "LOCKED=2 && echo writable",
    ].join("\n");
    // What a fresh shell shows, and what the checks that change things see of their own changes.
    const fresh = (await ctx.runScript(ctx.env, look, { host: "controlplane", asFile: true })).stdout;
    expect(fresh).toBe("pwd=/root seen=unset exported=unset locked=unset map=0 status=0\nopts=hBs nullglob=shopt -u nullglob dirs=~ complete=[]\nwritable\n");
    const expected = fresh;
    const grade = await gradeChecks(
      [
        check({ id: "before", type: "command", run: look, stdout: { equals: expected } }),
        check({ id: "changes", type: "command", run: changes, exitCode: 7 }),
        check({ id: "after", type: "command", run: look, stdout: { equals: expected } }),
        check({ id: "again", type: "command", run: `${changes.replace("exit 7", "set +eu")}\n${look}`, exitCode: 1, stdout: { equals: "pwd=/etc seen=first exported=yes locked=1 map=1 status=0\nprobe-defined\nalias ll='ls -l'\nopts=hBs nullglob=shopt -s nullglob dirs=/etc /tmp complete=[complete -W 'a b' mycmd]\n" } }),
        check({ id: "last", type: "command", run: look, stdout: { equals: expected } }),
      ],
      ctx,
    );
    expect(grade.checks.map((c) => [c.id, c.passed, c.reason])).toEqual([
      ["before", true, undefined],
      ["changes", true, undefined],
      ["after", true, undefined],
      ["again", true, undefined],
      ["last", true, undefined],
    ]);
  });

  it("standard input is empty: a read gets end of file instead of the script's next line", async () => {
    const ctx = fullContext(defaultScriptRunner());
    const grade = await gradeChecks([check({ id: "stdin", type: "command", run: 'read -r line || echo "eof"\necho "line=[$line]"', stdout: { equals: "eof\nline=[]\n" } })], ctx);
    expect(grade.checks[0].passed).toBe(true);
  });
});
