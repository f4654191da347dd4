import { beforeAll, describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import "../../programs-index";
import { runScript } from "../../shell";

/**
 * The kubeadm upgrade procedure a CKA candidate follows, one minor up (v1.33.2 → v1.34.2): the
 * control plane, then one worker; `kubectl get nodes` shows each kubelet's version as it restarts.
 */
let env: Environment;
const sh = (script: string, host = "controlplane") => runScript(env, { script, host });

beforeAll(() => {
  env = Environment.create();
}, 60_000);

describe("apt and the pkgs.k8s.io repository", () => {
  it("shows the installed, held packages and what the configured minor's repository offers", async () => {
    expect((await sh("apt-mark showhold")).stdout).toBe("kubeadm\nkubectl\nkubelet\n");
    expect((await sh("apt-cache madison kubeadm")).stdout).toBe(
      ["   kubeadm | 1.33.3-1.1 | https://pkgs.k8s.io/core:/stable:/v1.33/deb  Packages", "   kubeadm | 1.33.2-1.1 | https://pkgs.k8s.io/core:/stable:/v1.33/deb  Packages", "   kubeadm | 1.33.1-1.1 | https://pkgs.k8s.io/core:/stable:/v1.33/deb  Packages", "   kubeadm | 1.33.0-1.1 | https://pkgs.k8s.io/core:/stable:/v1.33/deb  Packages", ""].join("\n"),
    );
    expect((await sh("kubelet --version; kubeadm version -o short")).stdout).toBe("Kubernetes v1.33.2\nv1.33.2\n");
  });

  it("sees another minor only after kubernetes.list points at it and apt-get update fetched it", async () => {
    await sh("sed -i 's#/v1.33/#/v1.34/#' /etc/apt/sources.list.d/kubernetes.list");
    expect((await sh("apt-cache madison kubeadm | head -1")).stdout).toContain("1.33.3-1.1");
    const update = await sh("apt-get update");
    expect(update.stdout).toContain("Get:5 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.34/deb  InRelease [1,227 B]");
    expect(update.stdout).toMatch(/Reading package lists\.\.\. Done\n$/);
    expect((await sh("apt-cache madison kubeadm | head -1")).stdout).toBe("   kubeadm | 1.34.2-1.1 | https://pkgs.k8s.io/core:/stable:/v1.34/deb  Packages\n");
    expect((await sh("apt-get update")).stdout).toContain("Hit:5 https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/core:/stable:/v1.34/deb  InRelease");
  });

  it("refuses to change a held package with -y, names a missing version, and installs once unheld", async () => {
    const held = await sh("apt-get install -y kubeadm=1.34.2-1.1");
    expect(held.exitCode).toBe(100);
    expect(held.stdout).toContain("The following held packages will be changed:\n  kubeadm\n");
    expect(held.stderr).toBe("E: Held packages were changed and -y was used without --allow-change-held-packages.\n");
    expect((await sh("apt-get install -y kubeadm=1.34.9-1.1")).stderr).toBe("E: Version '1.34.9-1.1' for 'kubeadm' was not found\n");
    expect((await sh("apt-mark unhold kubeadm")).stdout).toBe("Canceled hold on kubeadm.\n");
    const ok = await sh("apt-get install -y kubeadm=1.34.2-1.1 && apt-mark hold kubeadm");
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain("Unpacking kubeadm (1.34.2-1.1) over (1.33.2-1.1) ...\nSetting up kubeadm (1.34.2-1.1) ...\n");
    expect((await sh("kubeadm version -o short")).stdout).toBe("v1.34.2\n");
  });
});

describe("kubeadm upgrade, control plane then a worker", () => {
  it("plans the upgrade with the running versions", async () => {
    const plan = await sh("kubeadm upgrade plan");
    expect(plan.exitCode).toBe(0);
    expect(plan.stdout).toContain("[upgrade/versions] Cluster version: 1.33.2\n[upgrade/versions] kubeadm version: v1.34.2\n[upgrade/versions] Target version: v1.34.2\n[upgrade/versions] Latest version in the v1.33 series: v1.33.3\n");
    expect(plan.stdout).toContain(
      [
        "Upgrade to the latest stable version:",
        "",
        "COMPONENT                 NODE           CURRENT    TARGET",
        "kube-apiserver            controlplane   v1.33.2    v1.34.2",
        "kube-controller-manager   controlplane   v1.33.2    v1.34.2",
        "kube-scheduler            controlplane   v1.33.2    v1.34.2",
        "kube-proxy                               1.33.2     v1.34.2",
        "CoreDNS                                  v1.12.0    v1.12.1",
        "etcd                      controlplane   3.5.21-0   3.6.4-0",
        "",
        "You can now apply the upgrade by executing the following command:",
        "",
        "\tkubeadm upgrade apply v1.34.2",
      ].join("\n"),
    );
    expect(plan.stdout).toContain("COMPONENT   NODE           CURRENT   TARGET\nkubelet     controlplane   v1.33.2   v1.34.2\nkubelet     node01         v1.33.2   v1.34.2\n");
  });

  it("refuses a version beyond kubeadm's, then applies one minor up", async () => {
    const tooHigh = await sh("kubeadm upgrade apply v1.35.0 -y");
    expect(tooHigh.exitCode).toBe(1);
    expect(tooHigh.stderr).toContain('\t- Specified version to upgrade to "v1.35.0" is too high; kubeadm can upgrade only 1 minor version at a time\n');
    const apply = await sh("kubectl drain controlplane --ignore-daemonsets >/dev/null 2>&1; kubeadm upgrade apply v1.34.2 --yes");
    expect(apply.stderr).toBe("");
    expect(apply.stdout).toContain('[upgrade/staticpods] Component "kube-apiserver" upgraded successfully!\n');
    expect(apply.stdout).toContain('[upgrade/successful] SUCCESS! Your cluster was upgraded to "v1.34.2". Enjoy!\n');
    expect((await sh("grep image: /etc/kubernetes/manifests/kube-apiserver.yaml")).stdout.trim()).toBe("image: registry.k8s.io/kube-apiserver:v1.34.2");
    expect((await sh("kubectl get --raw /version")).stdout).toMatch(/"gitVersion": ?"v1\.34\.2"/);
    expect((await sh("kubectl version | grep Server")).stdout).toBe("Server Version: v1.34.2\n");
    // The kubelets have not been upgraded yet.
    expect((await sh("kubectl get nodes --no-headers | awk '{print $1, $5}'")).stdout).toBe("controlplane v1.33.2\nnode01 v1.33.2\nnode02 v1.33.2\n");
  });

  it("shows the new kubelet version once the package is installed and the kubelet restarted", async () => {
    await sh("apt-mark unhold kubelet kubectl && apt-get install -y kubelet=1.34.2-1.1 kubectl=1.34.2-1.1 && apt-mark hold kubelet kubectl");
    expect((await sh("kubectl get node controlplane --no-headers | awk '{print $5}'")).stdout).toBe("v1.33.2\n");
    await sh("systemctl daemon-reload && systemctl restart kubelet && sleep 15 && kubectl uncordon controlplane");
    expect((await sh("kubectl get nodes --no-headers | awk '{print $1, $2, $5}'")).stdout).toBe("controlplane Ready v1.34.2\nnode01 Ready v1.33.2\nnode02 Ready v1.33.2\n");
  });

  it("upgrades a worker with kubeadm upgrade node", async () => {
    await sh("kubectl drain node01 --ignore-daemonsets --delete-emptydir-data >/dev/null");
    const node = await sh("sed -i 's#/v1.33/#/v1.34/#' /etc/apt/sources.list.d/kubernetes.list && apt-get update >/dev/null && apt-mark unhold kubeadm kubelet kubectl >/dev/null && apt-get install -y kubeadm=1.34.2-1.1 >/dev/null && kubeadm upgrade node", "node01");
    expect(node.stdout).toContain("[upgrade] The configuration for this node was successfully updated!\n[upgrade] Now you should go ahead and upgrade the kubelet package using your package manager.\n");
    await sh("apt-get install -y kubelet=1.34.2-1.1 kubectl=1.34.2-1.1 >/dev/null && apt-mark hold kubeadm kubelet kubectl >/dev/null && systemctl daemon-reload && systemctl restart kubelet", "node01");
    await sh("sleep 15; kubectl uncordon node01");
    expect((await sh("kubectl get nodes --no-headers | awk '{print $1, $2, $5}'")).stdout).toBe("controlplane Ready v1.34.2\nnode01 Ready v1.34.2\nnode02 Ready v1.33.2\n");
    expect((await sh("kubectl -n kube-system get ds kube-proxy -o jsonpath='{.spec.template.spec.containers[0].image}'")).stdout).toBe("registry.k8s.io/kube-proxy:v1.34.2");
  });
});
