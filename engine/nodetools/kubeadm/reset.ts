import { kubeletStates } from "../../kubelet/state";
import type { ProgramContext } from "../../process/types";
import { klogLine } from "./context";
import { phaseError, rootCheck } from "./preflight";
import { helpText, rejectUnknownFlags, RESET_FLAGS, wantsHelp } from "./flags";

/**
 * kubeadm reset (v1.33) on a node: the preflight phase (confirmation unless -f, root check), the
 * remove-etcd-member phase as it runs without a kubeadm config, and cleanup-node: stop the kubelet,
 * remove the node's containers, empty the manifests, kubelet and PKI directories and delete the
 * kubeconfigs. The Node object stays in the API (the kubelet stops posting, so it goes NotReady),
 * and the CNI configuration, iptables rules and $HOME/.kube/config stay, as the notes say.
 */
const MANIFESTS = "/etc/kubernetes/manifests";
const KUBELET_DIR = "/var/lib/kubelet";
const ETCD_DIR = "/var/lib/etcd";
const FILES = ["admin.conf", "super-admin.conf", "kubelet.conf", "bootstrap-kubelet.conf", "controller-manager.conf", "scheduler.conf"].map((f) => `/etc/kubernetes/${f}`);

const CNI_NOTE = "\nThe reset process does not clean CNI configuration. To do so, you must remove /etc/cni/net.d\n";
const IPTABLES_NOTE = [
  "",
  "The reset process does not reset or clean up iptables rules or IPVS tables.",
  'If you wish to reset iptables, you must do so manually by using the "iptables" command.',
  "",
  "If your cluster was setup to utilize IPVS, run ipvsadm --clear (or similar)",
  "to reset your system's IPVS tables.",
  "",
  "The reset process does not clean your kubeconfig files and you must remove them manually.",
  "Please, check the contents of the $HOME/.kube/config file.",
  "",
].join("\n");

