import type { Environment } from "../../cluster/environment";
import type { Host } from "../../hosts/host";
import { kubeletStates } from "../../kubelet/state";
import { MEM_TOTAL_KB } from "./memory";

/**
 * The mounted filesystems of a lab machine (an Ubuntu 22.04 cloud VM on a 48 GiB virtio disk), as
 * /proc/mounts lists them and `df` measures them. On a node, containerd adds what it adds on a real
 * one: a 64 MiB shm tmpfs for every pod sandbox and an overlay root filesystem for the sandbox and
 * each running container; images pulled on the node take up space on the root filesystem.
 */
export interface Mount {
  source: string;
  type: string;
  target: string;
  options: string;
  /** Shown by a plain `df` (pseudo filesystems such as proc are in /proc/mounts only). */
  measured: boolean;
  /** 1K blocks. */
  size: number;
  used: number;
  /** What an unprivileged user may still use (ext4 keeps 5% back for root). */
  available: number;
  inodes: number;
  inodesUsed: number;
}

const ROOT_SIZE = 50_620_216;
const ROOT_RESERVED = Math.round(ROOT_SIZE * 0.05);
const ROOT_INODES = 6_451_200;
/** The system, the Kubernetes packages and the journal, before any image is pulled. */
const ROOT_BASE_USED = 4_412_356;
const PAGE = 4;
const SNAPSHOTS = "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots";

function tmpfs(target: string, size: number, used: number, options: string, source = "tmpfs"): Mount {
  return { source, type: "tmpfs", target, options: `rw,${options}`, measured: true, size, used, available: size - used, inodes: Math.floor(size / PAGE), inodesUsed: used > 0 ? Math.ceil(used / PAGE) + 1 : 1 };
}

function pseudo(source: string, type: string, target: string, options: string): Mount {
  return { source, type, target, options, measured: false, size: 0, used: 0, available: 0, inodes: 0, inodesUsed: 0 };
}

/** KiB of images pulled on the host (containerd's content store lives on the root filesystem). */
function imageKiB(env: Environment, host: Host): number {
  const cluster = host.cluster ? env.clusters.get(host.cluster) : undefined;
  const state = cluster ? kubeletStates(cluster)[host.name] : undefined;
  let bytes = 0;
  for (const image of Object.values(state?.images ?? {})) bytes += image.size;
  return Math.ceil(bytes / 1024);
}

export function hostMounts(env: Environment, host: Host): Mount[] {
  const rootUsed = ROOT_BASE_USED + imageKiB(env, host);
  const root: Mount = {
    source: "/dev/vda1",
    type: "ext4",
    target: "/",
    options: "rw,relatime,discard,errors=remount-ro",
    measured: true,
    size: ROOT_SIZE,
    used: rootUsed,
    available: Math.max(0, ROOT_SIZE - rootUsed - ROOT_RESERVED),
    inodes: ROOT_INODES,
    inodesUsed: 186_412 + Math.floor(rootUsed / 160),
  };
  const ram = MEM_TOTAL_KB;
  const loginUid = host.cluster ? 0 : 1000;
  const mounts: Mount[] = [
    pseudo("sysfs", "sysfs", "/sys", "rw,nosuid,nodev,noexec,relatime"),
    pseudo("proc", "proc", "/proc", "rw,nosuid,nodev,noexec,relatime"),
    { ...tmpfs("/dev", 1_983_448, 0, "nosuid,relatime,size=1983448k,nr_inodes=495862,mode=755,inode64", "udev"), type: "devtmpfs" },
    pseudo("devpts", "devpts", "/dev/pts", "rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000"),
    tmpfs("/run", Math.floor(ram / 10), 1_164 + (host.cluster ? 2_048 : 0), `nosuid,nodev,noexec,relatime,size=${Math.floor(ram / 10)}k,mode=755,inode64`),
    root,
    pseudo("securityfs", "securityfs", "/sys/kernel/security", "rw,nosuid,nodev,noexec,relatime"),
    tmpfs("/dev/shm", Math.floor(ram / 2), 0, "nosuid,nodev,inode64"),
    tmpfs("/run/lock", 5_120, 0, "nosuid,nodev,noexec,relatime,size=5120k,inode64"),
    pseudo("cgroup2", "cgroup2", "/sys/fs/cgroup", "rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot"),
    { source: "/dev/vda15", type: "vfat", target: "/boot/efi", options: "rw,relatime,fmask=0077,dmask=0077,codepage=437,iocharset=iso8859-1,shortname=mixed,errors=remount-ro", measured: true, size: 106_858, used: 6_186, available: 100_672, inodes: 0, inodesUsed: 0 },
  ];
  const cluster = host.cluster ? env.clusters.get(host.cluster) : undefined;
  const state = cluster && host.services.get("containerd")?.active === "active" ? kubeletStates(cluster)[host.name] : undefined;
  for (const pod of Object.values(state?.pods ?? {}).sort((a, b) => a.createdAt - b.createdAt)) {
    if (!pod.sandboxId) continue;
    mounts.push(tmpfs(`/run/containerd/io.containerd.grpc.v1.cri/sandboxes/${pod.sandboxId}/shm`, 65_536, 0, "nosuid,nodev,noexec,relatime,size=65536k,inode64", "shm"));
    const overlay = (id: string): Mount => {
      const snapshot = 40 + (parseInt(id.slice(0, 6), 16) % 4000);
      const layers = `${SNAPSHOTS}/${snapshot - 1}/fs:${SNAPSHOTS}/${snapshot - 2}/fs`;
      return { ...root, source: "overlay", type: "overlay", target: `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${id}/rootfs`, options: `rw,relatime,lowerdir=${layers},upperdir=${SNAPSHOTS}/${snapshot}/fs,workdir=${SNAPSHOTS}/${snapshot}/work` };
    };
    mounts.push(overlay(pod.sandboxId));
    for (const c of Object.values(pod.containers)) if (c.state === "running" && c.id) mounts.push(overlay(c.id));
  }
  mounts.push(tmpfs(`/run/user/${loginUid}`, Math.floor(ram / 10), 4, `nosuid,nodev,relatime,size=${Math.floor(ram / 10)}k,nr_inodes=100273,mode=700,inode64`));
  return mounts;
}

/** /proc/mounts: "source target type options 0 0" per mount, in mount order. */
export function procMountsText(mounts: Mount[]): string {
  return mounts.map((m) => `${m.source} ${m.target} ${m.type} ${m.options} 0 0\n`).join("");
}
