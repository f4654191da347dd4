import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/types";
import { Environment } from "../../cluster/environment";
import "../../programs-index";
import { runScript } from "../../shell";
import { freshEnvironment } from "../../shell/test/helpers";

/**
 * kubeadm reset and join on a worker: what the learner sees when it works (the Node goes NotReady,
 * then Ready again with a certificate from an approved CSR) and when it does not (a wrong CA pin, an
 * unknown or forged token, a node that is still joined, a Ready Node of the same name).
 */
const STACK = "To see the stack trace of this error execute with --v=5 or higher\n";

function ready(env: Environment, name: string): string | undefined {
  const node = env.cluster().admin.get("", "nodes", undefined, name) as KubeObject | undefined;
  return (node?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.find((c) => c.type === "Ready")?.status;
}

async function joinCommand(env: Environment): Promise<string> {
  return (await runScript(env, { host: "controlplane", script: "kubeadm token create --print-join-command" })).stdout.trim();
}

describe("kubeadm reset, then kubeadm join", () => {
  it("leaves the Node in the API going NotReady, and the join brings it back Ready through an approved CSR", async () => {
    const env = freshEnvironment();
    const reset = await runScript(env, { host: "node01", script: "kubeadm reset -f" });
    expect(reset.exitCode).toBe(0);
    expect(reset.stdout).toContain("[reset] Stopping the kubelet service\n");
    env.advanceBy(60_000);
    expect(ready(env, "node01")).toBe("Unknown");
    expect((await runScript(env, { host: "controlplane", script: "kubectl get node node01 --no-headers | awk '{print $2}'" })).stdout).toBe("NotReady\n");

    const join = await runScript(env, { host: "node01", script: await joinCommand(env) });
    expect(join.exitCode).toBe(0);
    expect(join.stdout).toContain("This node has joined the cluster:\n");
    env.advanceBy(5_000);
    expect(ready(env, "node01")).toBe("True");
    const csr = await runScript(env, { host: "controlplane", script: "kubectl get csr --no-headers | awk '{print $3, $4, $6}'" });
    expect(csr.stdout).toMatch(/^kubernetes\.io\/kube-apiserver-client-kubelet system:bootstrap:[a-z0-9]{6} Approved,Issued\n$/);
    const files = await runScript(env, { host: "node01", script: "test -f /etc/kubernetes/kubelet.conf && test -f /var/lib/kubelet/pki/kubelet-client-current.pem && test ! -e /etc/kubernetes/bootstrap-kubelet.conf && grep -c client-certificate /etc/kubernetes/kubelet.conf" });
    expect(files.stdout).toBe("1\n");
  }, 60_000);

  it("refuses to join while a Ready Node of the same name exists, and removes the bootstrap credential", async () => {
    const env = freshEnvironment();
    await runScript(env, { host: "node01", script: "kubeadm reset -f" });
    const join = await runScript(env, { host: "node01", script: await joinCommand(env) });
    expect(join.exitCode).toBe(1);
    expect(join.stderr).toBe(`error execution phase kubelet-start: a Node with name "node01" and status "Ready" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node\n${STACK}`);
    expect((await runScript(env, { host: "node01", script: "ls /etc/kubernetes /etc/kubernetes/pki" })).stdout).toBe("/etc/kubernetes:\nmanifests\npki\n\n/etc/kubernetes/pki:\nca.crt\n");
  }, 60_000);

  it("refuses on a node that is still joined, with kubeadm's preflight errors", async () => {
    const env = freshEnvironment();
    const join = await runScript(env, { host: "node01", script: await joinCommand(env) });
    expect(join.exitCode).toBe(1);
    expect(join.stdout).toBe("[preflight] Running pre-flight checks\n");
    expect(join.stderr).toBe(
      "error execution phase preflight: [preflight] Some fatal errors occurred:\n" +
        "\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n" +
        "\t[ERROR Port-10250]: Port 10250 is in use\n" +
        "\t[ERROR FileAvailable--etc-kubernetes-pki-ca.crt]: /etc/kubernetes/pki/ca.crt already exists\n" +
        "[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\n" +
        STACK,
    );
  }, 60_000);

  it("turns preflight errors into warnings with --ignore-preflight-errors, then stops at the Ready namesake", async () => {
    const env = freshEnvironment();
    const join = await runScript(env, { host: "node01", script: `${await joinCommand(env)} --ignore-preflight-errors=all` });
    expect(join.exitCode).toBe(1);
    expect(join.stderr).toBe(
      "\t[WARNING FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n" +
        "\t[WARNING Port-10250]: Port 10250 is in use\n" +
        "\t[WARNING FileAvailable--etc-kubernetes-pki-ca.crt]: /etc/kubernetes/pki/ca.crt already exists\n" +
        `error execution phase kubelet-start: a Node with name "node01" and status "Ready" already exists in the cluster. You must delete the existing Node or change the name of this new joining Node\n${STACK}`,
    );
  }, 60_000);
});

describe("CSR approval", () => {
  it("leaves the kubelet's CSR Pending without kubeadm's auto-approve binding, until an admin approves it", async () => {
    const env = freshEnvironment();
    await runScript(env, { host: "controlplane", script: "kubectl delete node node02; kubectl delete clusterrolebinding kubeadm:node-autoapprove-bootstrap" });
    await runScript(env, { host: "node02", script: "kubeadm reset -f" });
    const join = await runScript(env, { host: "node02", script: await joinCommand(env) });
    expect(join.exitCode).toBe(1);
    expect(join.stdout).toContain("[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap\n\nUnfortunately, an error has occurred:\n\tcontext deadline exceeded\n");
    expect(join.stderr).toBe(`error execution phase kubelet-start: context deadline exceeded\n${STACK}`);
    const pending = await runScript(env, { host: "controlplane", script: "kubectl get csr --no-headers | awk '{print $6}'" });
    expect(pending.stdout).toBe("Pending\n");
    expect(ready(env, "node02")).toBeUndefined();
    await runScript(env, { host: "controlplane", script: "kubectl certificate approve $(kubectl get csr -o jsonpath={.items[0].metadata.name})" });
    env.advanceBy(5_000);
    expect(ready(env, "node02")).toBe("True");
    expect((await runScript(env, { host: "node02", script: "test -f /etc/kubernetes/kubelet.conf && echo written" })).stdout).toBe("written\n");
  }, 60_000);

  it("keeps a pending bootstrap across a session snapshot and restore", async () => {
    const first = freshEnvironment();
    await runScript(first, { host: "controlplane", script: "kubectl delete node node02; kubectl delete clusterrolebinding kubeadm:node-autoapprove-bootstrap" });
    await runScript(first, { host: "node02", script: "kubeadm reset -f" });
    await runScript(first, { host: "node02", script: await joinCommand(first) });
    const env = Environment.restore(JSON.parse(JSON.stringify(first.snapshot())));
    await runScript(env, { host: "controlplane", script: "kubectl certificate approve $(kubectl get csr -o jsonpath={.items[0].metadata.name})" });
    env.advanceBy(5_000);
    expect(ready(env, "node02")).toBe("True");
  }, 60_000);
});

describe("kubeadm join discovery", () => {
  async function resetNode(): Promise<{ env: Environment; command: string }> {
    const env = freshEnvironment();
    await runScript(env, { host: "controlplane", script: "kubectl delete node node02" });
    await runScript(env, { host: "node02", script: "kubeadm reset -f" });
    return { env, command: await joinCommand(env) };
  }

  it("rejects a CA hash that does not pin the cluster CA, naming the CA's real hash", async () => {
    const { env, command } = await resetNode();
    const realHash = /sha256:([0-9a-f]{64})/.exec(command)![1];
    const join = await runScript(env, { host: "node02", script: command.replace(realHash, "0".repeat(64)) });
    expect(join.exitCode).toBe(1);
    expect(join.stderr).toBe(`error execution phase preflight: couldn't validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "sha256:${realHash}" are pinned\n${STACK}`);
    expect((await runScript(env, { host: "node02", script: "ls /etc/kubernetes/pki | wc -l" })).stdout).toBe("0\n");
  }, 60_000);

  it("rejects a known token id with the wrong secret at once", async () => {
    const { env, command } = await resetNode();
    const forged = command.replace(/--token ([a-z0-9]{6})\.[a-z0-9]{16}/, "--token $1.0000000000000000");
    const join = await runScript(env, { host: "node02", script: forged });
    expect(join.stderr).toBe(`error execution phase preflight: couldn't validate the identity of the API Server: failed to verify JWS signature of received cluster info object, can't trust this API Server\n${STACK}`);
  }, 60_000);

  it("waits out the discovery timeout for a token the cluster does not know", async () => {
    const { env, command } = await resetNode();
    const started = env.clock.now();
    const join = await runScript(env, { host: "node02", script: command.replace(/--token \S+/, "--token abcdef.0123456789abcdef") });
    expect(join.exitCode).toBe(1);
    expect(join.stderr).toBe(`error execution phase preflight: couldn't validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "abcdef"\n${STACK}`);
    expect(env.clock.now() - started).toBeGreaterThanOrEqual(5 * 60_000);
  }, 60_000);

  it("validates the flags before anything else", async () => {
    const env = freshEnvironment();
    const join = await runScript(env, { host: "node02", script: "kubeadm join 172.30.1.2:6443 --token abc" });
    expect(join.exitCode).toBe(1);
    expect(join.stderr).toBe(
      '[discovery.bootstrapToken.caCertHashes: Invalid value: []string(nil): using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue, discovery.bootstrapToken.token: Invalid value: "abc": the bootstrap token is invalid, discovery.tlsBootstrapToken: Invalid value: "abc": the bootstrap token is invalid]\n' +
        STACK,
    );
  }, 60_000);
});

describe("around reset and join", () => {
  it("asks before resetting and stops unless told yes", async () => {
    const env = freshEnvironment();
    const no = await runScript(env, { host: "node01", script: "echo n | kubeadm reset" });
    expect(no.exitCode).toBe(1);
    expect(no.stdout).toBe("[reset] Are you sure you want to proceed? [y/N]: ");
    expect(no.stderr).toMatch(/^W\d{4} [\d:.]+ +\d+ preflight\.go:56\] \[reset\] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted\.\n/);
    expect(no.stderr).toContain("error execution phase preflight: won't proceed; the user didn't answer (Y|y) in order to continue\n");
    expect((await runScript(env, { host: "node01", script: "test -f /etc/kubernetes/kubelet.conf && echo kept" })).stdout).toBe("kept\n");
    const yes = await runScript(env, { host: "node01", script: "echo y | kubeadm reset" });
    expect(yes.exitCode).toBe(0);
    expect((await runScript(env, { host: "node01", script: "test -f /etc/kubernetes/kubelet.conf || echo gone" })).stdout).toBe("gone\n");
  }, 60_000);

  it("shows help for --help and stops on an unknown flag, leaving the node joined", async () => {
    const env = freshEnvironment();
    const help = await runScript(env, { host: "node01", script: "kubeadm reset --help" });
    expect(help.stdout).toMatch(/^Performs a best effort revert of changes made to this host by 'kubeadm init' or 'kubeadm join'\n/);
    expect(help.stdout).toContain("  -f, --force                             Reset the node without prompting for confirmation.\n");
    const typo = await runScript(env, { host: "node01", script: "kubeadm reset -y" });
    expect(typo.exitCode).toBe(1);
    expect(typo.stderr).toBe(`unknown shorthand flag: 'y' in -y\n${STACK}`);
    expect((await runScript(env, { host: "node01", script: "kubeadm join --v5" })).stderr).toBe(`unknown flag: --v5\n${STACK}`);
    expect((await runScript(env, { host: "node01", script: "test -f /etc/kubernetes/kubelet.conf && echo joined" })).stdout).toBe("joined\n");
  }, 60_000);

  it("says plainly that resetting the control plane is not available", async () => {
    const env = freshEnvironment();
    const reset = await runScript(env, { host: "controlplane", script: "kubeadm reset -f" });
    expect(reset.exitCode).toBe(1);
    expect(reset.stderr).toContain("is not available in Kubecoach yet");
    expect((await runScript(env, { host: "controlplane", script: "test -f /etc/kubernetes/admin.conf && echo kept" })).stdout).toBe("kept\n");
  }, 60_000);

  it("does not bring back a deleted Node until its kubelet restarts, as a real kubelet", async () => {
    const env = freshEnvironment();
    await runScript(env, { host: "controlplane", script: "kubectl delete node node01" });
    env.advanceBy(30_000);
    expect(ready(env, "node01")).toBeUndefined();
    await runScript(env, { host: "node01", script: "systemctl restart kubelet" });
    env.advanceBy(2_000);
    expect(ready(env, "node01")).toBe("True");
  }, 60_000);

  it("keeps a running kubelet's credentials when kubelet.conf is removed, but cannot start it again without them", async () => {
    const env = freshEnvironment();
    await runScript(env, { host: "node01", script: "rm /etc/kubernetes/kubelet.conf" });
    env.advanceBy(60_000);
    expect(ready(env, "node01")).toBe("True");
    const restart = await runScript(env, { host: "node01", script: "systemctl restart kubelet; systemctl is-active kubelet; journalctl -u kubelet | grep -o 'err=.*' | tail -1" });
    expect(restart.stdout).toContain('err="failed to run Kubelet: unable to load bootstrap kubeconfig: stat /etc/kubernetes/bootstrap-kubelet.conf: no such file or directory"\n');
    expect(restart.stdout).toMatch(/^(activating|failed)\n/);
  }, 60_000);

  it("deletes a token by ID or whole token, taking its cluster-info signature with it", async () => {
    const env = freshEnvironment();
    const token = (await runScript(env, { host: "controlplane", script: "kubeadm token create" })).stdout.trim();
    const id = token.slice(0, 6);
    const del = await runScript(env, { host: "controlplane", script: `kubeadm token delete ${token}; kubeadm token delete ${id}` });
    expect(del.stdout).toBe(`bootstrap token "${id}" deleted\n`);
    expect(del.stderr).toBe(`failed to delete bootstrap token "${id}": secrets "bootstrap-token-${id}" not found\n${STACK}`);
    expect((env.cluster().admin.get("", "configmaps", "kube-public", "cluster-info")?.data as Record<string, string>)[`jws-kubeconfig-${id}`]).toBeUndefined();
    expect((await runScript(env, { host: "controlplane", script: "kubeadm token generate" })).stdout).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}\n$/);
  }, 60_000);

  it("signs cluster-info for each token and drops the token and its signature when it expires", async () => {
    const env = freshEnvironment();
    const token = (await runScript(env, { host: "controlplane", script: "kubeadm token create --ttl 1h" })).stdout.trim();
    const id = token.slice(0, 6);
    const signature = () => (env.cluster().admin.get("", "configmaps", "kube-public", "cluster-info")?.data as Record<string, string>)[`jws-kubeconfig-${id}`];
    expect(signature()).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
    env.advanceBy(3_600_000 + 1_000);
    expect(env.cluster().admin.get("", "secrets", "kube-system", `bootstrap-token-${id}`)).toBeUndefined();
    expect(signature()).toBeUndefined();
  }, 60_000);
});
