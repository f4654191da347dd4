import type { KubeObject } from "../api/types";
import type { ContainerFs } from "./container-fs";
import type { HttpBehaviour } from "./images";
import type { ContainerSpec, Probe } from "./pod-types";
import { newScript, runScript } from "./process/shell/run";
import type { ScriptHost } from "./process/shell/host";
import type { ProcessState } from "./process/types";

/**
 * Probe handlers as the kubelet's prober runs them against the simulated process: httpGet and
 * tcpSocket reach the container's listeners, exec runs the command in the container's filesystem,
 * grpc checks the port. Failure texts are the prober's own (they end up in Unhealthy events).
 */
export type ProbeOutcome = { ok: true } | { ok: false; message: string };

export function resolvePort(port: number | string, container: ContainerSpec): number | undefined {
  if (typeof port === "number") return port;
  if (/^\d+$/.test(port)) return Number(port);
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** What an HTTP GET to one of the process's listeners returns. */
export function serveHttp(http: HttpBehaviour | undefined, path: string, fs: ContainerFs | undefined, hostname: string): { status: number; body: string; headers: Record<string, string> } | undefined {
  if (!http) return undefined;
  const headers: Record<string, string> = http.serverHeader ? { server: http.serverHeader } : {};
  const clean = path.split("?")[0] || "/";
  const special = http.statuses?.[clean];
  if (special) return { status: special.status, body: special.body, headers };
  if (http.echo !== undefined) return { status: 200, body: http.echo.replace(/\{hostname\}/g, hostname), headers };
  if (http.pages && clean in http.pages) return { status: 200, body: http.pages[clean], headers };
  if (http.documentRoot && fs) {
    const file = `${http.documentRoot}${clean.endsWith("/") ? `${clean}index.html` : clean}`;
    const body = fs.read(file);
    if (body !== undefined) return { status: 200, body, headers: { ...headers, "content-type": "text/html" } };
  }
  return { status: 404, body: http.notFoundBody ?? "404 page not found\n", headers };
}

export function runProbe(probe: Probe, container: ContainerSpec, proc: ProcessState | undefined, podIP: string, now: number, fs: ContainerFs | undefined, host: ScriptHost | undefined, pod: KubeObject): ProbeOutcome {
  const listening = (port: number) => proc && proc.exitAt === undefined && proc.listeningAt <= now ? proc.listens.find((l) => l.port === port && l.protocol === "TCP") : undefined;
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container);
    const scheme = (probe.httpGet.scheme ?? "HTTP").toLowerCase();
    const target = probe.httpGet.host ?? podIP;
    const path = probe.httpGet.path ?? "/";
    const url = `${scheme}://${target}:${port}${path}`;
    if (port === undefined) return { ok: false, message: `Get "${url}": dial tcp: address ${probe.httpGet.port}: invalid port` };
    const listener = listening(port);
    if (!listener) return { ok: false, message: `Get "${url}": dial tcp ${target}:${port}: connect: connection refused` };
    // Components serving HTTPS health endpoints (apiserver /livez, …) answer ok when up.
    if (!listener.http) return scheme === "https" || /^\/(livez|readyz|healthz)/.test(path) ? { ok: true } : { ok: false, message: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response "\\x00\\x00"` };
    const response = serveHttp(listener.http, path, fs, proc!.hostname)!;
    if (response.status >= 200 && response.status < 400) return { ok: true };
    return { ok: false, message: `HTTP probe failed with statuscode: ${response.status}` };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    const target = probe.tcpSocket.host ?? podIP;
    if (port !== undefined && listening(port)) return { ok: true };
    return { ok: false, message: `dial tcp ${target}:${port ?? probe.tcpSocket.port}: connect: connection refused` };
  }
  if (probe.grpc) {
    if (listening(probe.grpc.port)) return { ok: true };
    return { ok: false, message: `timeout: failed to connect service "${podIP}:${probe.grpc.port}" within ${probe.timeoutSeconds ?? 1}s: context deadline exceeded` };
  }
  if (probe.exec) {
    if (!host) return { ok: false, message: "container is not running" };
    const [program, ...rest] = probe.exec.command;
    if (!host.has(program)) return { ok: false, message: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${program}": executable file not found in $PATH: unknown` };
    const source = ["sh", "/bin/sh", "bash", "/bin/bash"].includes(program) && rest[0] === "-c" ? rest[1] ?? "" : probe.exec.command.map((a) => (/^[\w./:=@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
    const script = newScript(source, "sh", { ...(proc?.script?.vars ?? {}) }, now);
    const run = runScript(script, host, now);
    const out = run.output.map((o) => o.text).join("\n");
    const code = run.exit?.code ?? 0;
    if (!run.exit && run.wakeAt !== undefined) return { ok: false, message: `command timed out: "${probe.exec.command.join(" ")}" timed out after ${probe.timeoutSeconds ?? 1}s` };
    void pod;
    return code === 0 ? { ok: true } : { ok: false, message: out ? `${out}\n` : "" };
  }
  return { ok: true };
}
