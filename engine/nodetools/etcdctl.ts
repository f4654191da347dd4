import { X509Certificate } from "node:crypto";
import type { Cluster } from "../cluster/cluster";
import { normalize } from "../hosts/filesystem";
import { componentServing } from "../controlplane/health";
import { layoutOf } from "../controlplane/plugin";
import { decodeSnapshot, encodeSnapshot, etcdEntries, humanBytes, snapshotHash } from "../controlplane/etcd/keyspace";
import { ETCD_IMAGE_TAG } from "../controlplane/files/manifests";
import { PROGRAMS } from "../programs";
import type { ProgramContext } from "../process/types";

/**
 * etcdctl and etcdutl (v3.5) against the simulated etcd: the endpoint must be where etcd listens,
 * the client certificate must be signed by the etcd CA (client-cert-auth is on), and the failures
 * look like etcdctl's (a TLS or dial error retried until "context deadline exceeded").
 */
const ETCD_VERSION = ETCD_IMAGE_TAG.replace(/-\d+$/, "");
const MEMBER_ID = "8e9e05c52164694d";

interface Parsed {
  positional: string[];
  flags: Map<string, string>;
}

const BOOLEAN = new Set(["prefix", "keys-only", "insecure-skip-tls-verify", "print-value-only", "hex", "count-only", "skip-hash-check"]);

function parse(args: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("--") || (a.startsWith("-") && a.length === 2)) {
      const body = a.replace(/^--?/, "");
      const eq = body.indexOf("=");
      const name = eq >= 0 ? body.slice(0, eq) : body === "w" ? "write-out" : body;
      if (eq >= 0) flags.set(name, body.slice(eq + 1));
      else if (BOOLEAN.has(name)) flags.set(name, "true");
      else flags.set(name, args[++i] ?? "");
    } else positional.push(a);
  }
  return { positional, flags };
}

function ts(ctx: ProgramContext): string {
  return new Date(ctx.environment.clock.now()).toISOString().replace(/Z$/, "000Z");
}

function table(headers: string[], rows: string[][], rightAlign: boolean[] = []): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = `+${widths.map((w) => "-".repeat(w + 2)).join("+")}+`;
  const center = (s: string, w: number) => {
    const left = Math.floor((w - s.length) / 2);
    return " ".repeat(left) + s + " ".repeat(w - s.length - left);
  };
  const out = [line, `|${headers.map((h, i) => ` ${center(h, widths[i])} `).join("|")}|`, line];
  for (const r of rows) out.push(`|${r.map((c, i) => ` ${rightAlign[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])} `).join("|")}|`);
  out.push(line);
  return out.join("\n") + "\n";
}

