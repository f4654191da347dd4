import type { KubeObject } from "../../api/types";
import { clone } from "../../util/freeze";
import { compareVersions, minorOf, RELEASES, releaseOf, versionsOf } from "../../controlplane/releases";
import { parseVersion } from "../../controlplane/layout";
import { kubeletStates } from "../../kubelet/state";
import type { ProgramContext } from "../../process/types";
import { clusterConfiguration, CONFIG_READ, imageTag, klogLine, openCluster, STACK_HINT, table, type KubeadmContext } from "./context";

/**
 * kubeadm upgrade plan | apply | node, as kubeadm v1.3x does them on a single-control-plane lab:
 * plan compares the running components with the newest patch of the cluster's minor and of
 * kubeadm's own minor; apply checks the version policy (one minor at a time, never past kubeadm),
 * rewrites the static-pod manifests' images one component at a time and waits for the kubelet to
 * restart each, then upgrades the kubeadm-config, kube-proxy and CoreDNS; node refreshes a
 * worker's kubelet configuration. Kubelets are upgraded by the learner with apt and systemctl.
 */
const COMPONENTS = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"] as const;
const MANIFESTS = "/etc/kubernetes/manifests";

/** The newest release kubeadm can see online (dl.k8s.io/release/stable.txt). */
function remoteStable(): string {
  const newest = Object.keys(RELEASES).sort((a, b) => compareVersions(`v${a}.0`, `v${b}.0`)).pop()!;
  return versionsOf(newest)[0];
}

function staticPodImage(k: KubeadmContext, component: string): string {
  const node = k.cluster.spec.nodes.find((n) => n.role === "control-plane")!.name;
  const pod = k.cluster.admin.get("", "pods", "kube-system", `${component}-${node}`);
  return imageTag((pod?.spec as { containers: { image: string }[] } | undefined)?.containers[0]?.image);
}

function addonImage(k: KubeadmContext, kind: "daemonsets" | "deployments", name: string): string {
  const obj = k.cluster.admin.get("apps", kind, "kube-system", name);
  return imageTag((obj?.spec as { template: { spec: { containers: { image: string }[] } } } | undefined)?.template.spec.containers[0]?.image);
}

function tmpSuffix(ctx: ProgramContext): string {
  return String(1_000_000_000 + ctx.environment.random.int(3_000_000_000));
}

export async function upgradePlan(ctx: ProgramContext): Promise<number> {
  const k = openCluster(ctx);
  ctx.stdout("[preflight] Running pre-flight checks.\n");
  if ("error" in k) return fail(ctx, "[upgrade/config] FATAL: ", k.error);
  ctx.stdout(CONFIG_READ + "[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n");
  const config = clusterConfiguration(k.cluster)!;
  const clusterVersion = config.kubernetesVersion;
  ctx.stdout(`[upgrade/versions] Cluster version: ${clusterVersion.replace(/^v/, "")}\n[upgrade/versions] kubeadm version: ${k.version}\n`);
  const kubeadmMinor = minorOf(k.version);
  const remote = remoteStable();
  if (compareVersions(remote, `v${kubeadmMinor}.99`) > 0) ctx.stderr(klogLine(ctx, "I", "version.go:261", `remote version is much newer: ${remote}; falling back to: stable-${kubeadmMinor}`));
  const target = versionsOf(kubeadmMinor)[0] ?? k.version;
  const seriesLatest = versionsOf(minorOf(clusterVersion))[0] ?? clusterVersion;
  ctx.stdout(`[upgrade/versions] Target version: ${target}\n[upgrade/versions] Latest version in the v${minorOf(clusterVersion)} series: ${seriesLatest}\n\n`);
  const sections: { title: string; to: string }[] = [];
  if (compareVersions(seriesLatest, clusterVersion) > 0) sections.push({ title: `the latest version in the v${minorOf(clusterVersion)} series`, to: seriesLatest });
  if (compareVersions(target, clusterVersion) > 0 && minorOf(target) !== minorOf(clusterVersion)) sections.push({ title: "the latest stable version", to: target });
  if (sections.length === 0) {
    ctx.stdout("Awesome, you're up-to-date! Enjoy!\n");
    return 0;
  }
  const nodes = k.cluster.admin.list("", "nodes");
  const cpNode = k.cluster.spec.nodes.find((n) => n.role === "control-plane")!.name;
  for (const section of sections) {
    const release = releaseOf(section.to)!;
    ctx.stdout("Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n");
    ctx.stdout(table([["COMPONENT", "NODE", "CURRENT", "TARGET"], ...nodes.map((n) => ["kubelet", n.metadata.name!, (n.status as { nodeInfo?: { kubeletVersion?: string } }).nodeInfo?.kubeletVersion ?? "", section.to])]));
    ctx.stdout(`\nUpgrade to ${section.title}:\n\n`);
    ctx.stdout(
      table([
        ["COMPONENT", "NODE", "CURRENT", "TARGET"],
        ...["kube-apiserver", "kube-controller-manager", "kube-scheduler"].map((c) => [c, cpNode, staticPodImage(k, c), section.to]),
        ["kube-proxy", "", addonImage(k, "daemonsets", "kube-proxy").replace(/^v/, ""), section.to],
        ["CoreDNS", "", addonImage(k, "deployments", "coredns"), release.coredns],
        ["etcd", cpNode, staticPodImage(k, "etcd"), release.etcd],
      ]),
    );
    ctx.stdout(`\nYou can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${section.to}\n\n`);
    if (section.to !== k.version) ctx.stdout(`Note: Before you can perform this upgrade, you have to update kubeadm to ${section.to}.\n\n`);
    ctx.stdout("_____________________________________________________________________\n\n");
  }
  ctx.stdout(
    '\nThe table below shows the current state of component configs as understood by this version of kubeadm.\nConfigs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or\nresetting to kubeadm defaults before a successful upgrade can be performed. The version to manually\nupgrade to is denoted in the "PREFERRED VERSION" column.\n\n' +
      table([
        ["API GROUP", "CURRENT VERSION", "PREFERRED VERSION", "MANUAL UPGRADE REQUIRED"],
        ["kubeproxy.config.k8s.io", "v1alpha1", "v1alpha1", "no"],
        ["kubelet.config.k8s.io", "v1beta1", "v1beta1", "no"],
      ]) +
      "_____________________________________________________________________\n\n",
  );
  return 0;
}

