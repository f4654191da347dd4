import { beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import type { Environment } from "../../cluster/environment";
import { lab, waitFor } from "../../kubelet/test/helpers";

interface LeaseSpec {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime?: string;
  renewTime: string;
  leaseTransitions?: number;
}

describe("control-plane leader-election leases", () => {
  let env: Environment;
  beforeAll(() => {
    env = lab();
  });
  const lease = (name: string) => env.cluster().admin.get("coordination.k8s.io", "leases", "kube-system", name) as (KubeObject & { spec: LeaseSpec }) | undefined;
  const leases = () => env.cluster().admin.list("coordination.k8s.io", "leases", "kube-system") as (KubeObject & { spec: LeaseSpec })[];
  const cp = () => env.hosts.get("controlplane")!;
  const time = (text: string | undefined) => Date.parse(text ?? "");

  it("holds a lease per elected component and the API server's identity lease, as kubeadm's control plane does", () => {
    const byName = new Map(leases().map((l) => [l.metadata.name!, l]));
    expect(byName.get("kube-scheduler")?.spec).toMatchObject({ holderIdentity: expect.stringMatching(/^controlplane_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/), leaseDurationSeconds: 15, leaseTransitions: 0 });
    expect(byName.get("kube-controller-manager")?.spec.holderIdentity).toMatch(/^controlplane_/);
    const identity = [...byName.values()].find((l) => l.metadata.labels?.["apiserver.kubernetes.io/identity"] === "kube-apiserver");
    expect(identity?.metadata.name).toMatch(/^apiserver-[a-z2-7]{26}$/);
    expect(identity?.metadata.labels?.["kubernetes.io/hostname"]).toBe("controlplane");
    expect(identity?.spec.holderIdentity).toBe(`${identity?.metadata.name}_${identity?.spec.holderIdentity.split("_")[1]}`);
    expect(identity?.spec.leaseDurationSeconds).toBe(3600);
  });

  it("reads as renewed every 2 s while the holder runs, without writing anything", () => {
    const before = lease("kube-scheduler")!;
    env.advanceBy(61_000);
    const after = lease("kube-scheduler")!;
    const renewed = time(after.spec.renewTime);
    expect(env.clock.now() - renewed).toBeLessThan(2000);
    expect((renewed - time(after.spec.acquireTime)) % 2000).toBe(0);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    // The identity lease renews every 10 s.
    const identity = leases().find((l) => l.metadata.name!.startsWith("apiserver-"))!;
    expect(env.clock.now() - time(identity.spec.renewTime)).toBeLessThan(10_000);
  });

  it("stops renewing when the scheduler's manifest is moved away; a new scheduler takes the lease once it has expired", () => {
    const path = "/etc/kubernetes/manifests/kube-scheduler.yaml";
    const manifest = cp().fs.readFileSync(path)!;
    const first = lease("kube-scheduler")!.spec;
    cp().fs.rmSync(path);
    expect(waitFor(env, () => !env.cluster().store.get("/pods", "kube-system", "kube-scheduler-controlplane"), 60_000)).toBe(true);
    const stopped = lease("kube-scheduler")!.spec;
    env.advanceBy(30_000);
    expect(lease("kube-scheduler")!.spec.renewTime).toBe(stopped.renewTime);
    expect(stopped.holderIdentity).toBe(first.holderIdentity);
    cp().fs.writeFileSync(path, manifest);
    expect(waitFor(env, () => lease("kube-scheduler")!.spec.holderIdentity !== first.holderIdentity, 60_000)).toBe(true);
    const taken = lease("kube-scheduler")!.spec;
    expect(taken.leaseTransitions).toBe(1);
    expect(time(taken.acquireTime)).toBeGreaterThanOrEqual(time(stopped.renewTime) + 15_000);
    const events = env.cluster().admin.list("", "events", "kube-system") as unknown as { reason: string; message: string; involvedObject: { name: string } }[];
    const elections = events.filter((e) => e.reason === "LeaderElection" && e.involvedObject.name === "kube-scheduler");
    expect(elections.map((e) => e.message)).toEqual([`${first.holderIdentity} became leader`, `${taken.holderIdentity} became leader`]);
  });

  it("waits for the old lease to run out when the scheduler is replaced quickly", () => {
    const path = "/etc/kubernetes/manifests/kube-scheduler.yaml";
    const manifest = cp().fs.readFileSync(path)!;
    env.advanceBy(10_000);
    const before = lease("kube-scheduler")!.spec;
    // A changed manifest replaces the static pod: a new process starts at once.
    cp().fs.writeFileSync(path, manifest.replace("- --bind-address=127.0.0.1", "- --bind-address=127.0.0.1\n    - --v=2"));
    expect(waitFor(env, () => lease("kube-scheduler")!.spec.holderIdentity !== before.holderIdentity, 60_000)).toBe(true);
    const after = lease("kube-scheduler")!.spec;
    expect(after.leaseTransitions).toBe((before.leaseTransitions ?? 0) + 1);
    // Taken 15 s after the old process's last renewal, which came after its own acquisition.
    const lastRenewed = time(after.acquireTime) - 15_000;
    expect(lastRenewed).toBeGreaterThanOrEqual(time(before.renewTime));
    expect((lastRenewed - time(before.acquireTime)) % 2000).toBe(0);
  });
});