function clusterFor(ctx: ProgramContext, endpoint: string): { cluster?: Cluster; reason?: string } {
  const hostPart = endpoint.replace(/^https?:\/\//, "").split(":")[0];
  const port = Number(endpoint.replace(/^https?:\/\//, "").split(":")[1] ?? 2379);
  for (const cluster of ctx.environment.clusters.values()) {
    const cp = layoutOf(cluster).controlPlane;
    const local = hostPart === "127.0.0.1" || hostPart === "localhost";
    if ((local && ctx.host.name === cp.name) || hostPart === cp.ip) {
      if (port !== 2379) return { reason: `connection error: desc = "transport: Error while dialing: dial tcp ${hostPart}:${port}: connect: connection refused"` };
      return { cluster };
    }
  }
  return { reason: `connection error: desc = "transport: Error while dialing: dial tcp ${hostPart}:${port}: connect: connection refused"` };
}

async function connectionFailure(ctx: ProgramContext, endpoint: string, reason: string): Promise<number> {
  await ctx.sleep(5000);
  const target = endpoint.replace(/^https?:\/\//, "");
  ctx.stderr(`{"level":"warn","ts":"${ts(ctx)}","logger":"etcd-client","caller":"v3@v3.5.21/retry_interceptor.go:63","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000372000/${target}","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: ${reason.replace(/"/g, '\\"')}"}\n`);
  ctx.stderr("Error: context deadline exceeded\n");
  return 1;
}

/** Resolves the cluster behind the endpoints and checks the TLS material against the etcd CA. */
async function connect(ctx: ProgramContext, p: Parsed): Promise<{ cluster: Cluster; endpoint: string } | number> {
  const endpoint = (p.flags.get("endpoints") ?? ctx.env.ETCDCTL_ENDPOINTS ?? "127.0.0.1:2379").split(",")[0];
  const file = (name: string, env: string) => p.flags.get(name) ?? ctx.env[env];
  const [cacert, cert, key] = [file("cacert", "ETCDCTL_CACERT"), file("cert", "ETCDCTL_CERT"), file("key", "ETCDCTL_KEY")];
  const read = (path: string | undefined) => (path ? ctx.host.fs.readFileSync(normalize(path.startsWith("/") ? path : `${ctx.cwd}/${path}`)) : undefined);
  for (const path of [cacert, cert, key]) {
    if (path && read(path) === undefined) {
      ctx.stderr(`Error: open ${path}: no such file or directory\n`);
      return 1;
    }
  }
  const found = clusterFor(ctx, endpoint);
  if (!found.cluster) return connectionFailure(ctx, endpoint, found.reason!);
  const cluster = found.cluster;
  if (!componentServing(cluster, "etcd").up) return connectionFailure(ctx, endpoint, `connection error: desc = "transport: Error while dialing: dial tcp ${endpoint.replace(/^https?:\/\//, "")}: connect: connection refused"`);
  const cpHost = cluster.hosts.get(layoutOf(cluster).controlPlane.name)!;
  const etcdCa = cpHost.fs.readFileSync("/etc/kubernetes/pki/etcd/ca.crt");
  if (!cacert || !cert || !key || !etcdCa) return connectionFailure(ctx, endpoint, 'connection error: desc = "error reading server preface: EOF"');
  try {
    const ca = new X509Certificate(read(cacert)!);
    if (ca.fingerprint256 !== new X509Certificate(etcdCa).fingerprint256) {
      return connectionFailure(ctx, endpoint, 'connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"');
    }
    if (!new X509Certificate(read(cert)!).checkIssued(ca)) return connectionFailure(ctx, endpoint, 'connection error: desc = "transport: authentication handshake failed: remote error: tls: bad certificate"');
  } catch {
    ctx.stderr(`Error: tls: failed to find any PEM data in certificate input\n`);
    return 1;
  }
  return { cluster, endpoint: endpoint.replace(/^https?:\/\//, "") };
}

function resolvePath(ctx: ProgramContext, path: string): string {
  return normalize(path.startsWith("/") ? path : `${ctx.cwd}/${path}`);
}

function writeDataDir(ctx: ProgramContext, snapshotPath: string, dataDir: string, name: string): number {
  const text = ctx.host.fs.readFileSync(resolvePath(ctx, snapshotPath));
  if (text === undefined) {
    ctx.stderr(`Error: open ${snapshotPath}: no such file or directory\n`);
    return 1;
  }
  const snapshot = decodeSnapshot(text);
  if (!snapshot) {
    ctx.stderr(`Error: snapshot file integrity check failed. 0 errors found.\n`);
    return 1;
  }
  const dir = resolvePath(ctx, dataDir);
  if (ctx.host.fs.existsSync(dir) && ctx.host.fs.readdirSync(dir).length > 0) {
    ctx.stderr(`Error: data-dir "${dataDir}" not empty or could not be read\n`);
    return 1;
  }
  const t = ts(ctx);
  ctx.stderr(`{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:265","msg":"restoring snapshot","path":"${snapshotPath}","wal-dir":"${dataDir}/member/wal","data-dir":"${dataDir}","snap-dir":"${dataDir}/member/snap","initial-memory-map-size":10737418240}\n`);
  ctx.host.fs.writeFileSync(`${dir}/member/snap/db`, text, { mode: 0o600 });
  ctx.host.fs.mkdirSync(`${dir}/member/wal`, { recursive: true });
  ctx.stderr(`{"level":"info","ts":"${t}","caller":"membership/store.go:141","msg":"Trimming membership information from the backend..."}\n`);
  ctx.stderr(`{"level":"info","ts":"${t}","caller":"membership/cluster.go:421","msg":"added member","cluster-id":"cdf818194e3a8c32","local-member-id":"0","added-peer-id":"${MEMBER_ID}","added-peer-peer-urls":["http://localhost:2380"]}\n`);
  ctx.stderr(`{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:293","msg":"restored snapshot","path":"${snapshotPath}","wal-dir":"${dataDir}/member/wal","data-dir":"${dataDir}","snap-dir":"${dataDir}/member/snap","initial-memory-map-size":10737418240}\n`);
  void name;
  return 0;
}

function snapshotStatus(ctx: ProgramContext, path: string, format: string | undefined): number {
  const text = ctx.host.fs.readFileSync(resolvePath(ctx, path));
  if (text === undefined) {
    ctx.stderr(`Error: stat ${path}: no such file or directory\n`);
    return 1;
  }
  const snapshot = decodeSnapshot(text);
  if (!snapshot) {
    ctx.stderr("Error: invalid database\n");
    return 1;
  }
  const row = [snapshotHash(text), String(snapshot.revision), String(snapshot.keys), humanBytes(text.length)];
  if (format === "table") ctx.stdout(table(["HASH", "REVISION", "TOTAL KEYS", "TOTAL SIZE"], [row], [false, true, true, true]));
  else if (format === "json") ctx.stdout(JSON.stringify({ hash: parseInt(row[0], 16), revision: snapshot.revision, totalKey: snapshot.keys, totalSize: text.length }) + "\n");
  else ctx.stdout(`${row.join(", ")}\n`);
  return 0;
}

async function etcdctl(ctx: ProgramContext): Promise<number> {
  const p = parse(ctx.args);
  const [command, sub, ...rest] = p.positional;
  const format = p.flags.get("write-out");
  if (!command) {
    ctx.stdout("NAME:\n\tetcdctl - A simple command line client for etcd3.\n\nUSAGE:\n\tetcdctl [flags]\n\nVERSION:\n\t3.5.21\n\nAPI VERSION:\n\t3.5\n");
    return 0;
  }
  if (ctx.env.ETCDCTL_API === "2") {
    ctx.stderr(`No help topic for '${command}'\n`);
    return 3;
  }
  if (command === "version") {
    ctx.stdout(`etcdctl version: ${ETCD_VERSION}\nAPI version: 3.5\n`);
    return 0;
  }
  if (command === "snapshot" && sub === "restore") {
    ctx.stderr("Deprecated: Use `etcdutl snapshot restore` instead.\n\n");
    if (!rest[0]) {
      ctx.stderr("Error: snapshot restore command needs 1 argument\n");
      return 1;
    }
    return writeDataDir(ctx, rest[0], p.flags.get("data-dir") ?? `${p.flags.get("name") ?? "default"}.etcd`, p.flags.get("name") ?? "default");
  }
  if (command === "snapshot" && sub === "status") {
    ctx.stderr("Deprecated: Use `etcdutl snapshot status` instead.\n\n");
    return snapshotStatus(ctx, rest[0] ?? "", format);
  }
  const known = ["snapshot", "get", "member", "endpoint", "put", "del"];
  if (!known.includes(command)) {
    ctx.stderr(`Error: unknown command "${command}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`);
    return 1;
  }
  const conn = await connect(ctx, p);
  if (typeof conn === "number") return conn;
  const { cluster, endpoint } = conn;
  switch (command) {
    case "snapshot": {
      if (sub !== "save" || !rest[0]) {
        ctx.stderr("Error: snapshot save expects one argument\n");
        return 1;
      }
      const path = resolvePath(ctx, rest[0]);
      const text = encodeSnapshot(cluster);
      const t = ts(ctx);
      ctx.stderr(`{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"${rest[0]}.part"}\n`);
      ctx.stderr(`{"level":"info","ts":"${t}","logger":"client","caller":"v3@v3.5.21/maintenance.go:212","msg":"opened snapshot stream; downloading"}\n`);
      ctx.stderr(`{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"${endpoint}"}\n`);
      ctx.stderr(`{"level":"info","ts":"${t}","logger":"client","caller":"v3@v3.5.21/maintenance.go:220","msg":"completed snapshot read; closing"}\n`);
      try {
        ctx.host.fs.writeFileSync(path, text, { mode: 0o600, createParents: false });
      } catch (e) {
        ctx.stderr(`Error: could not open ${rest[0]}.part (${(e as Error).message.replace(/^\w+: /, "").replace(/, .*$/, "")})\n`);
        return 1;
      }
      ctx.stderr(`{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:88","msg":"fetched snapshot","endpoint":"${endpoint}","size":"${humanBytes(text.length)}","took":"now"}\n`);
      ctx.stderr(`{"level":"info","ts":"${t}","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"${rest[0]}"}\n`);
      ctx.stdout(`Snapshot saved at ${rest[0]}\n`);
      return 0;
    }
    case "get": {
      const key = sub ?? "";
      const prefix = p.flags.get("prefix") === "true";
      const entries = etcdEntries(cluster).filter((e) => (prefix ? e.key.startsWith(key) : e.key === key));
      if (p.flags.get("count-only") === "true") return 0;
      let out = "";
      for (const e of entries) {
        if (p.flags.get("keys-only") === "true") out += `${e.key}\n\n`;
        else if (p.flags.get("print-value-only") === "true") out += `${JSON.stringify(e.obj)}\n`;
        else out += `${e.key}\n${JSON.stringify(e.obj)}\n`;
      }
      ctx.stdout(out);
      return 0;
    }
    case "member": {
      if (sub !== "list") {
        ctx.stderr(`Error: unknown command "${sub ?? ""}" for "etcdctl member"\n`);
        return 1;
      }
      const cp = layoutOf(cluster).controlPlane;
      const row = [MEMBER_ID, "started", cp.name, `https://${cp.ip}:2380`, `https://${cp.ip}:2379`, "false"];
      if (format === "table") ctx.stdout(table(["ID", "STATUS", "NAME", "PEER ADDRS", "CLIENT ADDRS", "IS LEARNER"], [row], [false, false, false, false, false, true]));
      else ctx.stdout(`${row.join(", ")}\n`);
      return 0;
    }
    case "endpoint": {
      if (sub === "health") {
        ctx.stdout(`${endpoint} is healthy: successfully committed proposal: took = 9.872131ms\n`);
        return 0;
      }
      if (sub === "status") {
        const size = humanBytes(encodeSnapshot(cluster).length);
        const rev = String(cluster.store.currentRevision);
        const row = [endpoint, MEMBER_ID, ETCD_VERSION, size, "true", "false", "2", rev, rev, ""];
        if (format === "table") ctx.stdout(table(["ENDPOINT", "ID", "VERSION", "DB SIZE", "IS LEADER", "IS LEARNER", "RAFT TERM", "RAFT INDEX", "RAFT APPLIED INDEX", "ERRORS"], [row]));
        else ctx.stdout(`${row.join(", ")}\n`);
        return 0;
      }
      ctx.stderr(`Error: unknown command "${sub ?? ""}" for "etcdctl endpoint"\n`);
      return 1;
    }
    default:
      ctx.stderr(`Error: etcdctl ${command} is not available in Kubecoach yet: the simulated etcd is written through the API server\n`);
      return 1;
  }
}

async function etcdutl(ctx: ProgramContext): Promise<number> {
  const p = parse(ctx.args);
  const [command, sub, ...rest] = p.positional;
  if (command === "version") {
    ctx.stdout(`etcdutl version: ${ETCD_VERSION}\nAPI version: 3.5\n`);
    return 0;
  }
  if (command === "snapshot" && sub === "restore" && rest[0]) return writeDataDir(ctx, rest[0], p.flags.get("data-dir") ?? `${p.flags.get("name") ?? "default"}.etcd`, p.flags.get("name") ?? "default");
  if (command === "snapshot" && sub === "status" && rest[0]) return snapshotStatus(ctx, rest[0], p.flags.get("write-out"));
  ctx.stderr(`Error: unknown command "${[command, sub].filter(Boolean).join(" ")}" for "etcdutl"\n`);
  return 1;
}

PROGRAMS.register(["etcdctl"], etcdctl);
PROGRAMS.register(["etcdutl"], etcdutl);
