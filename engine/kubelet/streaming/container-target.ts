import type { KubeObject } from "../../api/types";
import type { Cluster } from "../../cluster/cluster";
import type { NetworkOrigin } from "../../network/types";
import { ephemeralContainers } from "../ephemeral";
import { lookupImage, parseImageRef, type ImageSpec } from "../images";
import type { PodSpec } from "../pod-types";
import { openContainer, type OpenContainer } from "../open-container";
import { imageHas } from "../process/start";
import { ContainerShellFs } from "./container-shell-fs";

/**
 * What a shell started inside a running container needs: its filesystem as the shell's interface,
 * the programs its image ships, its environment and working directory, and the pod as the network
 * origin (so `wget`, `nslookup` and `curl` go out from the pod, through its NetworkPolicies).
 */
export interface ContainerTarget {
  cluster: Cluster;
  pod: KubeObject;
  container: string;
  open: OpenContainer;
  image: ImageSpec;
  fs: ContainerShellFs;
  commands: ReadonlySet<string>;
  origin: NetworkOrigin;
  env: Record<string, string>;
  cwd: string;
  hostname: string;
}

const basename = (p: string) => p.replace(/^.*\//, "");

export function containerTarget(cluster: Cluster, pod: KubeObject, container: string): ContainerTarget | undefined {
  const open = openContainer(cluster, pod, container);
  if (!open || open.container.state !== "running") return undefined;
  const spec = [...((pod.spec as { containers: { name: string; image?: string; workingDir?: string }[] }).containers ?? []), ...((pod.spec as { initContainers?: { name: string; image?: string; workingDir?: string }[] }).initContainers ?? []), ...ephemeralContainers(pod.spec as PodSpec)].find((c) => c.name === container);
  const ref = parseImageRef(spec?.image ?? "");
  const found = ref ? lookupImage(ref) : undefined;
  if (!found?.found) return undefined;
  const image = found.image;
  const node = cluster.hosts.get(open.nodeName)!;
  const fs = new ContainerShellFs(open.fs, open.container.startedAt ?? cluster.clock.now(), (path) => {
    try {
      return node.fs.statSync(path);
    } catch {
      return undefined;
    }
  });
  const commands = new Set(image.binaries.map(basename));
  const hostname = open.container.process?.hostname ?? pod.metadata.name!;
  const path = image.os === "busybox" ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  const env = { PATH: path, HOSTNAME: hostname, ...(image.env ?? {}), ...(open.container.env ?? {}), HOME: "/root" };
  return {
    cluster,
    pod,
    container,
    open,
    image,
    fs,
    commands,
    origin: { type: "pod", cluster: cluster.name, namespace: pod.metadata.namespace!, pod: pod.metadata.name!, container },
    env,
    cwd: spec?.workingDir ?? image.workingDir ?? "/",
    hostname,
  };
}

/** The runtime's answer when the program to exec is not in the image (containerd and runc's words). */
export function missingProgramError(target: ContainerTarget, program: string): string | undefined {
  if (program && imageHas(target.image, program)) return undefined;
  const why = program.startsWith("/") ? `exec: "${program}": stat ${program}: no such file or directory` : `exec: "${program}": executable file not found in $PATH`;
  return `error executing command in container: failed to exec in container: failed to start exec "${target.open.container.id}": OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown`;
}

/** The interactive prompt of the image's shell: bash's `user@host:dir#`, busybox/alpine ash's `dir #`, dash's `#`. */
export function shellPrompt(target: ContainerTarget, shell: string): string {
  if (basename(shell) === "bash") return `root@${target.hostname}:\\w# `;
  if (target.image.os === "busybox" || target.image.os === "alpine") return "\\w # ";
  return "# ";
}

/** Shell words for argv, quoted only where the shell would need it. */
export function shellJoin(argv: string[]): string {
  return argv.map((a) => (/^[\w./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}
