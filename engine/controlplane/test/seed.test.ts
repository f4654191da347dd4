import { X509Certificate } from "node:crypto";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { Environment } from "../../cluster/environment";
import { corePlugin } from "../../cluster/core-plugin";
import { kubeadmPlugin } from "../plugin";

function env() {
  return Environment.create(undefined, { plugins: [corePlugin, kubeadmPlugin], environmentPlugins: [] });
}

describe("kubeadm-style node files", () => {
  it("writes the control plane's static-pod manifests with kubeadm's flags", () => {
    const cp = env().hosts.get("controlplane")!;
    expect(cp.fs.readdirSync("/etc/kubernetes/manifests")).toEqual(["etcd.yaml", "kube-apiserver.yaml", "kube-controller-manager.yaml", "kube-scheduler.yaml"]);
    const apiserver = parse(cp.fs.readFileSync("/etc/kubernetes/manifests/kube-apiserver.yaml")!);
    expect(apiserver.metadata.name).toBe("kube-apiserver");
    expect(apiserver.spec.containers[0].image).toBe("registry.k8s.io/kube-apiserver:v1.33.2");
    expect(apiserver.spec.containers[0].command).toContain("--advertise-address=172.30.1.2");
    expect(apiserver.spec.containers[0].command).toContain("--etcd-servers=https://127.0.0.1:2379");
    const etcd = cp.fs.readFileSync("/etc/kubernetes/manifests/etcd.yaml")!;
    expect(etcd).toContain("    - --data-dir=/var/lib/etcd\n");
    expect(etcd).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n {2}annotations:/);
  });

  it("issues real certificates chained to the cluster CA with kubeadm's names", () => {
    const cp = env().hosts.get("controlplane")!;
    const ca = new X509Certificate(cp.fs.readFileSync("/etc/kubernetes/pki/ca.crt")!);
    const apiserver = new X509Certificate(cp.fs.readFileSync("/etc/kubernetes/pki/apiserver.crt")!);
    expect(apiserver.checkIssued(ca)).toBe(true);
    expect(apiserver.verify(ca.publicKey)).toBe(true);
    expect(apiserver.subject).toBe("CN=kube-apiserver");
    expect(apiserver.subjectAltName).toContain("DNS:kubernetes.default.svc.cluster.local");
    expect(apiserver.subjectAltName).toContain("IP Address:10.96.0.1");
    // Leaves last a year, CAs ten.
    const days = (c: X509Certificate) => Math.round((Date.parse(c.validTo) - Date.parse(c.validFrom)) / 86_400_000);
    expect(days(apiserver)).toBe(365);
    expect(days(ca)).toBe(3650);
    const etcdCa = new X509Certificate(cp.fs.readFileSync("/etc/kubernetes/pki/etcd/ca.crt")!);
    expect(new X509Certificate(cp.fs.readFileSync("/etc/kubernetes/pki/etcd/server.crt")!).checkIssued(etcdCa)).toBe(true);
  });

  it("embeds the admin credentials in admin.conf and root's kubeconfig", () => {
    const cp = env().hosts.get("controlplane")!;
    const conf = parse(cp.fs.readFileSync("/root/.kube/config")!);
    expect(conf["current-context"]).toBe("kubernetes-admin@kubernetes");
    expect(conf.clusters[0].cluster.server).toBe("https://172.30.1.2:6443");
    const cert = new X509Certificate(Buffer.from(conf.users[0].user["client-certificate-data"], "base64").toString());
    expect(cert.subject).toBe("O=kubeadm:cluster-admins\nCN=kubernetes-admin");
  });

  it("gives workers a kubelet configuration and the CA, but no control-plane secrets", () => {
    const worker = env().hosts.get("node01")!;
    expect(worker.fs.readFileSync("/var/lib/kubelet/config.yaml")).toContain("staticPodPath: /etc/kubernetes/manifests");
    expect(worker.fs.existsSync("/etc/kubernetes/pki/ca.crt")).toBe(true);
    expect(worker.fs.existsSync("/etc/kubernetes/pki/ca.key")).toBe(false);
    expect(worker.fs.readdirSync("/etc/kubernetes/manifests")).toEqual([]);
    expect(worker.fs.readFileSync("/var/lib/kubelet/pki/kubelet-client-current.pem")).toContain("BEGIN CERTIFICATE");
    expect(worker.services.get("kubelet")?.active).toBe("active");
  });

  it("creates CoreDNS, kube-proxy and the CNI add-on in kube-system", () => {
    const cluster = env().cluster();
    expect(cluster.admin.get("apps", "deployments", "kube-system", "coredns")).toBeDefined();
    expect(cluster.admin.get("apps", "daemonsets", "kube-system", "kube-proxy")).toBeDefined();
    expect(cluster.admin.get("apps", "daemonsets", "kube-system", "calico-node")).toBeDefined();
    expect(cluster.admin.get("", "services", "kube-system", "kube-dns")?.spec).toMatchObject({ clusterIP: "10.96.0.10" });
    expect((cluster.admin.get("", "configmaps", "kube-system", "coredns")?.data as Record<string, string>).Corefile).toContain("kubernetes cluster.local in-addr.arpa ip6.arpa");
  });
});
