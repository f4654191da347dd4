import { describe, expect, it } from "vitest";
import { runScript } from "../../shell/script";
import { clone } from "../../util/freeze";
import { DEFAULT_ENVIRONMENT, DEFAULT_START_TIME, Environment } from "../environment";
import { createPrepared } from "../setup-templates";

/**
 * A copy of a setup template starts without its controllers reconciling anything (that resync was
 * most of an attempt's start). What they keep only in memory — the resources CRDs serve, the
 * loops a broken control plane has stopped — they rebuild as the copy is restored, so a copy must
 * serve and behave exactly as the same state restored with a full resync does.
 */
const CRD_SETUP = `kubectl apply -f - <<EOF
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.demo.example.com
spec:
  group: demo.example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wg]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
EOF
kubectl apply -f - <<EOF
apiVersion: demo.example.com/v1
kind: Widget
metadata: {name: first, namespace: default}
spec: {size: 3}
EOF
`;

/** kube-scheduler's static pod runs a binary that does not exist: new pods stay Pending. */
const BROKEN_SCHEDULER_SETUP = `sed -i 's|- kube-scheduler$|- kube-schedulerr|' /etc/kubernetes/manifests/kube-scheduler.yaml
sleep 30
kubectl run early --image=nginx:1.27
`;

/** What a learner might do next: use the custom resources, start a workload, remove the CRD. */
const LEARNER = `kubectl get wg
kubectl apply -f - <<EOF
apiVersion: demo.example.com/v1
kind: Widget
metadata: {name: second, namespace: default}
spec: {size: 5}
EOF
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl run solo --image=busybox:1.36 -- sleep 3600
kubectl delete crd widgets.demo.example.com
kubectl get widgets
`;

const SETUP_TIME = DEFAULT_START_TIME + 9 * 3600_000;
/** Hours later and off the whole second, as the app starts attempts. */
const ATTEMPT_TIME = SETUP_TIME + 5 * 3600_000 + 27 * 60_000 + 31_457;

async function copyOf(key: string, script: string): Promise<Environment> {
  const prepare = async (env: Environment) => {
    const result = await runScript(env, { script, host: "controlplane" });
    if (result.exitCode !== 0) throw new Error(`setup failed: ${result.stderr}`);
    env.advanceBy(10_000);
  };
  await createPrepared(key, DEFAULT_ENVIRONMENT, { seed: 1, startTime: SETUP_TIME }, prepare);
  const { env, cold } = await createPrepared(key, DEFAULT_ENVIRONMENT, { seed: 42, startTime: ATTEMPT_TIME }, prepare);
  expect(cold).toBe(false);
  return env;
}

/** The same state, restored the way a saved session is: every controller resyncs and reconciles. */
const resynced = (env: Environment) => Environment.restore(clone(env.snapshot()));

/**
 * Everything a learner can observe: the stored objects, the hosts, the plugins' state and what is
 * served. Not the pending timers: a full resync re-arms periodic checks (node health) in a new
 * phase, which shows nowhere until it changes what is stored, and that is compared.
 */
function observable(env: Environment): string {
  const snapshot = env.snapshot();
  return JSON.stringify({
    now: snapshot.clock.now,
    clusters: snapshot.clusters.map((c) => [c.store, c.extra, c.audit]),
    hosts: snapshot.hosts,
    extra: snapshot.extra,
    served: served(env),
  });
}

const served = (env: Environment) =>
  env
    .cluster()
    .registry.all()
    .map((d) => `${d.group}/${d.version}/${d.resource}`)
    .sort();

async function sh(env: Environment, script: string) {
  return runScript(env, { script, host: "controlplane" });
}

describe("a copy of a setup template", () => {
  it("serves the custom resources of a CRD its setup installed at once", async () => {
    const env = await copyOf("test:fixed-point-crd-served", CRD_SETUP);
    const get = await sh(env, "kubectl get widgets -o custom-columns=NAME:.metadata.name,SIZE:.spec.size\nkubectl api-resources --api-group=demo.example.com");
    expect(get.stderr).toBe("");
    expect(get.stdout).toBe(
      "NAME    SIZE\nfirst   3\n" +
        "NAME      SHORTNAMES   APIVERSION            NAMESPACED   KIND\nwidgets   wg           demo.example.com/v1   true         Widget\n",
    );
  });

  it("is what a full resync of the same state gives, then and minutes of learner work later", async () => {
    const copy = await copyOf("test:fixed-point-crd-compare", CRD_SETUP);
    const full = resynced(copy);
    expect(served(copy)).toContain("demo.example.com/v1/widgets");
    expect(served(copy)).toEqual(served(full));
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(full.snapshot()));

    const [mine, theirs] = [await sh(copy, LEARNER), await sh(full, LEARNER)];
    expect(mine).toEqual(theirs);
    // Deleting the CRD stops serving it: the copy knew it served widgets without reconciling them
    // (kubectl's discovery cache still lists them, so the list itself is refused).
    expect(mine.stderr).toContain(`Error from server (NotFound): Unable to list "demo.example.com/v1, Resource=widgets": the server could not find the requested resource`);
    copy.advanceBy(3 * 60_000);
    full.advanceBy(3 * 60_000);
    expect(served(copy)).toEqual(served(full));
    expect(observable(copy)).toBe(observable(full));
  });

  it("keeps a control-plane component its setup broke stopped, with its work waiting for the fix", async () => {
    const copy = await copyOf("test:fixed-point-broken-scheduler", BROKEN_SCHEDULER_SETUP);
    const full = resynced(copy);
    expect(JSON.stringify(copy.snapshot())).toBe(JSON.stringify(full.snapshot()));
    const phases = "kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.status.phase} {.spec.nodeName}{\"\\n\"}{end}'";
    for (const env of [copy, full]) {
      await sh(env, "kubectl run waiting --image=nginx:1.27");
      env.advanceBy(2 * 60_000);
    }
    expect((await sh(copy, phases)).stdout).toBe("early Pending \nwaiting Pending \n");
    expect(observable(copy)).toBe(observable(full));
    // The pod setup left waiting was in the stopped scheduler's queue, which no snapshot keeps.
    for (const env of [copy, full]) {
      await sh(env, "sed -i 's|- kube-schedulerr$|- kube-scheduler|' /etc/kubernetes/manifests/kube-scheduler.yaml");
      env.advanceBy(60_000);
    }
    expect((await sh(copy, phases)).stdout).toMatch(/^early Running node0[12]\nwaiting Running node0[12]\n$/);
    expect(observable(copy)).toBe(observable(full));
  });
});
