import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { DEFAULT_ENVIRONMENT, Environment } from "../../cluster/environment";
import { clearSetupTemplates, createPrepared, NO_PACE, settlePaced, warmPrepared, type Pace } from "../../cluster/setup-templates";
import { runScript } from "../../shell/script";

/**
 * A learner's broken-probe task behaves the same whether the attempt's cluster ran the setup
 * itself or is a copy of a setup template (moved hours on, off the whole second), made on demand
 * or warmed in the background a simulated second at a time: the probes keep firing on their own
 * schedule, failing ones count up Unhealthy events and restart the container, passing ones keep
 * it ready, in the scenario's pods as in the system pods.
 */
const BROKEN_PROBES = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: liveness-exec, namespace: default}
spec:
  containers:
  - name: liveness
    image: busybox:1.36
    args: [/bin/sh, -c, "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"]
    livenessProbe: {exec: {command: [cat, /tmp/healthy]}, initialDelaySeconds: 5, periodSeconds: 5}
---
apiVersion: v1
kind: Pod
metadata: {name: wrong-port, namespace: default}
spec:
  containers:
  - name: web
    image: nginx:1.27
    livenessProbe: {httpGet: {path: /, port: 8080}, initialDelaySeconds: 5, periodSeconds: 10}
---
apiVersion: v1
kind: Pod
metadata: {name: not-ready, namespace: default}
spec:
  containers:
  - name: web
    image: nginx:1.27
    readinessProbe: {httpGet: {path: /healthz, port: 80}, periodSeconds: 5}
    startupProbe: {tcpSocket: {port: 80}, periodSeconds: 2}
EOF
`;

const SETUP_TIME = Date.UTC(2026, 10, 27, 8, 0, 0);
/** Hours later and off the whole second, as the app starts attempts. */
const ATTEMPT_TIME = SETUP_TIME + 4 * 3600_000 + 13 * 60_000 + 27_431;

/** The setup, settled as a scenario's is (lib/scenarios/run.ts): paced a simulated second at a time when warmed. */
async function prepare(env: Environment, pace: Pace = NO_PACE): Promise<void> {
  const result = await runScript(env, { script: BROKEN_PROBES, host: "controlplane" });
  if (result.exitCode !== 0) throw new Error(`setup failed: ${result.stderr}`);
  await settlePaced(env, 20_000, pace);
}

/** What the learner sees of every pod after a while: restarts, readiness, and the probe events with their counts. */
function probeOutcome(env: Environment) {
  const pods = env
    .cluster()
    .store.list("/pods")
    .map((p: KubeObject) => {
      const statuses = ((p.status as { containerStatuses?: { name: string; restartCount: number; ready: boolean; state: object }[] }).containerStatuses ?? []).map((c) => [c.name, c.restartCount, c.ready, Object.keys(c.state)[0]]);
      return `${p.metadata.namespace}/${p.metadata.name} ${JSON.stringify(statuses)}`;
    })
    .sort();
  const events = env
    .cluster()
    .store.list("/events")
    .filter((e) => ["Unhealthy", "Killing", "BackOff"].includes(e.reason as string))
    .map((e) => `${(e.involvedObject as { name: string }).name} ${e.reason as string} x${e.count as number}: ${e.message as string}`)
    .sort();
  return { pods, events };
}

describe("probes in a copy of a setup template", () => {
  it("fire as in a cluster that ran the setup itself, whether the template was made on demand or warmed second by second", async () => {
    const fresh = Environment.create(DEFAULT_ENVIRONMENT, { noTemplate: true, seed: 1, startTime: ATTEMPT_TIME });
    await prepare(fresh);

    clearSetupTemplates();
    await createPrepared("probes-on-demand", DEFAULT_ENVIRONMENT, { seed: 1, startTime: SETUP_TIME }, prepare);
    const onDemand = (await createPrepared("probes-on-demand", DEFAULT_ENVIRONMENT, { seed: 1, startTime: ATTEMPT_TIME }, prepare)).env;

    await warmPrepared("probes-warmed", DEFAULT_ENVIRONMENT, SETUP_TIME, prepare, () => new Promise((resolve) => setImmediate(resolve)));
    const { env: warmed, cold } = await createPrepared("probes-warmed", DEFAULT_ENVIRONMENT, { seed: 1, startTime: ATTEMPT_TIME }, prepare);
    expect(cold).toBe(false);

    for (const env of [fresh, onDemand, warmed]) env.advanceBy(150_000);
    const expected = probeOutcome(fresh);
    // The broken probes did their work in the cluster that ran the setup itself…
    expect(expected.pods.find((p) => p.startsWith("default/wrong-port"))).toMatch(/"web",[1-9]/);
    expect(expected.pods.find((p) => p.startsWith("default/not-ready"))).toContain('"web",0,false,"running"');
    expect(expected.events.some((e) => e.startsWith("liveness-exec Killing"))).toBe(true);
    // …and exactly the same in both copies.
    expect(probeOutcome(onDemand)).toEqual(expected);
    expect(probeOutcome(warmed)).toEqual(expected);
    // Three clusters set up and followed for minutes: slow on a loaded machine.
  }, 120_000);
});
