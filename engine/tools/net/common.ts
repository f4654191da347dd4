import type { NetworkModel, NetworkOrigin } from "../../network/types";
import type { ProgramContext } from "../../process/types";

/**
 * What the network programs share: where they run from (a host, or the pod of a `kubectl exec`
 * shell), name resolution the way getaddrinfo does it (/etc/hosts first on a host, then DNS), and
 * the kernel's connect timeout when packets are dropped.
 */
export const SYN_TIMEOUT_MS = 127_000;

export function originOf(ctx: ProgramContext): NetworkOrigin {
  return ctx.origin ?? { type: "host", host: ctx.host.name };
}

/** Busybox flavours inside containers; GNU/BSD tools on the Ubuntu hosts. */
export function inContainer(ctx: ProgramContext): boolean {
  return ctx.origin?.type === "pod";
}

export function networkOf(ctx: ProgramContext, program: string): NetworkModel | undefined {
  const model = ctx.environment.network;
  if (!model) ctx.stderr(`${program}: the network is not available in Kubecoach yet\n`);
  return model;
}

export const isIPv4 = (s: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(s);

export type Resolution = { ok: true; address: string; canonical: string } | { ok: false; error: "NXDOMAIN" | "SERVFAIL" | "timeout" };

/** getaddrinfo: an IP literal, /etc/hosts on a host, then the resolver (with the pod's search path). */
export function lookup(ctx: ProgramContext, model: NetworkModel, name: string): Resolution {
  if (isIPv4(name)) return { ok: true, address: name, canonical: name };
  if (name === "localhost") return { ok: true, address: "127.0.0.1", canonical: "localhost" };
  if (!inContainer(ctx)) {
    const hosts = ctx.host.fs.readFileSync("/etc/hosts") ?? "";
    for (const line of hosts.split("\n")) {
      const fields = line.replace(/#.*/, "").trim().split(/\s+/);
      if (fields.length >= 2 && isIPv4(fields[0]) && fields.slice(1).includes(name)) return { ok: true, address: fields[0], canonical: name };
    }
  }
  const r = model.resolve(originOf(ctx), name, "A");
  if (!r.ok) return { ok: false, error: r.error };
  if (r.addresses.length === 0) return { ok: false, error: "NXDOMAIN" };
  return { ok: true, address: r.addresses[0], canonical: r.name };
}

/** Parses `1.5`, `2s`, `500ms` style durations (seconds by default) into ms. */
export function seconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/s$/, ""));
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 1000) : undefined;
}

export const SERVICE_NAMES: Record<number, string> = { 22: "ssh", 53: "domain", 80: "http", 443: "https", 2379: "*", 6443: "*", 8080: "http-alt", 3306: "mysql", 5432: "postgresql", 6379: "redis" };

/**
 * Saves a download where the user asked, through the filesystem as the user sees it: a container's
 * own files under `kubectl exec`, /dev/null, Unix permissions. False when it cannot be written.
 */
export async function saveDownload(ctx: ProgramContext, file: string, content: string): Promise<boolean> {
  const path = file.startsWith("/") ? file : `${ctx.cwd}/${file}`;
  try {
    if (ctx.fs) await ctx.fs.writeFile(path, content);
    else ctx.host.fs.writeFileSync(path, content, { createParents: false });
    return true;
  } catch {
    return false;
  }
}