function fail(ctx: ProgramContext, prefix: string, message: string): number {
  ctx.stderr(`${prefix}${message}\n${STACK_HINT}`);
  return 1;
}

/** kubeadm's version policy for `upgrade apply` (EnforceVersionPolicies), in its words. */
function versionPolicyErrors(target: string, clusterVersion: string, kubeadm: string): string[] {
  const t = parseVersion(target);
  const c = parseVersion(clusterVersion);
  const k = parseVersion(kubeadm);
  const errors: string[] = [];
  if (t.minor > c.minor + 1) errors.push(`Specified version to upgrade to "${target}" is too high; kubeadm can upgrade only 1 minor version at a time`);
  if (t.minor > k.minor) errors.push(`Specified version to upgrade to "${target}" is at least one minor release higher than the kubeadm minor release (${t.minor} > ${k.minor}). Such an upgrade is not supported`);
  else if (compareVersions(target, kubeadm) > 0) errors.push(`Specified version to upgrade to "${target}" is higher than the kubeadm version "${kubeadm}". Upgrade kubeadm first using the tool you used to install kubeadm`);
  if (t.minor < c.minor) errors.push(`Specified version to downgrade to "${target}" is at least one minor release lower than the kubeadm minor release (${t.minor} < ${c.minor}). Such a downgrade is not supported`);
  return errors;
}

function rewriteImage(manifest: string, component: string, tag: string): string {
  return manifest.replace(new RegExp(`(image: \\S*/${component}:)\\S+`), `$1${tag}`);
}

/** Waits (on the cluster clock) until the kubelet runs the component from its new manifest. */
async function waitForComponent(k: KubeadmContext, component: string, tag: string): Promise<boolean> {
  const cpNode = k.cluster.spec.nodes.find((n) => n.role === "control-plane")!.name;
  for (let waited = 0; waited <= 300_000; waited += 1000) {
    const rec = Object.values(kubeletStates(k.cluster)[cpNode]?.pods ?? {}).find((r) => r.name === `${component}-${cpNode}` && r.staticSource);
    const c = rec?.containers[component];
    const listening = c?.process && c.process.listeningAt <= k.cluster.clock.now();
    if (c?.state === "running" && c.image?.endsWith(`:${tag}`) && listening && (component !== "kube-apiserver" || k.cluster.apiserverUp)) return true;
    await k.ctx.sleep(1000);
    if (k.ctx.signal.aborted) return false;
  }
  return false;
}

function confirm(ctx: ProgramContext, question: string): boolean {
  if (ctx.args.includes("-y") || ctx.args.includes("--yes") || ctx.args.includes("-f") || ctx.args.includes("--force")) return true;
  const answer = ctx.stdin.trim().toLowerCase();
  if (answer === "y" || answer === "yes") {
    ctx.stdout(`${question}y\n`);
    return true;
  }
  if (ctx.terminal.isTTY && !answer) {
    ctx.stdout(`${question}y\nkubecoach: answering kubeadm's question is not available in Kubecoach yet; continuing as if you typed y (add --yes to skip the question)\n`);
    return true;
  }
  ctx.stdout(question + "\n");
  return false;
}

