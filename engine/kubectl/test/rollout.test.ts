import { beforeAll, describe, expect, it } from "vitest";
import { KubectlBench } from "./harness";

/**
 * One cluster for the whole file (booting one costs seconds); each test works on its own
 * deployment so the order of tests does not matter.
 */
let k: KubectlBench;

beforeAll(() => {
  k = new KubectlBench();
});

async function deployment(name: string, image = "nginx:1.25"): Promise<void> {
  expect((await k.run(`create deployment ${name} --image=${image} --replicas=2`)).code).toBe(0);
  k.env.advanceBy(60_000);
}

describe("kubectl rollout", () => {
  it("status follows a rolling update to the end while the simulation runs", async () => {
    await deployment("roll");
    expect((await k.run("set image deploy/roll nginx=nginx:1.26")).stdout).toBe("deployment.apps/roll image updated\n");
    const r = await k.run("rollout status deploy/roll");
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^Waiting for deployment "roll" rollout to finish: /);
    expect(lines.at(-1)).toBe('deployment "roll" successfully rolled out');
  });

  it("status gives up after --timeout with kubectl's error", async () => {
    await deployment("stuck");
    await k.run("set image deploy/stuck nginx=no-such-image:9");
    const r = await k.run("rollout status deploy/stuck --timeout=5s");
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Waiting for deployment "stuck" rollout to finish: 1 out of 2 new replicas have been updated\.\.\./);
    expect(r.stderr).toBe("error: timed out waiting for the condition\n");
  });

  it("history lists revisions with their change cause; --revision shows the pod template", async () => {
    await deployment("hist");
    await k.run("set image deploy/hist nginx=nginx:1.26");
    // The deployment controller copies the annotation onto the current ReplicaSet only.
    await k.run("annotate deploy/hist kubernetes.io/change-cause=upgrade");
    k.env.advanceBy(60_000);
    expect((await k.run("rollout history deploy/hist")).stdout).toBe("deployment.apps/hist \nREVISION  CHANGE-CAUSE\n1         <none>\n2         upgrade\n\n");
    const rev1 = await k.run("rollout history deploy/hist --revision=1");
    expect(rev1.stdout).toMatch(/^deployment\.apps\/hist with revision #1\nPod Template:\n  Labels:\tapp=hist\n\tpod-template-hash=\w+\n  Containers:\n   nginx:\n    Image:\tnginx:1\.25\n/);
    expect(await k.run("rollout history deploy/hist --revision=5")).toEqual({ stdout: "", stderr: "error: unable to find the specified revision\n", code: 1 });
  });

  it("undo restores the previous template and skips when it already matches", async () => {
    await deployment("undo");
    await k.run("set image deploy/undo nginx=nginx:1.26");
    k.env.advanceBy(60_000);
    expect((await k.run("rollout undo deploy/undo")).stdout).toBe("deployment.apps/undo rolled back\n");
    k.env.advanceBy(60_000);
    expect((await k.run("get deploy undo -o jsonpath={.spec.template.spec.containers[0].image}")).stdout).toBe("nginx:1.25");
    expect((await k.run("rollout undo deploy/undo --to-revision=3")).stdout).toBe("deployment.apps/undo skipped rollback (current template already matches revision 3)\n");
    expect((await k.run("rollout undo deploy/undo --to-revision=1")).stderr).toBe("error: unable to find specified revision 1 in history\n");
  });

  it("pause, resume and restart patch the deployment and refuse what kubectl refuses", async () => {
    await deployment("pr");
    expect((await k.run("rollout pause deploy/pr")).stdout).toBe("deployment.apps/pr paused\n");
    expect(await k.run("rollout pause deploy/pr")).toEqual({ stdout: "", stderr: 'error: deployments.apps "pr" is already paused\n', code: 1 });
    expect((await k.run("rollout restart deploy/pr")).stderr).toBe('error: deployments.apps "pr" can\'t restart paused deployment (run rollout resume first)\n');
    expect((await k.run("rollout undo deploy/pr")).stderr).toMatch(/^error: (you cannot rollback a paused deployment|no rollout history found)/);
    expect((await k.run("rollout resume deploy/pr")).stdout).toBe("deployment.apps/pr resumed\n");
    expect((await k.run("rollout restart deploy/pr")).stdout).toBe("deployment.apps/pr restarted\n");
    const restartedAt = (await k.run(["get", "deploy", "pr", "-o", "jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}"])).stdout;
    expect(restartedAt).toBe(new Date(Math.floor(k.env.clock.now() / 1000) * 1000).toISOString().replace(".000Z", "Z"));
    expect((await k.run("rollout pause ds/kube-proxy -n kube-system")).stderr).toBe('error: daemonsets.apps "kube-proxy" pausing is not supported\n');
  });
});
