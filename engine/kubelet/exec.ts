import type { KubeObject } from "../api/types";
import type { Cluster } from "../cluster/cluster";
import { lookupImage, parseImageRef } from "./images";
import { clusterNetwork } from "./network-hooks";
import { openContainer } from "./open-container";
import type { PodSpec } from "./pod-types";
import { imageHas } from "./process/start";
import type { ScriptHost } from "./process/shell/host";
import { newScript, runScript } from "./process/shell/run";

/**
 * Running a command in a container (what pods/exec does), synchronously through the container
 * script interpreter over the container's filesystem, environment and network. For the emulated
 * kubectl: `kubectl exec pod -- cat /etc/config/app.conf`, `env`, `ls`, `wget -qO- svc`, `touch`.
 * Interactive shells over a stream are the shell's; this answers one command.
 */
export type ExecResult = { ok: true; stdout: string; stderr: string; exitCode: number } | { ok: false; status: number; message: string };

export function execInContainer(cluster: Cluster, pod: KubeObject, containerName: string | undefined, argv: string[], stdin = ""): ExecResult {
  const spec = pod.spec as PodSpec;
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === "Succeeded" || phase === "Failed") return { ok: false, status: 400, message: `cannot exec into a container in a completed pod; current phase is ${phase}` };
  const name = containerName ?? spec.containers[0]?.name;
  const containerSpec = [...spec.containers, ...(spec.initContainers ?? [])].find((c) => c.name === name);
  if (!containerSpec) return { ok: false, status: 400, message: `container ${name} is not valid for pod ${pod.metadata.name}` };
  const open = openContainer(cluster, pod, name);
  if (!open || open.container.state !== "running") return { ok: false, status: 400, message: `unable to upgrade connection: container not found ("${name}")` };
  const ref = parseImageRef(containerSpec.image ?? "");
  const found = ref && lookupImage(ref);
  if (!found?.found) return { ok: false, status: 500, message: "container image is not available" };
  const image = found.image;
  const [program, ...rest] = argv;
  if (!program || !imageHas(image, program)) {
    const why = program?.startsWith("/") ? `exec: "${program}": stat ${program}: no such file or directory` : `exec: "${program ?? ""}": executable file not found in $PATH`;
    return { ok: false, status: 500, message: `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${open.container.id}": OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown` };
  }
  const network = clusterNetwork(cluster);
  const origin = { type: "pod" as const, cluster: cluster.name, namespace: pod.metadata.namespace!, pod: pod.metadata.name!, container: name };
  const proc = open.container.process;
  const now = cluster.clock.now();
  const host: ScriptHost = {
    fs: open.fs,
    hostname: proc?.hostname ?? pod.metadata.name!,
    has: (p) => imageHas(image, p),
    http: (url) => {
      const u = new URL(url);
      if (!network) return { ok: false, error: "unreachable", host: u.hostname, port: Number(u.port || 80) };
      const r = network.http(origin, url, { method: "GET", headers: {} });
      return r.ok ? { ok: true, status: r.response.status, statusText: r.response.statusText, body: r.response.body, remote: r.remote } : { ok: false, error: r.error, detail: r.detail, host: u.hostname, port: Number(u.port || 80) };
    },
    resolve: (n) => {
      const r = network?.resolve(origin, n);
      return r?.ok ? { ok: true, addresses: r.addresses, name: r.name, server: r.server } : { ok: false, server: r?.server ?? "10.96.0.10" };
    },
    connect: (h, p) => {
      const r = network?.connect(origin, h, p);
      return r?.ok ? { ok: true } : { ok: false, error: r && !r.ok && r.error === "timeout" ? "Connection timed out" : "Connection refused" };
    },
    serve: () => true,
    allocate: () => undefined,
    selfListening: (port) => !!proc?.listens.some((l) => l.port === port) && (proc?.listeningAt ?? Infinity) <= now,
  };
  const shells = ["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash"];
  const source = shells.includes(program) && rest[0] === "-c" ? (rest[1] ?? "") : argv.map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
  const script = newScript(source, program.includes("bash") ? "bash" : "sh", { ...(open.container.env ?? {}) }, now);
  script.vars.__STDIN = stdin;
  const run = runScript(script, host, now);
  let stdout = "";
  let stderr = "";
  for (const line of run.output) {
    if (line.stream === "stdout") stdout += `${line.text}\n`;
    else stderr += `${line.text}\n`;
  }
  if (!run.exit) return { ok: true, stdout, stderr: stderr + "kubecoach: the command kept running; one-shot exec returns what it printed so far\n", exitCode: 0 };
  return { ok: true, stdout, stderr, exitCode: run.exit.code };
}