export async function upgradeApply(ctx: ProgramContext, target: string | undefined): Promise<number> {
  const k = openCluster(ctx);
  ctx.stdout("[preflight] Running pre-flight checks.\n");
  if ("error" in k) return fail(ctx, "[upgrade/config] FATAL: ", k.error);
  if (!target) return fail(ctx, "", "missing one or more required arguments. Required arguments: [version]");
  ctx.stdout(CONFIG_READ + "[upgrade] Running cluster health checks\n");
  const notReady = k.cluster.admin.list("", "nodes").filter((n) => n.metadata.labels?.["node-role.kubernetes.io/control-plane"] !== undefined && !((n.status as { conditions?: { type: string; status: string }[] }).conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"));
  if (notReady.length) {
    ctx.stderr(`[upgrade/health] FATAL: [preflight] Some fatal errors occurred:\n\t[ERROR ControlPlaneNodesReady]: there are NotReady control-planes in the cluster: [${notReady.map((n) => n.metadata.name).join(" ")}]\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\`\n${STACK_HINT}`);
    return 1;
  }
  const version = target.startsWith("v") ? target : `v${target}`;
  const config = clusterConfiguration(k.cluster)!;
  ctx.stdout(`[upgrade/version] You have chosen to change the cluster version to "${version}"\n[upgrade/versions] Cluster version: ${config.kubernetesVersion}\n[upgrade/versions] kubeadm version: ${k.version}\n`);
  const errors = versionPolicyErrors(version, config.kubernetesVersion, k.version);
  if (errors.length) {
    ctx.stderr(`[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n${errors.map((e) => `\t- ${e}\n`).join("")}\nCan be bypassed if you pass the --force flag\n${STACK_HINT}`);
    return 1;
  }
  if (!releaseOf(version)?.patches.includes(parseVersion(version).patch)) return fail(ctx, "[upgrade/version] FATAL: ", `unable to fetch file. URL: "https://dl.k8s.io/release/${version}/bin/linux/amd64/kubeadm", status: 404 Not Found`);
  if (!confirm(ctx, "[upgrade] Are you sure you want to proceed? [y/N]: ")) {
    ctx.stderr(`[upgrade/confirm] FATAL: won't proceed; the user didn't answer (Y|y) in order to continue\n${STACK_HINT}`);
    return 1;
  }
  ctx.stdout("[upgrade/prepull] Pulling images required for setting up a Kubernetes cluster\n[upgrade/prepull] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/prepull] You can also perform this action beforehand using 'kubeadm config images pull'\n");
  const fs = ctx.host.fs;
  const release = releaseOf(version)!;
  ctx.stdout(`[upgrade/apply] Upgrading your Static Pod-hosted control plane to version "${version}" (timeout: 5m0s)...\n`);
  const stamp = new Date(ctx.environment.clock.now()).toISOString().slice(0, 19).replace("T", "-").replace(/:/g, "-");
  const upgradedDir = `/etc/kubernetes/tmp/kubeadm-upgraded-manifests${tmpSuffix(ctx)}`;
  const backupDir = `/etc/kubernetes/tmp/kubeadm-backup-manifests-${stamp}`;
  ctx.stdout(`[upgrade/staticpods] Writing new Static Pod manifests to "${upgradedDir}"\n`);
  const certs: Record<string, string[]> = {
    etcd: ["etcd-server", "etcd-peer", "etcd-healthcheck-client"],
    "kube-apiserver": ["apiserver", "apiserver-kubelet-client", "front-proxy-client", "apiserver-etcd-client"],
    "kube-controller-manager": ["controller-manager.conf"],
    "kube-scheduler": ["scheduler.conf"],
  };
  for (const component of COMPONENTS) {
    const file = `${MANIFESTS}/${component}.yaml`;
    const old = fs.readFileSync(file);
    if (old === undefined) return fail(ctx, "[upgrade/apply] FATAL: ", `couldn't upgrade control plane. kubeadm has tried to recover everything into the earlier state. Errors faced: open ${file}: no such file or directory`);
    const tag = component === "etcd" ? release.etcd : version;
    const next = rewriteImage(old, component, tag);
    fs.writeFileSync(`${upgradedDir}/${component}.yaml`, next, { createParents: true, mode: 0o600 });
    ctx.stdout(`[upgrade/staticpods] Preparing for "${component}" upgrade\n`);
    for (const cert of certs[component]) ctx.stdout(`[upgrade/staticpods] Renewing ${cert} certificate\n`);
    fs.writeFileSync(`${backupDir}/${component}.yaml`, old, { createParents: true, mode: 0o600 });
    fs.writeFileSync(file, next, { mode: 0o600 });
    ctx.stdout(`[upgrade/staticpods] Moving new manifest to "${file}" and backing up old manifest to "${backupDir}/${component}.yaml"\n[upgrade/staticpods] Waiting for the kubelet to restart the component\n[upgrade/staticpods] This can take up to 5m0s\n`);
    if (!(await waitForComponent(k, component, tag))) {
      fs.writeFileSync(file, old, { mode: 0o600 });
      return fail(ctx, "[upgrade/apply] FATAL: ", `couldn't upgrade control plane. kubeadm has tried to recover everything into the earlier state. Errors faced: failed to obtain static Pod hash for component ${component} on Node ${k.cluster.spec.nodes.find((n) => n.role === "control-plane")!.name}: context deadline exceeded`);
    }
    ctx.stdout(`[apiclient] Found 1 Pods for label selector component=${component}\n[upgrade/staticpods] Component "${component}" upgraded successfully!\n`);
    if (component === "etcd") ctx.stdout("[upgrade/etcd] Waiting for etcd to become available\n");
  }
  const admin = k.cluster.admin;
  const cm = clone(config.object);
  (cm.data as Record<string, string>).ClusterConfiguration = config.text.replace(/kubernetesVersion: \S+/, `kubernetesVersion: ${version}`);
  admin.update(cm);
  ctx.stdout('[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace\n[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster\n');
  ctx.stdout(`[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-config${tmpSuffix(ctx)}/config.yaml\n[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n`);
  ctx.stdout(
    "[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes\n[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials\n[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token\n[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster\n",
  );
  setImage(admin.get("apps", "deployments", "kube-system", "coredns"), `registry.k8s.io/coredns/coredns:${release.coredns}`, (o) => admin.update(o));
  ctx.stdout("[addons] Applied essential addon: CoreDNS\n");
  setImage(admin.get("apps", "daemonsets", "kube-system", "kube-proxy"), `registry.k8s.io/kube-proxy:${version}`, (o) => admin.update(o));
  ctx.stdout("[addons] Applied essential addon: kube-proxy\n\n");
  ctx.stdout(`[upgrade/successful] SUCCESS! Your cluster was upgraded to "${version}". Enjoy!\n\n[upgrade/kubelet] Now that your control plane is upgraded, please proceed with upgrading your kubelets if you haven't already done so.\n`);
  return 0;
}

function setImage(obj: KubeObject | undefined, image: string, write: (o: KubeObject) => void): void {
  if (!obj) return;
  const next = clone(obj);
  const containers = (next.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers;
  if (containers[0].image === image) return;
  containers[0].image = image;
  write(next);
}

export async function upgradeNode(ctx: ProgramContext): Promise<number> {
  const controlPlane = ctx.host.fs.existsSync(`${MANIFESTS}/kube-apiserver.yaml`);
  const k = openCluster(ctx, controlPlane ? "/etc/kubernetes/admin.conf" : "/etc/kubernetes/kubelet.conf");
  ctx.stdout("[upgrade] Reading configuration from the cluster...\n[upgrade] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n");
  if ("error" in k) return fail(ctx, "[upgrade] FATAL: ", k.error);
  const version = clusterConfiguration(k.cluster)!.kubernetesVersion;
  ctx.stdout("[preflight] Running pre-flight checks\n");
  if (!controlPlane) ctx.stdout("[preflight] Skipping prepull. Not a control plane node.\n[upgrade] Skipping phase. Not a control plane node.\n");
  else {
    ctx.stdout(`[upgrade] Upgrading your Static Pod-hosted control plane instance to version "${version}"...\n`);
    for (const component of COMPONENTS) {
      const file = `${MANIFESTS}/${component}.yaml`;
      const old = ctx.host.fs.readFileSync(file) ?? "";
      const tag = component === "etcd" ? releaseOf(version)!.etcd : version;
      const next = rewriteImage(old, component, tag);
      if (next === old) ctx.stdout(`[upgrade/staticpods] Current and new manifests of ${component} are equal, skipping upgrade\n`);
      else {
        ctx.host.fs.writeFileSync(file, next, { mode: 0o600 });
        await waitForComponent(k, component, tag);
        ctx.stdout(`[upgrade/staticpods] Component "${component}" upgraded successfully!\n`);
      }
    }
    ctx.stdout("[upgrade] The control plane instance for this node was successfully upgraded!\n");
  }
  ctx.stdout(`[upgrade] Backing up kubelet config file to /etc/kubernetes/tmp/kubeadm-kubelet-config${tmpSuffix(ctx)}/config.yaml\n[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n[upgrade] The configuration for this node was successfully updated!\n[upgrade] Now you should go ahead and upgrade the kubelet package using your package manager.\n`);
  return 0;
}
