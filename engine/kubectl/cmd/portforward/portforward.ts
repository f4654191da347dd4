import type { KubeObject } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { usageError } from "../../cli/errors";
import { check } from "../../client/rest";
import { WAIT_STEP_MS } from "../../client/wait-loop";
import { attachablePod, type PodLike } from "../exec/attachable-pod";
import { podRunningTimeout } from "../exec/exec";

/**
 * `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT...`: resolves named and service ports
 * as kubectl does, opens pods/portforward, then listens on the workstation's loopback (the network
 * model routes `curl localhost:LOCAL_PORT` there into the pod) until Ctrl-C.
 */
type Service = KubeObject & { spec: { clusterIP?: string; ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[] } };

function splitPort(port: string): [string, string] {
  const parts = port.split(":");
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[0]];
}

const isInt = (s: string) => /^[+-]?\d+$/.test(s);

function containerPortByName(pod: PodLike, name: string): number {
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  throw new Error(`Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}

/** convertPodNamedPortToNumber. */
function podPorts(args: string[], pod: PodLike): string[] {
  return args.map((port) => {
    const [local, remote] = splitPort(port);
    const container = isInt(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${container}` : container;
  });
}

/** translateServicePortToTargetPort: a service port becomes the container port it targets. */
function servicePorts(args: string[], svc: Service, pod: PodLike): string[] {
  return args.map((port) => {
    let [local, remote] = splitPort(port);
    let number = Number(remote);
    if (!isInt(remote)) {
      const named = svc.spec.ports?.find((p) => p.name === remote);
      if (!named) throw new Error(`Service '${svc.metadata.name}' does not have a named port '${remote}'`);
      number = named.port;
      if (local === remote) local = String(number);
    }
    const spec = svc.spec.ports?.find((p) => p.port === number);
    if (!spec) throw new Error(`Service ${svc.metadata.name} does not have a service port ${number}`);
    let target: number;
    if (svc.spec.clusterIP === "None") target = number;
    else if (typeof spec.targetPort === "string" && !isInt(spec.targetPort)) target = containerPortByName(pod, spec.targetPort);
    else target = Number(spec.targetPort ?? 0) || spec.port;
    remote = String(target);
    return local !== remote ? (local ? `${local}:${remote}` : `:${remote}`) : remote;
  });
}

/** strconv.ParseUint(s, 10, 16) with Go's error text. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  return n > 65535 ? `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` : n;
}

/** client-go's parsePorts. */
function parsePorts(ports: string[]): { local: number; remote: number }[] {
  return ports.map((text) => {
    const parts = text.split(":");
    if (parts.length > 2) throw new Error(`invalid port format '${text}'`);
    const localText = parts.length === 1 ? parts[0] : parts[0] || "0";
    const remoteText = parts.length === 1 ? parts[0] : parts[1];
    const local = parseUint16(localText);
    if (typeof local === "string") throw new Error(`error parsing local port '${localText}': ${local}`);
    const remote = parseUint16(remoteText);
    if (typeof remote === "string") throw new Error(`error parsing remote port '${remoteText}': ${remote}`);
    if (remote === 0) throw new Error("remote port must be > 0");
    return { local, remote };
  });
}

/** The addresses kubectl listens on: `localhost` means both loopbacks. */
function listenAddresses(c: CommandContext): string[] {
  const given = c.flags.strings("address");
  const list = given.length ? given.flatMap((a) => a.split(",")) : ["localhost"];
  return list.flatMap((a) => (a === "localhost" ? ["127.0.0.1", "[::1]"] : [a.includes(":") ? `[${a}]` : a]));
}

registerCommand("port-forward", async (c) => {
  if (c.args.length < 2) throw usageError(c.commandPath, "TYPE/NAME and list of ports are required for port-forward");
  const ns = c.factory.namespace().namespace;
  const target = c.args[0];
  const pod = await attachablePod(c, target, podRunningTimeout(c));
  let ports: string[];
  const slash = target.indexOf("/");
  const mapping = slash >= 0 ? c.factory.discovery().resolve(target.slice(0, slash)) : undefined;
  if (mapping?.resource === "services" && mapping.group === "") {
    const svc = check(c.factory.rest().request({ method: "GET", path: `/api/v1/namespaces/${ns}/services/${target.slice(slash + 1)}` })) as Service;
    ports = servicePorts(c.args.slice(1), svc, pod);
  } else ports = podPorts(c.args.slice(1), pod);
  const current = check(c.factory.rest().request({ method: "GET", path: `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}` })) as PodLike;
  if (current.status?.phase !== "Running") throw new Error(`unable to forward port because pod is not running. Current status=${current.status?.phase ?? ""}`);
  const forwards = parsePorts(ports);
  const response = c.factory.rest().request({ method: "POST", path: `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}/portforward` });
  if (response.status !== 101) check(response);
  const network = c.ctx.environment.network;
  if (!network?.forwardPort) throw new Error("port forwarding is not available in this Kubecoach environment");
  const cluster = c.factory.transport().cluster?.name ?? c.ctx.environment.cluster().name;
  const stops: (() => void)[] = [];
  const addresses = listenAddresses(c);
  try {
    for (const f of forwards) {
      // A local port of 0 asks the system for a free one.
      const local = f.local || 32768 + c.ctx.environment.random.int(28000);
      const stop = network.forwardPort(c.ctx.host.name, local, { cluster, namespace: ns, pod: pod.metadata.name!, port: f.remote, onConnection: () => c.out(`Handling connection for ${local}\n`) });
      if (typeof stop !== "function") {
        c.err(`Unable to listen on port ${local}: ${stop.error.replace(/^unable to listen on port \d+: /, "")}\n`);
        continue;
      }
      stops.push(stop);
      for (const address of addresses) c.out(`Forwarding from ${address}:${local} -> ${f.remote}\n`);
    }
    if (stops.length === 0) throw new Error(`unable to listen on any of the requested ports: [${forwards.map((f) => `{${f.local} ${f.remote}}`).join(" ")}]`);
    // Forwarding lasts until Ctrl-C, which kubectl catches to stop quietly (exit 0), or the pod goes away.
    for (;;) {
      if (c.ctx.signal.aborted) return 0;
      const before = c.ctx.environment.clock.now();
      await c.ctx.sleep(WAIT_STEP_MS);
      // A simulation whose clock does not move (paused) can bring no connection: stop listening.
      if (c.ctx.environment.clock.now() === before && !c.ctx.signal.aborted) return 0;
      const now = c.factory.rest().request({ method: "GET", path: `/api/v1/namespaces/${ns}/pods/${pod.metadata.name}` });
      if (now.status === 404) throw new Error("lost connection to pod");
    }
  } finally {
    for (const stop of stops) stop();
  }
});