function flagValue(args: string[], name: string): string | undefined {
  const eq = args.find((a) => a.startsWith(`${name}=`));
  if (eq) return eq.slice(name.length + 1);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Removes what is inside a directory, keeping the directory (kubeadm's CleanDir). */
function cleanDir(ctx: ProgramContext, dir: string): void {
  const fs = ctx.host.fs;
  if (!fs.isDirectorySync(dir)) return;
  for (const name of fs.readdirSync(dir)) fs.rmSync(`${dir}/${name}`, { recursive: true, force: true });
}

const RESET_HELP = helpText(
  "Performs a best effort revert of changes made to this host by 'kubeadm init' or 'kubeadm join'\n\nThe \"reset\" command executes the following phases:\n```\npreflight           Run reset pre-flight checks\nremove-etcd-member  Remove a local etcd member.\ncleanup-node        Run cleanup node.\n```",
  "reset",
  RESET_FLAGS,
);

export async function reset(ctx: ProgramContext): Promise<number> {
  const fs = ctx.host.fs;
  const args = ctx.args;
  if (rejectUnknownFlags(ctx, args, RESET_FLAGS)) return 1;
  if (wantsHelp(args)) {
    ctx.stdout(RESET_HELP);
    return 0;
  }
  const force = args.includes("-f") || args.includes("--force") || args.includes("--force=true");
  const dryRun = args.includes("--dry-run") || args.includes("--dry-run=true");
  const certsDir = flagValue(args, "--cert-dir") ?? "/etc/kubernetes/pki";
  if (fs.existsSync(`${MANIFESTS}/kube-apiserver.yaml`) || fs.existsSync(`${MANIFESTS}/etcd.yaml`)) {
    ctx.stderr("kubeadm reset on a control-plane node is not available in Kubecoach yet (it would remove the cluster's etcd member and data); reset worker nodes only\n");
    return 1;
  }

  if (!force && !dryRun) {
    ctx.stderr(klogLine(ctx, "W", "preflight.go:56", "[reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted."));
    ctx.stdout("[reset] Are you sure you want to proceed? [y/N]: ");
    if (ctx.terminal.isTTY && ctx.stdin === "") {
      ctx.stdout("\n");
      ctx.stderr("kubeadm reset: answering its prompt is not available in Kubecoach yet; run kubeadm reset -f (or echo y | kubeadm reset)\n");
      return 1;
    }
    const answer = (ctx.stdin.split("\n")[0] ?? "").trim().toLowerCase();
    if (answer !== "y" && answer !== "yes") return phaseError(ctx, "preflight", "won't proceed; the user didn't answer (Y|y) in order to continue");
  }
  ctx.stdout("[preflight] Running pre-flight checks\n");
  const root = rootCheck(ctx);
  if (root) return phaseError(ctx, "preflight", root);

  // remove-etcd-member: without admin.conf there is no kubeadm config; the default data directory is used.
  ctx.stderr(klogLine(ctx, "W", "removeetcdmember.go:106", "[reset] No kubeadm config, using etcd pod spec to get data directory"));
  if (dryRun) {
    ctx.stdout(`[reset] Would delete contents of the etcd data directory: ${ETCD_DIR}\n`);
  } else {
    cleanDir(ctx, ETCD_DIR);
    ctx.stdout(`[reset] Deleted contents of the etcd data directory: ${ETCD_DIR}\n`);
  }

  // cleanup-node
  const dirs = [MANIFESTS];
  if (dryRun) {
    ctx.stdout("[reset] Would stop the kubelet service\n");
    ctx.stdout(`[reset] Would unmount mounted directories in "${KUBELET_DIR}"\n`);
    ctx.stdout("[reset] Would remove Kubernetes-managed containers\n");
  } else {
    ctx.stdout("[reset] Stopping the kubelet service\n");
    ctx.host.services.stop("kubelet");
    ctx.stdout(`[reset] Unmounting mounted directories in "${KUBELET_DIR}"\n`);
    if (fs.isDirectorySync(KUBELET_DIR)) dirs.push(KUBELET_DIR);
    else ctx.stderr(klogLine(ctx, "W", "cleanupnode.go:99", `[reset] Failed to evaluate the "${KUBELET_DIR}" directory. Skipping its unmount and cleanup: lstat ${KUBELET_DIR}: no such file or directory`));
    removeContainers(ctx);
  }
  if (certsDir !== "/etc/kubernetes/pki") ctx.stderr(klogLine(ctx, "W", "cleanupnode.go:116", `[reset] WARNING: Cleaning a non-default certificates directory: "${certsDir}"`));
  dirs.push(certsDir);
  if (args.includes("--cleanup-tmp-dir") || args.includes("--cleanup-tmp-dir=true")) dirs.push("/etc/kubernetes/tmp");
  if (dryRun) {
    ctx.stdout(`[reset] Would delete contents of directories: [${dirs.join(" ")}]\n[reset] Would delete files: [${FILES.join(" ")}]\n`);
  } else {
    ctx.stdout(`[reset] Deleting contents of directories: [${dirs.join(" ")}]\n`);
    for (const dir of dirs) cleanDir(ctx, dir);
    ctx.stdout(`[reset] Deleting files: [${FILES.join(" ")}]\n`);
    for (const file of FILES) fs.rmSync(file, { recursive: true, force: true });
  }
  ctx.stdout(CNI_NOTE + IPTABLES_NOTE);
  return 0;
}

/** kubeadm removes every container of the node through the CRI: the runtime forgets its pods. */
function removeContainers(ctx: ProgramContext): void {
  const cluster = ctx.host.cluster ? ctx.environment.clusters.get(ctx.host.cluster) : undefined;
  const state = cluster ? kubeletStates(cluster)[ctx.host.name] : undefined;
  if (!state) return;
  state.pods = {};
  state.staticManifests = {};
}
