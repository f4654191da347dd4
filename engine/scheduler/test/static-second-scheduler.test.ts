import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { runScript } from "../../shell/script";

const SETUP = `cat > /etc/kubernetes/batch-config.yaml <<'EOF'
apiVersion: kubescheduler.config.k8s.io/v1
kind: KubeSchedulerConfiguration
clientConnection:
  kubeconfig: /etc/kubernetes/scheduler.conf
leaderElection:
  leaderElect: false
profiles:
- schedulerName: batch-scheduler
EOF
cat > /etc/kubernetes/manifests/batch-scheduler.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: batch-scheduler
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: batch-scheduler
    image: registry.k8s.io/kube-scheduler:v1.33.2
    command: [kube-scheduler, --config=/etc/kubernetes/batch-config.yaml, --secure-port=10282]
    volumeMounts:
    - { name: kubeconfig, mountPath: /etc/kubernetes/scheduler.conf, readOnly: true }
    - { name: config, mountPath: /etc/kubernetes/batch-config.yaml, readOnly: true }
  volumes:
  - { name: kubeconfig, hostPath: { path: /etc/kubernetes/scheduler.conf, type: FileOrCreate } }
  - { name: config, hostPath: { path: /etc/kubernetes/batch-config.yaml, type: FileOrCreate } }
EOF
`;

const NIGHTLY = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: nightly
spec:
  schedulerName: batch-scheduler
  containers:
  - { name: nightly, image: busybox:1.36, command: [sleep, "3600"] }
EOF
`;

describe("a second scheduler run as a static pod with its config on a hostPath", () => {
  it("serves the profile named in the config file and schedules the pods that ask for it", async () => {
    const env = Environment.create();
    expect((await runScript(env, { host: "controlplane", script: SETUP })).exitCode).toBe(0);
    env.advanceBy(30_000);
    const create = await runScript(env, { host: "controlplane", script: NIGHTLY });
    expect(create.exitCode).toBe(0);
    env.advanceBy(20_000);
    const pod = env.cluster().admin.get("", "pods", "default", "nightly") as unknown as { spec: { nodeName?: string; schedulerName: string }; status: { phase: string } };
    expect(pod.spec.schedulerName).toBe("batch-scheduler");
    expect(pod.spec.nodeName).toMatch(/^node0[12]$/);
    expect(pod.status.phase).toBe("Running");
  });

  it("logs no leader lease when its config turns leader election off, while the default scheduler holds its lease", async () => {
    const env = Environment.create();
    expect((await runScript(env, { host: "controlplane", script: SETUP })).exitCode).toBe(0);
    env.advanceBy(30_000);
    const second = await runScript(env, { host: "controlplane", script: "kubectl -n kube-system logs batch-scheduler-controlplane" });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain("Serving securely on 127.0.0.1:10282");
    expect(second.stdout).not.toContain("leader lease");
    expect(second.stdout).not.toContain("acquired lease");
    const main = await runScript(env, { host: "controlplane", script: "kubectl -n kube-system logs kube-scheduler-controlplane" });
    expect(main.stdout).toContain("successfully acquired lease kube-system/kube-scheduler");
  });
});
